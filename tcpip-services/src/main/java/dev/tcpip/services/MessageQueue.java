package dev.tcpip.services;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bounded first-in first-out queue of messages, usable from Vert.x code (futures) and from plain threads
 * (blocking calls with timeouts, like Python's {@code queue.Queue}). It is both a {@link MessageSource} and a
 * {@link MessageSink}, so it joins endpoints and services in memory.
 *
 * <p><b>Full and empty.</b> The queue holds at most {@link #capacity()} messages. A {@link #put(Object)} on a
 * full queue waits (its future is pending, {@link #waitingPuts()} counts it) until a take makes room, and
 * waiting puts are admitted in order: nothing is dropped, and a producer that waits for each put is paused.
 * {@link #tryPut(Object)} refuses instead of waiting, and {@link #offer(Object, Duration)} waits at most a
 * timeout and then gives up (the message is not queued). A {@link #take()} on an empty queue waits for the
 * next put; {@link #take(Duration)} waits at most a timeout and returns {@code null}.
 *
 * <p><b>Threading.</b> The state lives on one Vert.x context (the one given, or the caller's at creation) and
 * is touched only there: calls from elsewhere hop onto it, and every returned future completes there. No
 * locks. The blocking methods refuse to run on an event loop ({@link IllegalStateException}).
 *
 * <pre>{@code
 * MessageQueue<String> queue = new MessageQueue<>(vertx, 100);
 * queue.offer("hello", Duration.ofSeconds(1));        // plain thread: true once queued
 * queue.take().onSuccess(m -> ...);                   // Vert.x code
 * }</pre>
 *
 * @param <T> the message type
 */
public final class MessageQueue<T> implements MessageSource<T>, MessageSink<T> {
    /** How long a blocking call waits for the queue's context to confirm a cancellation before giving up. */
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final Confined confined;
    private final int capacity;
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ArrayDeque<Promise<T>> takers = new ArrayDeque<>();
    private final ArrayDeque<WaitingPut<T>> putters = new ArrayDeque<>();
    private volatile int size;
    private volatile int waitingPuts;
    private volatile int waitingTakes;

    private record WaitingPut<T>(T message, Promise<Void> promise) {
    }

    /**
     * Creates a queue on the caller's context, or on a new event-loop context of {@code vertx} when the
     * caller is not on one.
     *
     * @param vertx    the Vert.x instance
     * @param capacity the maximum number of messages held (at least 1)
     */
    public MessageQueue(Vertx vertx, int capacity) {
        this(vertx.getOrCreateContext(), capacity);
    }

    /**
     * Creates a queue on the given context.
     *
     * @param context  the context its state lives on
     * @param capacity the maximum number of messages held (at least 1)
     */
    public MessageQueue(Context context, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.confined = new Confined(context);
        this.capacity = capacity;
    }

    // ---------------------------------------------------------------- Vert.x side

    /**
     * {@inheritDoc}
     *
     * <p>Completes at once with the oldest message if there is one, else when the next message is put.
     */
    @Override
    public Future<T> take() {
        if (confined.isHere() && !items.isEmpty()) {
            return Future.succeededFuture(removeHead());   // the common case of a busy queue: nothing to wait for
        }
        Promise<T> promise = Promise.promise();
        confined.run(() -> {
            if (!items.isEmpty()) {
                promise.complete(removeHead());
            } else {
                takers.add(promise);
                waitingTakes = takers.size();
            }
        });
        return promise.future();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Completes at once if a taker is waiting or the queue has room, else once a take makes room (puts
     * waiting on a full queue are admitted in the order they were made).
     */
    @Override
    public Future<Void> put(T message) {
        Objects.requireNonNull(message, "message");
        if (confined.isHere() && (handToTaker(message) || addIfRoom(message))) {
            return Future.succeededFuture();   // room, or a taker, on the queue's own context: nothing to wait for
        }
        Promise<Void> promise = Promise.promise();
        confined.run(() -> {
            if (handToTaker(message) || addIfRoom(message)) {
                promise.complete();
            } else {
                putters.add(new WaitingPut<>(message, promise));
                waitingPuts = putters.size();
            }
        });
        return promise.future();
    }

    /**
     * Puts a message only if that needs no waiting.
     *
     * @param message the message, not null
     * @return a future of {@code true} if the message was queued (or handed to a waiting taker), {@code false}
     *     if the queue was full (the message is not queued)
     */
    public Future<Boolean> tryPut(T message) {
        Objects.requireNonNull(message, "message");
        Promise<Boolean> promise = Promise.promise();
        confined.run(() -> promise.complete(putters.isEmpty() && (handToTaker(message) || addIfRoom(message))));
        return promise.future();
    }

    @Override
    public Future<Boolean> cancelTake(Future<T> take) {
        Promise<Boolean> result = Promise.promise();
        confined.run(() -> {
            boolean withdrawn = Takers.withdraw(takers, take);
            waitingTakes = takers.size();
            result.complete(withdrawn);
        });
        return result.future();
    }

    @Override
    public Future<Boolean> cancelPut(Future<Void> put) {
        Promise<Boolean> result = Promise.promise();
        confined.run(() -> {
            for (Iterator<WaitingPut<T>> it = putters.iterator(); it.hasNext(); ) {
                WaitingPut<T> w = it.next();
                if (w.promise().future() == put) {
                    it.remove();
                    waitingPuts = putters.size();
                    w.promise().fail(new CancellationException("put cancelled"));
                    result.complete(true);
                    return;
                }
            }
            result.complete(false);
        });
        return result.future();
    }

    // ---------------------------------------------------------------- plain threads

    /**
     * Takes the oldest message, waiting at most {@code timeout} for one: Python's {@code get(timeout=...)}
     * and Java's {@code BlockingQueue.poll}.
     *
     * @param timeout how long to wait (zero: only if one is there)
     * @return the message, or {@code null} if none came in time (nothing is taken then)
     * @throws InterruptedException if the thread is interrupted while waiting (nothing is taken then, unless
     *     a message was already on its way: it is then returned, with the interrupt flag set)
     * @throws IllegalStateException on a Vert.x event loop, or on the queue's own context (a virtual thread of
     *     it would hold the context that must deliver the message: use {@code take().await()} there)
     */
    public T take(Duration timeout) throws InterruptedException {
        confined.checkMayBlockHere("MessageQueue.take(Duration)");
        Future<T> take = take();
        CompletableFuture<T> waiting = take.toCompletionStage().toCompletableFuture();
        try {
            return waiting.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return confirm(cancelTake(take)) ? null : take.result();
        } catch (InterruptedException e) {
            if (confirm(cancelTake(take))) {
                throw e;
            }
            Thread.currentThread().interrupt();
            return take.result();
        } catch (ExecutionException e) {
            throw new IllegalStateException("take failed", e.getCause());
        }
    }

    /**
     * Puts a message, waiting at most {@code timeout} for room: Python's {@code put(item, timeout=...)} and
     * Java's {@code BlockingQueue.offer}.
     *
     * @param message the message, not null
     * @param timeout how long to wait for room (zero: only if there is room now)
     * @return {@code true} if the message was queued; {@code false} if the queue stayed full (the message is
     *     not queued: the caller still has it)
     * @throws InterruptedException if the thread is interrupted while waiting (the message is not queued,
     *     unless it had already been admitted: then this returns {@code true} with the interrupt flag set)
     * @throws IllegalStateException on a Vert.x event loop, or on the queue's own context (use
     *     {@code put(message).await()} there)
     */
    public boolean offer(T message, Duration timeout) throws InterruptedException {
        confined.checkMayBlockHere("MessageQueue.offer(Object, Duration)");
        Future<Void> put = put(message);
        try {
            put.toCompletionStage().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return !confirm(cancelPut(put));
        } catch (InterruptedException e) {
            if (confirm(cancelPut(put))) {
                throw e;
            }
            Thread.currentThread().interrupt();
            return true;
        } catch (ExecutionException e) {
            throw new IllegalStateException("put failed", e.getCause());
        }
    }

    private static boolean confirm(Future<Boolean> cancelled) {
        CompletableFuture<Boolean> f = cancelled.toCompletionStage().toCompletableFuture();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get(CONFIRM_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("the queue's context did not answer a cancellation", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- observing

    /** {@return the maximum number of messages held} */
    public int capacity() {
        return capacity;
    }

    /** {@return the number of messages held (exact on the queue's context, a recent value elsewhere)} */
    public int size() {
        return size;
    }

    /** {@return the number of puts waiting for room: producers paused by a full queue} */
    public int waitingPuts() {
        return waitingPuts;
    }

    /** {@return the number of takes waiting for a message} */
    public int waitingTakes() {
        return waitingTakes;
    }

    // ---------------------------------------------------------------- on the context

    private T removeHead() {
        T message = items.poll();
        WaitingPut<T> next = putters.poll();
        if (next != null) {
            waitingPuts = putters.size();
            items.add(next.message());
            next.promise().complete();
        }
        size = items.size();
        return message;
    }

    private boolean handToTaker(T message) {
        Promise<T> taker = takers.poll();
        if (taker == null) {
            return false;
        }
        waitingTakes = takers.size();
        taker.complete(message);
        return true;
    }

    private boolean addIfRoom(T message) {
        if (items.size() >= capacity) {
            return false;
        }
        items.add(message);
        size = items.size();
        return true;
    }
}
