package dev.tcpip.cluster.relay;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes messages on one event-bus address, each wrapped with a sequence number:
 * {@code {"seq": n, "body": {...}}}, {@code n} counting 1, 2, 3... for the life of this publisher. The event
 * bus delivers at most once and in order per publisher: a consumer that sees {@code seq} jump from 41 to 43
 * knows one message was lost on the way to it.
 */
public final class SequencedPublisher {
    private final EventBus bus;
    private final String address;
    private final AtomicLong seq = new AtomicLong();

    /**
     * A publisher on an address.
     *
     * @param bus     the event bus (clustered or not)
     * @param address where to publish
     */
    public SequencedPublisher(EventBus bus, String address) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.address = Objects.requireNonNull(address, "address");
    }

    /**
     * Publishes the next message. Messages of one publisher must be published from one thread at a time
     * (one context) to keep their order.
     *
     * @param body the message's body
     * @return the sequence number it was published with
     */
    public long publish(JsonObject body) {
        long n = seq.incrementAndGet();
        bus.publish(address, new JsonObject().put("seq", n).put("body", body));
        return n;
    }

    /** {@return the sequence number of the last message published; 0 before the first} */
    public long lastSeq() {
        return seq.get();
    }

    /** {@return the address published on} */
    public String address() {
        return address;
    }
}
