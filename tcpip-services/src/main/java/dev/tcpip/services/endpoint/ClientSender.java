package dev.tcpip.services.endpoint;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.services.MessageSource;
import io.vertx.core.Vertx;

/**
 * pysocklib's {@code ClientSender(address, to_send, reconnect, timeout, stop)}: connects to a server and sends each message of its outbound queue. See {@link QueueEndpoint} for the wire, the queues, resending and the
 * lifetime, and {@link ClientEndpoint} for connecting and reconnecting.
 *
 * <pre>{@code
 * ClientSender<String> endpoint = ClientSender.create(vertx, new QueueEndpointOptions().setPort(12345));
 * endpoint.start();
 * }</pre>
 *
 * @param <T> the message type
 */
public final class ClientSender<T> extends ClientEndpoint<T> {
    /**
     * Creates one for text messages in the options' charset, with its own queue.
     *
     * @param vertx   the Vert.x instance
     * @param options the options (copied)
     * @return the endpoint, not started
     */
    public static ClientSender<String> create(Vertx vertx, QueueEndpointOptions options) {
        return new ClientSender<>(vertx, options, PayloadCodec.string(options.getCharset()), null);
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
    public ClientSender(Vertx vertx, QueueEndpointOptions options, PayloadCodec<T> codec, MessageSource<T> toSend) {
        super(vertx, options, codec, false, null, true, toSend, "ClientSender");
    }
}
