package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Continuations that read or write again from inside a completion. */
class ReentrancyTest extends TestSupport {

    /** Reads each line from the previous line's callback (Vert.x callback style) and counts them up to "end". */
    private static void countLinesUntilEnd(OneClientServer server, int[] count, Promise<Integer> done) {
        server.readStr().onComplete(ar -> {
            if (ar.failed()) {
                done.tryFail(ar.cause());
            } else if (ar.result().equals("end")) {
                done.tryComplete(count[0]);
            } else {
                count[0]++;
                countLinesUntilEnd(server, count, done);
            }
        });
    }

    @Test
    void aReadLoopDrivenByEachReadsCallbackReadsABurstOfBufferedLines() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setMonitorConnectionInterval(Duration.ZERO)));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            int[] count = new int[1];
            Promise<Integer> done = Promise.promise();
            // Started before the lines arrive: each read waits, then is served as a burst comes in.
            await(server.onContext(() -> {
                countLinesUntilEnd(server, count, done);
                return Future.succeededFuture();
            }));
            int lines = 20_000;
            send(peer, "x\r\n".repeat(lines) + "end\r\n");
            assertEquals(lines, await(done.future()), "lines counted before \"end\"");
        }
    }

    @Test
    void aSeparatorChangedAfterReadUntilReturnsDoesNotChangeTheRead() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "aXb\r\n");
            // Hold the server's context, so that the read asked for from this thread runs there later.
            java.util.concurrent.CompletableFuture<Void> gate = new java.util.concurrent.CompletableFuture<>();
            Future<Void> held = server.onContext(() -> {
                try {
                    gate.get(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    return Future.failedFuture(e);
                }
                return Future.succeededFuture();
            });
            io.vertx.core.buffer.Buffer separator = io.vertx.core.buffer.Buffer.buffer("\r\n");
            Future<io.vertx.core.buffer.Buffer> line = server.readUntil(separator);
            // The caller reuses its buffer once the call has returned.
            separator.setBytes(0, "Xb".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            gate.complete(null);
            await(held);
            assertEquals("aXb\r\n", await(line).toString());
        }
    }
}
