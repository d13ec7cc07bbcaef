package dev.tcpip.docs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitNext;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples and claims of docs/callbacks.md. */
@ExtendWith(VertxExtension.class)
class CallbacksTest {
    private static final Logger log = LoggerFactory.getLogger(CallbacksTest.class);

    @Test
    void aPlainLambdaAdaptsWithOf(Vertx vertx) throws Exception {
        // tag::callback-of[]
        OneClientServer server = new OneClientServer(new ServerOptions().setName("dome"),
            ConnectCallback.of(s -> log.info("dome client connected={}", s.connected())));
        // end::callback-of[]
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        ((ch.qos.logback.classic.Logger) log).addAppender(logged);
        try {
            await(vertx.deployVerticle(server));
            try (Socket peer = RawSockets.rawConnect(server.port())) {
                await(server.connectedFuture());
                Await.awaitCondition("the callback has logged", () -> logged.list.size() == 1);
            }
            Await.awaitCondition("the callback has logged the drop", () -> logged.list.size() == 2);
            assertEquals("dome client connected=true", logged.list.get(0).getFormattedMessage());
            assertEquals("dome client connected=false", logged.list.get(1).getFormattedMessage());
        } finally {
            ((ch.qos.logback.classic.Logger) log).detachAppender(logged);
        }
    }

    @Test
    void aNullFutureCountsAsDone(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = new OneClientServer(new ServerOptions(), s -> {
            states.add(s.connected());
            return null;
        });
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertEquals(true, awaitNext(states));
        }
        assertEquals(false, awaitNext(states));
    }

    @Test
    void anAsynchronousCallbackIsWaitedFor(Vertx vertx) throws Exception {
        BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        vertx.eventBus().<JsonObject>consumer("dome.events", msg -> {
            events.add(msg.body());
            msg.reply("noted");
        });
        // tag::callback-async[]
        ConnectCallback<OneClientServer> reportConnection = s -> {
            JsonObject event = new JsonObject().put("connected", s.connected());
            return vertx.eventBus().request("dome.events", event)  // the next call waits for this
                .mapEmpty();
        };
        OneClientServer server = new OneClientServer(new ServerOptions(), reportConnection);
        // end::callback-async[]
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertEquals(new JsonObject().put("connected", true), awaitNext(events));
        }
        assertEquals(new JsonObject().put("connected", false), awaitNext(events));
    }

    @Test
    void calledOncePerChangeNeverTwiceWithTheSameValue(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = EndOfStreamTest.deploy(vertx, new ServerOptions(), states);
        await(server.callConnectCallback());
        assertNull(states.peek(), "no change yet: no call");
        for (int i = 0; i < 3; i++) {
            try (Socket peer = RawSockets.rawConnect(server.port())) {
                assertEquals(true, awaitNext(states));
                await(server.callConnectCallback());
            }
            assertEquals(false, awaitNext(states));
            await(server.closeClient());
            await(server.callConnectCallback());
        }
        await(server.close());
        assertNull(states.peek());
    }

    @Test
    void callsAreSerialisedEachWaitsForThePreviousFuture(Vertx vertx) throws Exception {
        BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        Promise<Void> gate = Promise.promise();
        OneClientServer server = new OneClientServer(new ServerOptions(), s -> {
            calls.add("connected=" + s.connected());
            return s.connected() ? gate.future() : Future.succeededFuture();
        });
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertEquals("connected=true", awaitNext(calls));
        }
        Await.awaitCondition("the server has seen the client go", () -> !server.connected());
        assertNull(calls.peek(), "the false call waits for the true call's future");
        gate.complete();
        assertEquals("connected=false", awaitNext(calls));
    }

    @Test
    void errorsAreLoggedAndSwallowed(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = new OneClientServer(new ServerOptions(), s -> {
            states.add(s.connected());
            if (s.connected()) {
                throw new IllegalStateException("callback bug");
            }
            return Future.failedFuture("another callback bug");
        });
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertEquals(true, awaitNext(states));
            send(peer, "still working\r\n");
            assertEquals("still working", await(server.readStr()));
            await(server.writeStr("yes"));
            assertEquals("yes\r\n", RawSockets.receiveLine(peer));
        }
        assertEquals(false, awaitNext(states));
        assertTrue(server.startFuture().succeeded());
    }

    @Test
    void aClientStartsAfterItsCallbackCompletes(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        Promise<Void> gate = Promise.promise();
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        Client client = new Client(new ClientOptions().setPort(server.port()), c -> {
            states.add(c.connected());
            return c.connected() ? gate.future() : Future.succeededFuture();
        });
        Future<String> deployed = vertx.deployVerticle(client);
        assertEquals(true, awaitNext(states));
        assertFalse(deployed.isComplete(), "the deployment waits for the callback");
        gate.complete();
        await(deployed);
        await(client.close());
        assertEquals(false, awaitNext(states));
    }
}
