package dev.tcpip.bench.load;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * The cluster mode's subscriber of one address (in {@link ClusterSubscriberMain}'s JVM): takes each
 * {@code {"seq": n, "body": {...}}} message, checks it (the sequence goes on by one; the body has the 11 keys
 * of a sample, its counter equal to {@code seq}), counts it, and every {@link #ackEvery(int) n-th} message sends
 * an acknowledgement to {@link #ackAddress(String)}: {@code {"seq": n, "at": µs}}, the sequence number and
 * the wall-clock time ({@link FanOutPayload#wallMicros()}) at which the message was taken, the first thing
 * its handler does. Acknowledgements are cumulative: one for n says every message up to n has come.
 *
 * <p>A message with the header {@value #PROBE} is not counted: it is a request from the publisher's node,
 * asking whether this consumer is registered there and whether its own acknowledgement consumer is seen from
 * here. The handler sends a probe to the acknowledgement address and answers the request once that is
 * answered, or fails it.
 *
 * <p>The counters are written on the consumer's context and read from any thread ({@link #stats()}), once the
 * publisher has stopped.
 */
final class FanOutConsumer implements Handler<Message<Object>> {
    /** The header of a probe. */
    static final String PROBE = "probe";
    /** The failure code of a probe whose acknowledgement address is not reachable yet. */
    static final int PROBE_FAILED = 503;
    /** How long a probe of the acknowledgement address waits for its answer. */
    static final long PROBE_TIMEOUT_MILLIS = 2_000;

    private final EventBus bus;
    private final String address;
    private final String ackAddress;

    private volatile int ackEvery = 1;
    private volatile long received;
    private volatile long last;
    private volatile long missing;
    private volatile long disordered;
    private volatile long malformed;
    private volatile String firstProblem = "";

    /**
     * @param bus     the subscriber's event bus
     * @param address the address consumed (acknowledgements go to {@link #ackAddress(String) its ack address})
     */
    FanOutConsumer(EventBus bus, String address) {
        this.bus = bus;
        this.address = address;
        this.ackAddress = ackAddress(address);
    }

    /**
     * @param address a fan-out address
     * @return where the subscriber of that address sends its acknowledgements: {@code ADDRESS.acks}
     */
    static String ackAddress(String address) {
        return address + ".acks";
    }

    /** {@return the address consumed} */
    String address() {
        return address;
    }

    /**
     * Sets how often to acknowledge: every message whose {@code seq} is a multiple of {@code n}. Set it only
     * while no message is on its way.
     *
     * @param n at least 1
     */
    void ackEvery(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ack every must be at least 1, got " + n);
        }
        ackEvery = n;
    }

    @Override
    public void handle(Message<Object> message) {
        long at = FanOutPayload.wallMicros();
        if (message.headers().contains(PROBE)) {
            probe(message);
            return;
        }
        long seq;
        boolean wellFormed;
        if (message.body() instanceof JsonObject) {
            JsonObject envelope = (JsonObject) message.body();
            Object s = envelope.getValue("seq");
            Object b = envelope.getValue("body");
            seq = s instanceof Number ? ((Number) s).longValue() : -1;
            wellFormed = seq > 0 && b instanceof JsonObject && ((JsonObject) b).size() == FanOutPayload.KEYS.length
                && ((JsonObject) b).getValue("counter") instanceof Number
                && ((Number) ((JsonObject) b).getValue("counter")).longValue() == seq;
        } else {
            seq = -1;
            wellFormed = false;
        }
        if (!wellFormed) {
            malformed++;
            problem("a malformed message: " + abbreviated(message.body()));
            if (seq <= 0) {
                return;
            }
        }
        long previous = last;
        if (seq == previous + 1) {
            last = seq;
        } else if (seq > previous) {
            missing += seq - previous - 1;
            problem(String.format(Locale.ROOT, "seq %d after %d: %d missing", seq, previous, seq - previous - 1));
            last = seq;
        } else {
            disordered++;
            problem(String.format(Locale.ROOT, "seq %d after %d", seq, previous));
        }
        received++;
        if (seq % ackEvery == 0) {
            bus.send(ackAddress, new JsonObject().put("seq", seq).put("at", at));
        }
    }

    private void probe(Message<Object> probe) {
        bus.request(ackAddress, "probe", new DeliveryOptions().addHeader(PROBE, "1").setSendTimeout(PROBE_TIMEOUT_MILLIS))
            .onComplete(ar -> {
                if (ar.succeeded()) {
                    probe.reply("ok");
                } else {
                    probe.fail(PROBE_FAILED, "the acknowledgement address " + ackAddress + " is not reachable yet: "
                        + ar.cause().getMessage());
                }
            });
    }

    private void problem(String text) {
        if (firstProblem.isEmpty()) {
            firstProblem = text;
        }
    }

    private static String abbreviated(Object body) {
        String s = String.valueOf(body);
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }

    /** {@return the messages counted} */
    long received() {
        return received;
    }

    /** {@return the last {@code seq} taken in order} */
    long last() {
        return last;
    }

    /** {@return the messages skipped by a jump of {@code seq}} */
    long missing() {
        return missing;
    }

    /** {@return the messages whose {@code seq} was not above the last one's} */
    long disordered() {
        return disordered;
    }

    /** {@return the messages that were not a sample in an envelope, or whose counter was not their seq} */
    long malformed() {
        return malformed;
    }

    /** {@return the first thing that was wrong, or an empty string} */
    String firstProblem() {
        return firstProblem;
    }

    /**
     * @param key the prefix of each key, e.g. {@code "0."}
     * @return {@code received=... last=... missing=... disordered=... malformed=...}, each key after the prefix
     */
    String stats(String key) {
        return key + "received=" + received + " " + key + "last=" + last + " " + key + "missing=" + missing + " "
            + key + "disordered=" + disordered + " " + key + "malformed=" + malformed;
    }
}
