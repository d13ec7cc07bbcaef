package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testkit.ConnectStateQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The examples of docs/testing.md (with MockMountTest, MockDomeTest, DomeCommandsTest and DomeClientTest). */
@ExtendWith(VertxExtension.class)
class TestingTest {

    // tag::testing-callback-queue[]
    @Test
    void theServerSeesTheClientComeAndGo(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> connected = new LinkedBlockingQueue<>();
        OneClientServer server = new OneClientServer(new ServerOptions(),
            ConnectCallback.of(s -> connected.add(s.connected())));
        vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);

        Client client = new Client(new ClientOptions().setPort(server.port()));
        vertx.deployVerticle(client).await(10, TimeUnit.SECONDS);
        assertEquals(true, connected.poll(10, TimeUnit.SECONDS));    // null, so a failure, after 10 s

        client.close().await(10, TimeUnit.SECONDS);
        assertEquals(false, connected.poll(10, TimeUnit.SECONDS));
    }
    // end::testing-callback-queue[]

    // tag::testing-test-context[]
    @Test
    void answersStatus(Vertx vertx, VertxTestContext testContext) {
        OneClientServer server = new OneClientServer(new ServerOptions());
        server.connectedFuture()
            .compose(v -> server.readStr())
            .compose(line -> server.writeStr("ok " + line));

        Future<String> reply = vertx.deployVerticle(server).compose(id -> {
            Client client = new Client(new ClientOptions().setPort(server.port()));
            return vertx.deployVerticle(client)
                .compose(cid -> client.writeStr("status"))
                .compose(v -> client.readStr());
        });
        reply.onComplete(testContext.succeeding(line -> testContext.verify(() -> {
            assertEquals("ok status", line);
            testContext.completeNow();                               // fails after 30 s otherwise
        })));
    }
    // end::testing-test-context[]

    // tag::testing-connect-state-queue[]
    @Test
    void theStateQueueSeesOneArrivalAndOneDeparture(Vertx vertx) throws Exception {
        ConnectStateQueue states = new ConnectStateQueue("server");  // named in failure messages
        OneClientServer server = new OneClientServer(new ServerOptions(), states.callback());
        vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);

        Client client = new Client(new ClientOptions().setPort(server.port()));
        vertx.deployVerticle(client).await(10, TimeUnit.SECONDS);
        states.assertNextConnected(true);                          // waits up to 10 s
        client.close().await(10, TimeUnit.SECONDS);
        states.assertNextConnected(false);
        states.assertNoMoreConnectChanges(Duration.ofMillis(100)); // and nothing more within 0.1 s
    }
    // end::testing-connect-state-queue[]
}
