package dev.tcpip.core;

import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tcpip.closeSocket sends what is queued, including what Vert.x holds in its own queue, before closing. */
class CloseSocketTest extends TestSupport {
    @Test
    void writesStillQueuedGoOutBeforeTheClose() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Context context = vertx.getOrCreateContext();
            NetSocket socket = await(Future.<NetSocket>future(p -> context.runOnContext(v ->
                vertx.createNetClient().connect(listener.getLocalPort(), "127.0.0.1").onComplete(p))));
            try (Socket peer = listener.accept()) {
                // 8 MiB to a peer that does not read yet: more than the kernel's buffers take.
                int size = 8 << 20;
                Future<Void> closed = Future.<Future<Void>>future(p -> context.runOnContext(v -> {
                    for (int i = 0; i < 8; i++) {
                        socket.write(Buffer.buffer(new byte[1 << 20]));
                    }
                    p.complete(Tcpip.closeSocket(socket));
                })).compose(f -> f);
                CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                    try {
                        return RawSockets.receiveAll(peer).length;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                await(closed);
                assertEquals(size, received.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "every queued byte arrives before the end");
            }
        }
    }

    @Test
    void writesMadeFromAnotherThreadGoOutBeforeTheClose() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NetSocket socket = await(vertx.createNetClient().connect(listener.getLocalPort(), "127.0.0.1"));
            try (Socket peer = listener.accept()) {
                int size = 8 << 20;
                for (int i = 0; i < 8; i++) {
                    socket.write(Buffer.buffer(new byte[1 << 20]));   // from this test thread: Vert.x queues them
                }
                Future<Void> closed = Tcpip.closeSocket(socket);
                CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                    try {
                        return RawSockets.receiveAll(peer).length;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                await(closed);
                assertEquals(size, received.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "every queued byte arrives before the end");
            }
        }
    }
}
