package dev.tcpip.services.endpoint;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.services.MessageSource;
import io.vertx.core.Vertx;

/**
 * pysocklib's {@code ServerSender(address, to_send, reconnect, timeout, stop)}: listens, serves one client at a time and sends it each message of its outbound queue. See {@link QueueEndpoint} for the wire, the queues, resending and the
 * lifetime, and {@link ServerEndpoint} for serving one client after another.
 *
 * <pre>{@code
 * ServerSender<String> endpoint = ServerSender.create(vertx, new QueueEndpointOptions().setPort(12345));
 * endpoint.start();
 * }</pre>
 *
 * @param <T> the message type
 */
public final class ServerSender<T> extends ServerEndpoint<T> {
    /**
     * Creates one for text messages in the options' charset, with its own queue.
     *
     * @param vertx   the Vert.x instance
     * @param options the options (copied)
     * @return the endpoint, not started
     */
    public static ServerSender<String> create(Vertx vertx, QueueEndpointOptions options) {
        return new ServerSender<>(vertx, options, PayloadCodec.string(options.getCharset()), null);
    }

    /**
     * Creates one.
     *
     * @param vertx    the Vert.x instance
     * @param options  the options (copied)
     * @param codec    the message codec: {@link PayloadCodec#bytes()} for messages as they are on the wire
     * @param toSend   what to send (a {@link dev.tcpip.services.MessageGenerator}, an event-bus address...), or null for
     *                 its own queue of the options' outbound capacity, {@link #toSend()}
     */
    public ServerSender(Vertx vertx, QueueEndpointOptions options, PayloadCodec<T> codec, MessageSource<T> toSend) {
        super(vertx, options, codec, false, null, true, toSend, "ServerSender");
    }
}
