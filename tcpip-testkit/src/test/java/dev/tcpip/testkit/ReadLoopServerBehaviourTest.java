package dev.tcpip.testkit;

import dev.tcpip.core.Client;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.core.Tcpip;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour 25 (OneClientReadLoopServer) through {@link LineQueueReadLoopServer}. */
class ReadLoopServerBehaviourTest extends OneClientServerTestBase {
    private static final Duration QUIET = Duration.ofMillis(200);

    private LineQueueReadLoopServer createLineServer() throws Exception {
        return createServer(cb -> new LineQueueReadLoopServer(new ServerOptions(), cb));
    }

    @Test
    void readLoopServerListensOnLoopbackWithoutConnectionMonitor() throws Exception {
        LineQueueReadLoopServer server = createLineServer();
        assertEquals(Tcpip.LOCALHOST_IPV4, server.host());
        assertEquals(Duration.ZERO, server.options().getMonitorConnectionInterval());
    }

    @Test
    void linesSentByTheClientAreQueuedInOrder() throws Exception {
        LineQueueReadLoopServer server = createLineServer();
        Client client = createClient(server);
        assertNextConnected(true);

        Future<Void> writes = Future.succeededFuture();
        for (int i = 0; i < 100; i++) {
            String line = "line " + i;
            writes = writes.compose(v -> client.writeStr(line));
        }
        await(writes);
        for (int i = 0; i < 100; i++) {
            assertEquals("line " + i, server.nextLine());
        }
        server.assertNoMoreLines(Duration.ZERO);
        assertTrue(server.connected());
    }

    @Test
    void failNextReadDropsTheClientAndTheServerServesTheNextOne() throws Exception {
        LineQueueReadLoopServer server = createLineServer();
        Client first = createClient(server);
        assertNextConnected(true);
        assertNextClientConnected(true);
        await(first.writeStr("before"));
        assertEquals("before", server.nextLine());

        server.failNextRead();
        await(first.writeStr("read, then failed"));
        assertNextConnected(false);
        assertNextClientConnected(false);  // the server closed the client's connection
        assertFalse(server.connected());
        server.assertNoMoreLines(Duration.ZERO);
        assertFalse(server.doneFuture().isComplete());

        Client second = createClient(server);
        assertNextConnected(true);
        await(second.writeStr("after"));
        assertEquals("after", server.nextLine());  // only one read failed
        assertTrue(server.connected());
    }

    @Test
    void clientClosingEndsTheReadLoopAndTheServerServesTheNextOne() throws Exception {
        LineQueueReadLoopServer server = createLineServer();
        Client first = createClient(server);
        assertNextConnected(true);
        await(first.writeStr("one"));
        await(first.close());
        assertEquals("one", server.nextLine());
        assertNextConnected(false);

        Client second = createClient(server);
        assertNextConnected(true);
        await(second.writeStr("two"));
        assertEquals("two", server.nextLine());
    }

    @Test
    void readLoopStartsOnlyAfterTheConnectCallbackHasRun() throws Exception {
        AtomicReference<Runnable> release = new AtomicReference<>();
        LineQueueReadLoopServer server = createServer(cb -> new LineQueueReadLoopServer(new ServerOptions(), s -> {
            cb.call(s);
            if (!s.connected()) {
                return Future.succeededFuture();
            }
            // Hold the callback open until the test releases it; complete it on the server's context.
            Context context = Vertx.currentContext();
            Promise<Void> gate = Promise.promise();
            release.set(() -> context.runOnContext(v -> gate.complete()));
            return gate.future();
        }));
        Client client = createClient(server);
        assertNextConnected(true);
        await(client.writeStr("sent while the callback runs"));
        server.assertNoMoreLines(QUIET);

        Runnable releaseCallback = release.get();
        assertNotNull(releaseCallback);
        releaseCallback.run();
        assertEquals("sent while the callback runs", server.nextLine());
    }

    @Test
    void nextLineFailsWithAClearMessageWhenNoLineComes() throws Exception {
        LineQueueReadLoopServer server = createServer(cb -> new LineQueueReadLoopServer(new ServerOptions().setName("quiet"), cb));
        createClient(server);
        AssertionError e = assertThrows(AssertionError.class, () -> server.nextLine(Duration.ofMillis(50)));
        assertEquals("LineQueueReadLoopServer quiet: no line read within 50 ms", e.getMessage());
    }
}
