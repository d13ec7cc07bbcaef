package dev.tcpip.core;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On a worker context a task may block. A write made before it blocks must reach the peer while it blocks,
 * as it did before writes were gathered: there is no end of an event-loop turn to wait for.
 */
class WorkerContextWriteTest extends TestSupport {

    /** Answers "ack" to a line, then blocks its worker thread until told that the peer has the ack. */
    static final class AckThenBlock extends OneClientReadLoopServer {
        final CompletableFuture<Void> peerHasTheAck = new CompletableFuture<>();

        AckThenBlock() {
            super(new ServerOptions());
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return readStr().compose(line -> {
                writeStr("ack " + line);
                try {
                    // Blocking is allowed on a worker thread; the deadline keeps a failing test short.
                    peerHasTheAck.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    return Future.failedFuture(e);
                }
                return writeStr("done");
            });
        }
    }

    @Test
    void aWriteMadeBeforeAWorkerBlocksReachesThePeerWhileItBlocks() throws Exception {
        AckThenBlock server = new AckThenBlock();
        await(vertx.deployVerticle(server, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "go\r\n");
            byte[] ack = receive(peer, 8);
            server.peerHasTheAck.complete(null);
            assertArrayEquals("ack go\r\n".getBytes(StandardCharsets.US_ASCII), ack);
            assertEquals("done\r\n", new String(receive(peer, 6), StandardCharsets.US_ASCII));
        }
    }
}
