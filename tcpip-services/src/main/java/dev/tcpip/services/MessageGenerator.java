package dev.tcpip.services;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * pysocklib's sample generator, as a source: it makes {@code "<name> <n>"} with n counting 1, 2, ... 100 and
 * then again from 1, one message per period (5 s by default). The first message is ready at once; each next
 * one a period after the one before, or at once when the taker comes later than that. A Vert.x timer waits,
 * not a thread, and only while somebody takes. {@link #service(Vertx, String, MessageSink, Duration)} makes
 * pysocklib's {@code MessageGenerator} service, which puts the messages on a sink.
 *
 * <p>The state lives on the context current at creation (or a new one); one take waits at a time.
 */
public final class MessageGenerator implements MessageSource<String> {
    /** pysocklib's period: 5 s. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);
    /** The largest number before the count starts again at 1. */
    public static final int MAX_COUNT = 100;

    private final Vertx vertx;
    private final Confined confined;
    private final String name;
    private final long periodNanos;

    // Touched only on the context.
    private int count;
    private long nextDue;
    private boolean started;
    private Promise<String> waiting;
    private long timerId = -1;

    /**
     * Creates a generator with the default period.
     *
     * @param vertx the Vert.x instance (for the timer)
     * @param name  the first word of each message
     */
    public MessageGenerator(Vertx vertx, String name) {
        this(vertx, name, DEFAULT_PERIOD);
    }

    /**
     * Creates a generator.
     *
     * @param vertx  the Vert.x instance (for the timer)
     * @param name   the first word of each message
     * @param period the time between messages (at least 1 ms)
     */
    public MessageGenerator(Vertx vertx, String name, Duration period) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.name = Objects.requireNonNull(name, "name");
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("period must be at least 1 ms, got " + period);
        }
        this.periodNanos = period.toNanos();
        this.confined = new Confined(vertx.getOrCreateContext());
    }

    /**
     * pysocklib's {@code MessageGenerator(messages, logger, name)}: a service putting a generator's messages on
     * a sink.
     *
     * @param vertx  the Vert.x instance
     * @param name   the first word of each message
     * @param output where the messages go
     * @param period the time between messages
     * @return the service, not started
     */
    public static Service<String, String> service(Vertx vertx, String name, MessageSink<String> output, Duration period) {
        return Service.of("MessageGenerator " + name, new MessageGenerator(vertx, name, period), Objects.requireNonNull(output, "output"),
            Future::succeededFuture);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fails with {@link IllegalStateException} if another take is still waiting.
     */
    @Override
    public Future<String> take() {
        Promise<String> promise = Promise.promise();
        confined.run(() -> {
            if (waiting != null) {
                promise.fail(new IllegalStateException("MessageGenerator " + name + ": one take at a time"));
                return;
            }
            long delay = started ? nextDue - System.nanoTime() : 0;
            long delayMillis = TimeUnit.NANOSECONDS.toMillis(delay);
            if (delayMillis < 1) {
                emit(promise);
            } else {
                waiting = promise;
                timerId = vertx.setTimer(delayMillis, id -> {
                    waiting = null;
                    timerId = -1;
                    emit(promise);
                });
            }
        });
        return promise.future();
    }

    @Override
    public Future<Boolean> cancelTake(Future<String> take) {
        Promise<Boolean> result = Promise.promise();
        confined.run(() -> {
            Promise<String> w = waiting;
            if (w == null || w.future() != take) {
                result.complete(false);
                return;
            }
            vertx.cancelTimer(timerId);
            waiting = null;
            timerId = -1;
            w.fail(new CancellationException("take cancelled"));
            result.complete(true);
        });
        return result.future();
    }

    private void emit(Promise<String> promise) {
        count = count % MAX_COUNT + 1;
        started = true;
        nextDue = System.nanoTime() + periodNanos;
        promise.complete(name + " " + count);
    }
}
