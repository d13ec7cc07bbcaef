package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java 21+ (virtual thread) examples of docs/connecting.md. */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+")
@ExtendWith(VertxExtension.class)
class ConnectingJava21Test {

    @Test
    void clientOnAVirtualThread(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        ConnectingTest.answerWithOk(server);
        int port = server.port();
        // tag::client-virtual-thread[]
        class StatusPoller extends AbstractVerticle {
            final Promise<String> status = Promise.promise();

            @Override
            public void start() {                                    // runs on a virtual thread
                Client client = new Client(new ClientOptions().setPort(port));
                vertx.deployVerticle(client).await();               // connects, or throws the connect error
                client.writeStr("status").await();
                status.complete(client.readStr().await());          // "ok status"
            }
        }
        StatusPoller poller = new StatusPoller();
        vertx.deployVerticle(poller, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD));
        // end::client-virtual-thread[]
        assertEquals("ok status", await(poller.status.future()));
    }

    @Test
    void aFailedConnectThrowsFromAwait(Vertx vertx) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        Promise<Throwable> thrown = Promise.promise();
        vertx.deployVerticle(new AbstractVerticle() {
            @Override
            public void start() {
                try {
                    vertx.deployVerticle(new Client(new ClientOptions().setPort(closedPort))).await();
                    thrown.fail("connected to a closed port");
                } catch (Exception e) {
                    thrown.complete(e);
                }
            }
        }, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD));
        assertInstanceOf(ConnectException.class, await(thrown.future()));
    }
}
