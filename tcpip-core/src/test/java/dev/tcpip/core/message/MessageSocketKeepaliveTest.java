package dev.tcpip.core.message;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.internal.VertxInternals;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Message sockets get the core's TCP keepalive (60 s idle), dialled or accepted, not the kernel's 2 hours. */
class MessageSocketKeepaliveTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    void acceptedAndConnectedMessageSocketsGetTheCoresKeepalive() throws Exception {
        CompletableFuture<SocketSetup<Buffer>> accepted = new CompletableFuture<>();
        MessageListener<MessageSocket<Buffer>> listener = MessageListener.create(vertx, new MessageListenerOptions(),
            PayloadCodec.bytes(), setup -> {
                accepted.complete(setup);
                return new MessageSocket<>(setup);
            });
        int port = await(listener.listen());
        CompletableFuture<SocketSetup<Buffer>> connected = new CompletableFuture<>();
        await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(port), PayloadCodec.bytes(), setup -> {
            connected.complete(setup);
            return new MessageSocket<>(setup);
        }));
        assertKeepalive(VertxInternals.channel(connected.get(10, TimeUnit.SECONDS).connection().socket()));
        assertKeepalive(VertxInternals.channel(accepted.get(10, TimeUnit.SECONDS).connection().socket()));
        await(listener.close());
    }

    private static void assertKeepalive(Channel channel) {
        assertEquals(Boolean.TRUE, channel.config().getOption(ChannelOption.SO_KEEPALIVE));
        Assumptions.assumeTrue(channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE)) != null,
            "this platform does not expose TCP_KEEPIDLE");
        assertEquals(60, channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE)));
    }
}
