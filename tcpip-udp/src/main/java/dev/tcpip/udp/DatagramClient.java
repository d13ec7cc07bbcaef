package dev.tcpip.udp;

import dev.tcpip.core.codec.PayloadCodec;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A UDP client (python-easyservers' {@code UDPClient(handler)}, whose receive loop died on its first
 * datagram): it binds a port of its own (127.0.0.1, picked by the system, unless the options say otherwise),
 * receives on its own context and calls its handler with each datagram and its sender; it can send to any
 * address before and after its first receive.
 *
 * <pre>{@code
 * DatagramClient<String> client = DatagramClient.create(vertx, new DatagramOptions(), PayloadCodec.string(),
 *     (message, sender) -> System.out.println(message));
 * client.start().compose(port -> client.send("JOIN alice", SocketAddress.inetSocketAddress(1234, "127.0.0.1")));
 * }</pre>
 *
 * See {@link DatagramEndpoint} for sizes, counters and where handlers run.
 *
 * @param <T> the message type
 */
public final class DatagramClient<T> extends DatagramEndpoint<T> {
    private DatagramClient(Vertx vertx, DatagramOptions options, PayloadCodec<T> codec, DatagramHandler<T> handler) {
        super(vertx, options, codec, handler, "DatagramClient");
    }

    /**
     * Creates a client whose handler may also reply.
     *
     * @param vertx   the Vert.x instance; the client lives on the caller's context, or a new one
     * @param options where to bind (port 0 unless set), sizes, handler threads
     * @param codec   how datagrams become messages
     * @param handler called with each datagram, its sender and a reply
     * @param <T>     the message type
     * @return the client; {@link #start()} binds it
     */
    public static <T> DatagramClient<T> create(Vertx vertx, DatagramOptions options, PayloadCodec<T> codec, DatagramHandler<T> handler) {
        return new DatagramClient<>(vertx, options, codec, handler);
    }

    /**
     * Creates a client (python-easyservers' {@code handler(message, address)}).
     *
     * @param vertx   the Vert.x instance; the client lives on the caller's context, or a new one
     * @param options where to bind (port 0 unless set), sizes, handler threads
     * @param codec   how datagrams become messages
     * @param handler called with each datagram and its sender
     * @param <T>     the message type
     * @return the client; {@link #start()} binds it
     */
    public static <T> DatagramClient<T> create(Vertx vertx, DatagramOptions options, PayloadCodec<T> codec, BiConsumer<T, SocketAddress> handler) {
        Objects.requireNonNull(handler, "handler");
        return new DatagramClient<>(vertx, options, codec, (message, sender, reply) -> handler.accept(message, sender));
    }
}
