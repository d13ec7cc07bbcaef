package dev.tcpip.core.message;

import dev.tcpip.core.Connection;
import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.framing.Framing;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;

/**
 * What a new {@link MessageSocket} is made of: its connection, framing, codec and context. A factory given
 * to {@link MessageListener} or {@link MessageSocket#connect} receives one and passes it to the
 * constructor of its {@code MessageSocket} subclass, qsocket's {@code socket_class(cx)}:
 *
 * <pre>{@code
 * class Echo extends MessageSocket<Buffer> {
 *     Echo(SocketSetup<Buffer> setup) { super(setup); }
 *     @Override protected Future<?> process(Buffer message) { return send(message); }
 * }
 * MessageListener<Echo> listener = MessageListener.create(vertx, options, PayloadCodec.bytes(), Echo::new);
 * }</pre>
 *
 * @param <T> the message type
 */
public final class SocketSetup<T> {
    final Connection connection;
    final PayloadCodec<T> codec;
    final Framing<Buffer> framing;
    final Context context;
    final int receiveQueueCapacity;
    final String name;
    /** Run once the socket is closed: closes the client that dialled it; or nothing. */
    final Runnable afterClose;

    SocketSetup(Connection connection, PayloadCodec<T> codec, MessageOptions<?> options, Context context,
                Runnable afterClose) {
        this.connection = connection;
        this.codec = codec;
        this.framing = options.getFraming();
        this.context = context;
        this.receiveQueueCapacity = options.getReceiveQueueCapacity();
        this.name = options.getName();
        this.afterClose = afterClose;
    }

    /**
     * {@return the connection the socket will own}
     */
    public Connection connection() {
        return connection;
    }
}
