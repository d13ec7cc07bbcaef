package dev.tcpip.services.endpoint;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.services.MessageSink;
import dev.tcpip.services.MessageSource;
import io.vertx.core.Vertx;

/**
 * pysocklib's {@code Server(address, received, to_send, reconnect, timeout, stop_receive, stop_send)}: listens, serves one client at a time, puts each message it receives on its inbound queue and sends it each message of its outbound queue. See {@link QueueEndpoint} for the wire, the queues, resending and the
 * lifetime, and {@link ServerEndpoint} for serving one client after another.
 *
 * <pre>{@code
 * Server<String> endpoint = Server.create(vertx, new QueueEndpointOptions().setPort(12345));
 * endpoint.start();
 * }</pre>
 *
 * @param <T> the message type
 */
public final class Server<T> extends ServerEndpoint<T> {
    /**
     * Creates one for text messages in the options' charset, with its own queues.
     *
     * @param vertx   the Vert.x instance
     * @param options the options (copied)
     * @return the endpoint, not started
     */
    public static Server<String> create(Vertx vertx, QueueEndpointOptions options) {
        return new Server<>(vertx, options, PayloadCodec.string(options.getCharset()), null, null);
    }

    /**
     * Creates one.
     *
     * @param vertx    the Vert.x instance
     * @param options  the options (copied)
     * @param codec    the message codec: {@link PayloadCodec#bytes()} for messages as they are on the wire
     * @param received where received messages go (an event-bus address, say), or null for its own queue of the
     *                 options' inbound capacity, {@link #received()}
     * @param toSend   what to send (a {@link dev.tcpip.services.MessageGenerator}, an event-bus address...), or null for
     *                 its own queue of the options' outbound capacity, {@link #toSend()}
     */
    public Server(Vertx vertx, QueueEndpointOptions options, PayloadCodec<T> codec, MessageSink<T> received, MessageSource<T> toSend) {
        super(vertx, options, codec, true, received, true, toSend, "Server");
    }
}
