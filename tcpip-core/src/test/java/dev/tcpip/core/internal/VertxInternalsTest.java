package dev.tcpip.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the Vert.x internals the library relies on: with the Vert.x of this build, every seam takes its
 * internal path, not its fallback. A Vert.x upgrade that changes one fails here, by name.
 */
class VertxInternalsTest {
    private static final long SECONDS = 10;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aVertxBufferUnwrapsToTheNettyBufferThatHoldsItsBytes() {
        Buffer buffer = Buffer.buffer("abc");
        ByteBuf bytes = VertxInternals.unwrap(buffer);
        assertNotNull(bytes, "Buffer is no longer a BufferInternal");
        bytes.setByte(bytes.readerIndex(), 'x');
        assertEquals("xbc", buffer.toString(), "the same memory, not a copy");
    }

    @Test
    void aContextPromiseRunsItsCallbacksOnTheContext() throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Boolean> onContext = new CompletableFuture<>();
        CompletableFuture<Promise<String>> made = new CompletableFuture<>();
        context.runOnContext(v -> {
            Promise<String> p = VertxInternals.promise(context);
            p.future().onComplete(ar -> onContext.complete(VertxInternals.isCurrent(context)));
            made.complete(p);
        });
        made.get(SECONDS, TimeUnit.SECONDS).complete("from the test thread");
        assertTrue(onContext.get(SECONDS, TimeUnit.SECONDS), "the callback ran elsewhere: ContextInternal.promise() changed");
        assertFalse(VertxInternals.isCurrent(context), "the test thread is not on the context");
    }

    @Test
    void aSocketsChannelIsReachableAndAutoCloseCanBeTurnedOff() throws Exception {
        CompletableFuture<NetSocket> accepted = new CompletableFuture<>();
        NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0))
            .connectHandler(accepted::complete);
        server.listen().await(SECONDS, TimeUnit.SECONDS);
        NetSocket client = vertx.createNetClient().connect(server.actualPort(), "127.0.0.1").await(SECONDS, TimeUnit.SECONDS);
        Channel channel = VertxInternals.channel(client);
        assertNotNull(channel, "NetSocket is no longer a NetSocketInternal");
        assertTrue(VertxInternals.keepReadingAfterAWriteError(client));
        assertFalse(channel.config().isAutoClose());
        assertNotNull(accepted.get(SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aDatagramSocketsChannelIsReachable() throws Exception {
        io.vertx.core.datagram.DatagramSocket socket = vertx.createDatagramSocket();
        socket.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Channel channel = VertxInternals.datagramChannel(socket);
        assertNotNull(channel, "Vert.x's DatagramSocketImpl keeps its channel in a field named 'channel'");
        assertEquals(socket.localAddress().port(), ((java.net.InetSocketAddress) channel.localAddress()).getPort());
        socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aListeningServerIsFoundByItsHostAndPort() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        assertNull(VertxInternals.sharedTcpServer(vertx, "127.0.0.1", port), "nothing listens there yet");
        NetServer fixed = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(port))
            .connectHandler(s -> { });
        fixed.listen().await(SECONDS, TimeUnit.SECONDS);
        assertSame(fixed, VertxInternals.sharedTcpServer(vertx, "127.0.0.1", port),
            "Vert.x no longer keeps its TCP servers by ServerID in sharedTcpServers()");
    }
}
