package dev.tcpip.services.endpoint;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.services.MessageSink;
import io.vertx.core.Vertx;

/**
 * pysocklib's {@code ServerReceiver(address, received, reconnect, timeout, stop)}: listens, serves one client at a time and puts each message it receives on its inbound queue. See {@link QueueEndpoint} for the wire, the queues, resending and the
 * lifetime, and {@link ServerEndpoint} for serving one client after another.
 *
 * <pre>{@code
 * ServerReceiver<String> endpoint = ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(12345));
 * endpoint.start();
 * }</pre>
 *
 * @param <T> the message type
 */
public final class ServerReceiver<T> extends ServerEndpoint<T> {
    /**
     * Creates one for text messages in the options' charset, with its own queue.
     *
     * @param vertx   the Vert.x instance
     * @param options the options (copied)
     * @return the endpoint, not started
     */
    public static ServerReceiver<String> create(Vertx vertx, QueueEndpointOptions options) {
        return new ServerReceiver<>(vertx, options, PayloadCodec.string(options.getCharset()), null);
    }

    /**
     * Creates one.
     *
     * @param vertx    the Vert.x instance
     * @param options  the options (copied)
     * @param codec    the message codec: {@link PayloadCodec#bytes()} for messages as they are on the wire
     * @param received where received messages go (an event-bus address, say), or null for its own queue of the
     *                 options' inbound capacity, {@link #received()}
     */
    public ServerReceiver(Vertx vertx, QueueEndpointOptions options, PayloadCodec<T> codec, MessageSink<T> received) {
        super(vertx, options, codec, true, received, false, null, "ServerReceiver");
    }
}
