package dev.tcpip.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Objects;

/**
 * One publisher of the cluster mode, paced by its subscriber's acknowledgements: the event bus delivers at
 * most once and has no backpressure, so a publisher that sent as fast as it could would measure how much the
 * bus drops, not how much it carries. This one keeps at most a window of messages sent and not yet
 * acknowledged; the subscriber ({@link FanOutConsumer}) acknowledges every n-th message, cumulatively.
 *
 * <p>Messages are numbered 1, 2, 3... for the life of the publisher, across runs, as the relay's
 * {@code SequencedPublisher} numbers them; {@link Emitter#emit} sends number {@code seq}. Everything runs on
 * the publisher's context: {@link #start} and {@link #ack} may be called from any thread.
 *
 * <p>Per acknowledged message, two latencies: one way, from the wall-clock time stamped just before the
 * message was emitted to the one the subscriber stamped when it took it (both JVMs read the same
 * {@code CLOCK_REALTIME}, see {@link FanOutPayload#wallMicros()}); and the round trip, from
 * {@code System.nanoTime} before the message was emitted to the acknowledgement's arrival on this node, in
 * this JVM's clock. Only messages whose number is a multiple of the acknowledgement interval are stamped.
 */
final class FanOutRun {
    /** Sends the message of a sequence number. */
    interface Emitter {
        /**
         * Sends message {@code seq}, on the publisher's context.
         *
         * @param seq its number, from 1
         * @return null when the next may be sent at once; else a future that completes when it may (a failed
         *     one fails the run)
         */
        Future<?> emit(long seq);
    }

    /** What one run measured. */
    static final class Result {
        /** Messages sent and acknowledged. */
        final long messages;
        /** From the first message emitted to the arrival of the last acknowledgement, in nanoseconds. */
        final long nanos;
        /** One-way latencies of the acknowledged messages, µs, sorted. */
        final long[] oneWayMicros;
        /** Round trips of the acknowledged messages (message out, acknowledgement back), ns, sorted. */
        final long[] roundTripNanos;

        Result(long messages, long nanos, long[] oneWayMicros, long[] roundTripNanos) {
            this.messages = messages;
            this.nanos = nanos;
            this.oneWayMicros = oneWayMicros;
            this.roundTripNanos = roundTripNanos;
        }

        /** {@return messages per second} */
        double rate() {
            return messages * 1e9 / nanos;
        }
    }

    private final Context context;
    private final Emitter emitter;

    // Confined to the context.
    private long sent;
    private long acked;
    private long target;
    private long deadline;
    private boolean timed;
    private boolean stopped = true;
    private boolean blocked;
    private int window;
    private int ackEvery;
    private int slots;
    private long[] sentWall = new long[0];
    private long[] sentNanos = new long[0];
    private long runFirst;
    private long firstNanos;
    private long lastAckNanos;
    private long[] oneWay = new long[1024];
    private long[] roundTrip = new long[1024];
    private int samples;
    private Promise<Result> done;

    // Copies of sent and acked, readable from any thread when a run does not end.
    private volatile long sentSeen;
    private volatile long ackedSeen;
    private volatile String failure = "";

    /**
     * @param context the publisher's context: every emit runs on it
     * @param emitter sends a message
     */
    FanOutRun(Context context, Emitter emitter) {
        this.context = Objects.requireNonNull(context, "context");
        this.emitter = Objects.requireNonNull(emitter, "emitter");
    }

    /**
     * Starts a run: sends messages while fewer than {@code window} are unacknowledged, until {@code count} have
     * been sent, or, for a timed run, until {@code nanos} have passed (then up to the next message that is
     * acknowledged); completes once every message sent is acknowledged.
     *
     * @param count    how many messages: a multiple of {@code ackEvery}; or, for a timed run, the most
     * @param nanos    0 for a counted run, else how long to send
     * @param window   the most messages unacknowledged, at least {@code ackEvery}
     * @param ackEvery the subscriber acknowledges every message whose number is a multiple of this
     * @return the measurement, once the last acknowledgement has come; failed if an emit failed
     * @throws IllegalArgumentException for a count that is not a multiple of {@code ackEvery}, or a window
     *     smaller than it
     */
    Future<Result> start(long count, long nanos, int window, int ackEvery) {
        if (ackEvery < 1 || window < ackEvery || count < 1 || (nanos == 0 && count % ackEvery != 0)) {
            throw new IllegalArgumentException("count " + count + ", window " + window + ", ack every " + ackEvery);
        }
        Promise<Result> promise = Promise.promise();
        context.runOnContext(v -> begin(count, nanos, window, ackEvery, promise));
        return promise.future();
    }

    private void begin(long count, long nanos, int window, int ackEvery, Promise<Result> promise) {
        if (!stopped || acked != sent) {
            promise.fail(new IllegalStateException("a run is still under way: sent " + sent + ", acknowledged " + acked));
            return;
        }
        this.done = promise;
        this.window = window;
        this.ackEvery = ackEvery;
        this.slots = window / ackEvery + 2;
        if (sentWall.length < slots) {
            sentWall = new long[slots];
            sentNanos = new long[slots];
        }
        this.runFirst = sent + 1;
        this.target = count > Long.MAX_VALUE - sent ? Long.MAX_VALUE : sent + count;
        this.timed = nanos > 0;
        this.samples = 0;
        this.stopped = false;
        this.firstNanos = System.nanoTime();
        this.deadline = firstNanos + nanos;
        pump();
    }

    /** Sends while the window and the run allow; on the context. */
    private void pump() {
        while (!stopped && !blocked && sent < target && sent - acked < window) {
            long seq = sent + 1;
            if (timed && seq > runFirst && (seq - 1) % ackEvery == 0 && System.nanoTime() - deadline >= 0) {
                target = sent;   // the time is up: the run ends with the last message sent, which is acknowledged
                break;
            }
            if (seq % ackEvery == 0) {
                int slot = (int) ((seq / ackEvery) % slots);
                sentWall[slot] = FanOutPayload.wallMicros();
                sentNanos[slot] = System.nanoTime();
            }
            sent = seq;
            Future<?> go;
            try {
                go = emitter.emit(seq);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            if (go != null) {
                if (go.failed()) {
                    fail(go.cause());
                    return;
                }
                if (!go.isComplete()) {
                    blocked = true;
                    go.onComplete(ar -> {
                        blocked = false;
                        if (ar.failed()) {
                            fail(ar.cause());
                        } else {
                            pump();
                        }
                    });
                    return;
                }
            }
        }
        sentSeen = sent;
        finishIfDone();
    }

    /**
     * An acknowledgement from the subscriber: {@code {"seq": n, "at": µs}}. Called on the acknowledgement
     * consumer's context; handled on the publisher's.
     *
     * @param ack the acknowledgement's body
     */
    void ack(JsonObject ack) {
        long arrived = System.nanoTime();
        long seq = ack.getLong("seq");
        long at = ack.getLong("at");
        context.runOnContext(v -> onAck(seq, at, arrived));
    }

    private void onAck(long seq, long atMicros, long arrivedNanos) {
        if (seq <= acked || seq > sent) {
            fail(new IllegalStateException("an acknowledgement of " + seq + " after " + acked + ", with " + sent + " sent"));
            return;
        }
        acked = seq;
        ackedSeen = seq;
        lastAckNanos = arrivedNanos;
        if (!stopped && seq >= runFirst && seq % ackEvery == 0) {
            int slot = (int) ((seq / ackEvery) % slots);
            if (samples == oneWay.length) {
                oneWay = Arrays.copyOf(oneWay, samples * 2);
                roundTrip = Arrays.copyOf(roundTrip, samples * 2);
            }
            oneWay[samples] = atMicros - sentWall[slot];
            roundTrip[samples] = arrivedNanos - sentNanos[slot];
            samples++;
        }
        pump();
    }

    private void finishIfDone() {
        if (stopped || sent < target || acked < target) {
            return;
        }
        stopped = true;
        long[] ow = Arrays.copyOf(oneWay, samples);
        long[] rt = Arrays.copyOf(roundTrip, samples);
        Arrays.sort(ow);
        Arrays.sort(rt);
        done.complete(new Result(target - runFirst + 1, lastAckNanos - firstNanos, ow, rt));
    }

    private void fail(Throwable cause) {
        if (stopped) {
            return;
        }
        stopped = true;
        failure = ", failed: " + cause;
        done.fail(cause);
    }

    /** {@return where the publisher is, for a message when a run does not end: read from any thread} */
    String progress() {
        return "sent up to " + sentSeen + ", acknowledged up to " + ackedSeen + failure;
    }
}
