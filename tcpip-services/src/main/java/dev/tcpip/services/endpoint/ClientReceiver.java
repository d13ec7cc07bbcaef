package dev.tcpip.services.endpoint;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.services.MessageSink;
import io.vertx.core.Vertx;

/**
 * pysocklib's {@code ClientReceiver(address, received, reconnect, timeout, stop)}: connects to a server and puts each message it receives on its inbound queue. See {@link QueueEndpoint} for the wire, the queues, resending and the
 * lifetime, and {@link ClientEndpoint} for connecting and reconnecting.
 *
 * <pre>{@code
 * ClientReceiver<String> endpoint = ClientReceiver.create(vertx, new QueueEndpointOptions().setPort(12345));
 * endpoint.start();
 * }</pre>
 *
 * @param <T> the message type
 */
public final class ClientReceiver<T> extends ClientEndpoint<T> {
    /**
     * Creates one for text messages in the options' charset, with its own queue.
     *
     * @param vertx   the Vert.x instance
     * @param options the options (copied)
     * @return the endpoint, not started
     */
    public static ClientReceiver<String> create(Vertx vertx, QueueEndpointOptions options) {
        return new ClientReceiver<>(vertx, options, PayloadCodec.string(options.getCharset()), null);
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
    public ClientReceiver(Vertx vertx, QueueEndpointOptions options, PayloadCodec<T> codec, MessageSink<T> received) {
        super(vertx, options, codec, true, received, false, null, "ClientReceiver");
    }
}
