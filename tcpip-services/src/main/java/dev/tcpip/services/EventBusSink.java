package dev.tcpip.services;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;

import java.util.Objects;

/**
 * A {@link MessageSink} that sends each message to a Vert.x event-bus address, where an
 * {@link EventBusSource} (or any consumer that replies) takes it. The same code spans machines on a
 * clustered event bus.
 *
 * <p><b>Send, not publish.</b> Each message is sent point to point with {@link EventBus#request}: one
 * consumer of the address gets it, as one taker gets each message of a queue, and its reply is the
 * acknowledgement. {@link #put(Object)} completes when the consumer has accepted the message into its
 * buffer, so a producer that waits for each put is paused by a full consumer: backpressure across the bus.
 * Publishing would copy each message to every consumer and tell the sender nothing, so a full consumer
 * could only drop.
 *
 * <p><b>Failures are reported, not hidden.</b> The put fails with a {@link io.vertx.core.eventbus.ReplyException}
 * when no consumer is registered at the address ({@code NO_HANDLERS}), or when no acknowledgement comes
 * within the send timeout of the delivery options (Vert.x's default: 30 s), for example because the
 * consumer stayed full that long. The event bus delivers at most once: a message whose put failed may or
 * may not have arrived.
 *
 * <p><b>Message types.</b> What Vert.x's default codecs carry: {@code String}, {@link io.vertx.core.buffer.Buffer},
 * {@link io.vertx.core.json.JsonObject}, {@link io.vertx.core.json.JsonArray}, {@code byte[]}, boxed
 * primitives. Other types need a codec registered on the event bus.
 *
 * @param <T> the message type
 */
public final class EventBusSink<T> implements MessageSink<T> {
    private final EventBus eventBus;
    private final String address;
    private final DeliveryOptions options;

    /**
     * Creates a sink with Vert.x's default delivery options (send timeout 30 s).
     *
     * @param vertx   the Vert.x instance
     * @param address the address
     */
    public EventBusSink(Vertx vertx, String address) {
        this(vertx, address, new DeliveryOptions());
    }

    /**
     * Creates a sink.
     *
     * @param vertx   the Vert.x instance
     * @param address the address
     * @param options the delivery options of each send (its send timeout bounds each put)
     */
    public EventBusSink(Vertx vertx, String address, DeliveryOptions options) {
        this.eventBus = vertx.eventBus();
        this.address = Objects.requireNonNull(address, "address");
        this.options = new DeliveryOptions(Objects.requireNonNull(options, "options"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Completes when the consumer at the address acknowledges the message. A sent message cannot be
     * withdrawn: {@link #cancelPut(Future)} answers {@code false}.
     */
    @Override
    public Future<Void> put(T message) {
        Objects.requireNonNull(message, "message");
        return eventBus.request(address, message, options).mapEmpty();
    }

    /** {@return the address} */
    public String address() {
        return address;
    }
}
