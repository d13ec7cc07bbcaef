package dev.tcpip.testsupport;

import io.vertx.core.Context;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits with a deadline, for tests: on a Vert.x {@link Future}, on a future's failure, on a condition (polled),
 * and on the next element of a {@link BlockingQueue}. Never a fixed sleep: each wait returns as soon as the
 * thing waited for is there, and fails the test with an {@link AssertionError} saying what was awaited once
 * the deadline ({@link #DEFAULT_TIMEOUT} unless given) has passed.
 *
 * <p>Every method blocks the calling thread, so each refuses, with an {@link IllegalStateException}, to run
 * on a Vert.x event loop, where it would stop the very loop that should complete what it waits for. Call
 * them from the test thread (or compose the futures instead).
 *
 * <pre>{@code
 * import static dev.tcpip.testsupport.Await.await;
 * import static dev.tcpip.testsupport.Await.awaitCondition;
 *
 * String id = await(vertx.deployVerticle(server));
 * awaitCondition("the server is connected", server::connected);
 * }</pre>
 */
public final class Await {
    /** The deadline of every wait that is not given one: 10 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private Await() {
    }

    // ---------------------------------------------------------------- futures

    /**
     * Waits for a future, at most {@link #DEFAULT_TIMEOUT}, and returns its result or throws its failure.
     *
     * @param future the future
     * @param <T>    the result type
     * @return the result
     * @throws Exception the future's failure, as it is (checked exceptions included; an {@link Error} is
     *     thrown as it is too)
     * @throws AssertionError if the future is not complete in time: "future not complete within 10000 ms"
     * @throws IllegalStateException if called on a Vert.x event loop
     */
    public static <T> T await(Future<T> future) throws Exception {
        return await(null, future, DEFAULT_TIMEOUT);
    }

    /**
     * Waits for a future, at most {@code timeout}, and returns its result or throws its failure.
     *
     * @param future  the future
     * @param timeout the deadline (positive)
     * @param <T>     the result type
     * @return the result
     * @throws Exception the future's failure, as it is
     * @throws AssertionError if the future is not complete in time: "future not complete within N ms"
     * @throws IllegalStateException if called on a Vert.x event loop
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public static <T> T await(Future<T> future, Duration timeout) throws Exception {
        return await(null, future, timeout);
    }

    /**
     * Waits for a future, at most {@link #DEFAULT_TIMEOUT}, and returns its result or throws its failure; a
     * timeout names what was awaited.
     *
     * @param what   what the future stands for, for the failure message ("the connect", "reading item 3")
     * @param future the future
     * @param <T>    the result type
     * @return the result
     * @throws Exception the future's failure, as it is
     * @throws AssertionError if the future is not complete in time: "WHAT not complete within N ms"
     * @throws IllegalStateException if called on a Vert.x event loop
     */
    public static <T> T await(String what, Future<T> future) throws Exception {
        return await(Objects.requireNonNull(what, "what"), future, DEFAULT_TIMEOUT);
    }

    /**
     * Waits for a future, at most {@code timeout}, and returns its result or throws its failure; a timeout
     * names what was awaited.
     *
     * @param what    what the future stands for, for the failure message; null for "future"
     * @param future  the future
     * @param timeout the deadline (positive)
     * @param <T>     the result type
     * @return the result
     * @throws Exception the future's failure, as it is
     * @throws AssertionError if the future is not complete in time: "WHAT not complete within N ms"
     * @throws IllegalStateException if called on a Vert.x event loop
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public static <T> T await(String what, Future<T> future, Duration timeout) throws Exception {
        Objects.requireNonNull(future, "future");
        requirePositive(timeout, "timeout");
        checkNotOnEventLoop();
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError((what == null ? "future" : what) + " not complete within " + describe(timeout), e);
        }
    }

    /**
     * Waits for a future to fail, at most {@link #DEFAULT_TIMEOUT}, and returns the failure.
     *
     * @param future the future
     * @param type   the failure's expected type
     * @param <X>    that type
     * @return the failure
     * @throws AssertionError if the future succeeds, fails with another type, or is not complete in time
     * @throws IllegalStateException if called on a Vert.x event loop
     */
    public static <X extends Throwable> X awaitFailure(Future<?> future, Class<X> type) {
        return awaitFailure(null, future, type, DEFAULT_TIMEOUT);
    }

    /**
     * Waits for a future to fail, at most {@code timeout}, and returns the failure.
     *
     * @param future  the future
     * @param type    the failure's expected type
     * @param timeout the deadline (positive)
     * @param <X>     that type
     * @return the failure
     * @throws AssertionError if the future succeeds, fails with another type, or is not complete in time
     * @throws IllegalStateException if called on a Vert.x event loop
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public static <X extends Throwable> X awaitFailure(Future<?> future, Class<X> type, Duration timeout) {
        return awaitFailure(null, future, type, timeout);
    }

    /**
     * Waits for a future to fail, at most {@link #DEFAULT_TIMEOUT}, and returns the failure; every assertion
     * failure names what was awaited.
     *
     * @param what   what the future stands for, for the failure message
     * @param future the future
     * @param type   the failure's expected type ({@code Throwable.class} for any failure)
     * @param <X>    that type
     * @return the failure
     * @throws AssertionError if the future succeeds, fails with another type, or is not complete in time
     * @throws IllegalStateException if called on a Vert.x event loop
     */
    public static <X extends Throwable> X awaitFailure(String what, Future<?> future, Class<X> type) {
        return awaitFailure(Objects.requireNonNull(what, "what"), future, type, DEFAULT_TIMEOUT);
    }

    /**
     * Waits for a future to fail, at most {@code timeout}, and returns the failure. A failure of the future
     * that is itself an {@link AssertionError} is thrown, not returned: it is a test's own failure.
     *
     * @param what    what the future stands for, for the failure message; null for "the future"
     * @param future  the future
     * @param type    the failure's expected type ({@code Throwable.class} for any failure)
     * @param timeout the deadline (positive)
     * @param <X>     that type
     * @return the failure
     * @throws AssertionError if the future succeeds, fails with another type, or is not complete in time
     * @throws IllegalStateException if called on a Vert.x event loop
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public static <X extends Throwable> X awaitFailure(String what, Future<?> future, Class<X> type, Duration timeout) {
        Objects.requireNonNull(future, "future");
        Objects.requireNonNull(type, "type");
        requirePositive(timeout, "timeout");
        checkNotOnEventLoop();
        String subject = what == null ? "the future" : what;
        Object result;
        try {
            result = await(what, future, timeout);
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            throw new AssertionError("expected " + subject + " to fail with " + type.getName() + " but it failed with " + t, t);
        }
        throw new AssertionError("expected " + subject + " to fail with " + type.getName() + " but it succeeded with " + result);
    }

    // ---------------------------------------------------------------- conditions and queues

    /**
     * Polls a condition until it holds, for at most {@link #DEFAULT_TIMEOUT}. It is checked at once, then
     * about every millisecond: a wait with a deadline, not a fixed sleep.
     *
     * @param what      what the condition means, for the failure message
     * @param condition the condition; called on the calling thread
     * @throws AssertionError if it does not hold in time ("not true within N ms: WHAT"), or the thread is
     *     interrupted while waiting (its interrupt flag is kept)
     * @throws IllegalStateException if called on a Vert.x event loop
     */
    public static void awaitCondition(String what, BooleanSupplier condition) {
        awaitCondition(what, condition, DEFAULT_TIMEOUT);
    }

    /**
     * Polls a condition until it holds, for at most {@code timeout}. It is checked at once, then about every
     * millisecond.
     *
     * @param what      what the condition means, for the failure message
     * @param condition the condition; called on the calling thread
     * @param timeout   the deadline (positive)
     * @throws AssertionError if it does not hold in time ("not true within N ms: WHAT"), or the thread is
     *     interrupted while waiting (its interrupt flag is kept)
     * @throws IllegalStateException if called on a Vert.x event loop
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public static void awaitCondition(String what, BooleanSupplier condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        requirePositive(timeout, "timeout");
        checkNotOnEventLoop();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not true within " + describe(timeout) + ": " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }

    /**
     * Takes the next element of a queue, waiting at most {@link #DEFAULT_TIMEOUT} for one to arrive.
     *
     * @param queue the queue (fed by another thread: a handler, a callback)
     * @param <T>   the element type
     * @return the element, removed from the queue
     * @throws AssertionError if none arrives in time ("nothing arrived within N ms"), or the thread is
     *     interrupted while waiting (its interrupt flag is kept)
     * @throws IllegalStateException if called on a Vert.x event loop
     */
    public static <T> T awaitNext(BlockingQueue<T> queue) {
        return awaitNext(null, queue, DEFAULT_TIMEOUT);
    }

    /**
     * Takes the next element of a queue, waiting at most {@link #DEFAULT_TIMEOUT}.
     *
     * @param what  what an element is, for the failure message ("line", "ack")
     * @param queue the queue
     * @param <T>   the element type
     * @return the element, removed from the queue
     * @throws AssertionError if none arrives in time ("no WHAT within N ms"), or the thread is interrupted
     *     while waiting (its interrupt flag is kept)
     * @throws IllegalStateException if called on a Vert.x event loop
     */
    public static <T> T awaitNext(String what, BlockingQueue<T> queue) {
        return awaitNext(Objects.requireNonNull(what, "what"), queue, DEFAULT_TIMEOUT);
    }

    /**
     * Takes the next element of a queue, waiting at most {@code timeout}.
     *
     * @param what    what an element is, for the failure message; null for "nothing arrived"
     * @param queue   the queue
     * @param timeout the deadline (positive)
     * @param <T>     the element type
     * @return the element, removed from the queue
     * @throws AssertionError if none arrives in time ("no WHAT within N ms"), or the thread is interrupted
     *     while waiting (its interrupt flag is kept)
     * @throws IllegalStateException if called on a Vert.x event loop
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public static <T> T awaitNext(String what, BlockingQueue<T> queue, Duration timeout) {
        Objects.requireNonNull(queue, "queue");
        requirePositive(timeout, "timeout");
        checkNotOnEventLoop();
        T value;
        try {
            value = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + (what == null ? "an element" : what), e);
        }
        if (value == null) {
            throw new AssertionError((what == null ? "nothing arrived" : "no " + what) + " within " + describe(timeout));
        }
        return value;
    }

    // ---------------------------------------------------------------- checks

    /**
     * Fails if the calling thread is a Vert.x event loop, where a blocking wait would stop the loop that
     * should complete what it waits for: a deadlock until the deadline.
     *
     * @throws IllegalStateException on a Vert.x event-loop thread
     */
    public static void checkNotOnEventLoop() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("a wait here would block the Vert.x event loop " + Thread.currentThread().getName()
                + ", which must complete what is awaited; wait from the test thread, or compose the futures instead");
        }
    }

    /**
     * Checks a timeout given to a wait.
     *
     * @param timeout the timeout
     * @param name    its name, for the message
     * @return the timeout
     * @throws IllegalArgumentException if it is zero or negative
     * @throws NullPointerException if it is null
     */
    public static Duration requirePositive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + timeout);
        }
        return timeout;
    }

    /**
     * How the failure messages show a deadline: in milliseconds, "10000 ms".
     *
     * @param timeout the deadline
     * @return the deadline in milliseconds, with its unit
     */
    public static String describe(Duration timeout) {
        return timeout.toMillis() + " ms";
    }
}
