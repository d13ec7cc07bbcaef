package dev.tcpip.core;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.assertClosedByPeer;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Futures that wait for Tcpip.closeSocket (completed by Netty's event loop) still complete on the endpoint's
 * context when that context is a worker (or virtual-thread) context.
 */
class CompletionContextTest extends TestSupport {

    @Test
    void closeClientCompletesOnTheEndpointsWorkerContext() throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions().setMonitorConnectionInterval(Duration.ZERO));
        await(vertx.deployVerticle(server, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            Promise<String> where = Promise.promise();
            server.closeClient().onComplete(ar -> where.complete(Thread.currentThread().getName()));
            String thread = await(where.future());
            assertTrue(thread.contains("worker"), "closeClient() completed on " + thread);
            assertClosedByPeer(peer);
        }
    }
}
