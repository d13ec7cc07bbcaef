package dev.tcpip.core.message;

import dev.tcpip.core.Tcpip;
import dev.tcpip.core.internal.VertxInternals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.streams.ReadStream;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Where a producer on one context (a socket's reader, a listener's accept) hands items to one consumer, of
 * the kind the user chose: a blocking {@link #receive queue} for plain threads (the default), a handler
 * whose future says when the next item may come, or a {@link ReadStream} with demand.
 *
 * <p>The producer {@link #offer offers} one item at a time and offers the next once the returned future
 * has completed, so the consumer's pace sets the producer's: a full queue, a handler still working or a
 * paused stream stops the producer (a socket stops being read). Items queued before a handler or a stream
 * is chosen are handed to it first, in order. The end is an item too, after every other: each later
 * {@link #receive} reports it again, and a stream gets its end handler.
 *
 * <p>Everything but {@link #receive} runs on the context; {@link #receive} runs on any other thread.
 *
 * @param <E> the item type
 */
final class Inbox<E> {
    private enum Mode { QUEUE, HANDLER, STREAM }

    /** An item in the queue, with the bytes it stands for. */
    private static final class Entry {
        final Object item;
        final int bytes;

        Entry(Object item, int bytes) {
            this.item = item;
            this.bytes = bytes;
        }
    }

    /** The end, queued after the last item. */
    private static final Entry END = new Entry(null, 0);

    private final Context context;
    private final int capacity;
    private final String what;
    /** Items not yet handed over, and END: taken by plain threads in QUEUE mode, by drain() otherwise. */
    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    /** Items (not END) in the queue. */
    private final AtomicInteger queued = new AtomicInteger();
    /** The bytes the queued items stand for. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long byteLimit;
    /** The producer waits for room in the queue: a plain thread that takes an item wakes it. */
    private final AtomicBoolean producerWaiting = new AtomicBoolean();
    private volatile Mode mode = Mode.QUEUE;
    private volatile Throwable endCause;

    // Context-confined.
    private Promise<Void> room;
    private Function<E, Future<?>> handler;
    private boolean draining;
    private boolean waitingForHandler;
    private final Stream stream = new Stream();

    /**
     * Creates an inbox.
     *
     * @param context  the producer's context
     * @param capacity  the most items the queue holds before the producer is stopped (&gt;= 1)
     * @param byteLimit the producer is stopped too once the queued items stand for this many bytes
     * @param what      what the items are, for messages ("messages", "connections")
     */
    Inbox(Context context, int capacity, long byteLimit, String what) {
        this.context = Objects.requireNonNull(context, "context");
        this.capacity = capacity;
        this.byteLimit = Math.max(1, byteLimit);
        this.what = what;
    }

    /**
     * Hands an item over, or queues it. On the context.
     *
     * @param item  the item (may be null)
     * @param bytes the bytes it stands for, counted against the byte limit while it is queued
     * @return completed once the producer may offer the next one
     */
    Future<?> offer(E item, int bytes) {
        if (mode == Mode.QUEUE || !queue.isEmpty() || waitingForHandler
            || (mode == Mode.STREAM && (stream.demand == 0 || stream.handler == null))) {
            queue.add(new Entry(item, bytes));
            queued.incrementAndGet();
            queuedBytes.addAndGet(bytes);
            if (mode != Mode.QUEUE) {
                drain();
            }
            return roomInQueue();
        }
        return handOver(item);
    }

    /**
     * Marks the end, after every item offered. On the context; once.
     *
     * @param cause the error it ended with, or null for a normal end
     */
    void end(Throwable cause) {
        endCause = cause;
        queue.add(END);
        if (mode != Mode.QUEUE) {
            drain();
        }
        if (room != null) {
            room.tryComplete();
        }
    }

    /**
     * {@return the number of items waiting to be taken}
     */
    int size() {
        return queued.get();
    }

    /**
     * Takes the next item, waiting at most the timeout: for plain threads (and virtual ones), never an event
     * loop.
     *
     * @param timeout how long to wait
     * @return the item
     * @throws EndOfStreamException after the end, every time
     * @throws TimeoutException if none came in time
     * @throws InterruptedException if the thread was interrupted while waiting
     * @throws IllegalStateException on an event-loop thread, or after a handler or a stream was chosen
     */
    @SuppressWarnings("unchecked")
    E receive(Duration timeout) throws InterruptedException, TimeoutException {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("receive() blocks: call it from a plain or virtual thread, not an event loop");
        }
        if (mode != Mode.QUEUE) {
            throw new IllegalStateException(what + " go to a " + (mode == Mode.HANDLER ? "handler" : "stream")
                + ", not to receive()");
        }
        Entry item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
            throw new TimeoutException("no " + what + " within " + timeout.toMillis() + " ms");
        }
        if (item == END) {
            queue.add(END);
            throw new EndOfStreamException("no more " + what + ": closed", endCause);
        }
        taken(item);
        if (producerWaiting.getAndSet(false)) {
            context.runOnContext(v -> wakeProducer());
        }
        return (E) item.item;
    }

    /**
     * Sends every item to a handler from now on, those already queued first. On the context.
     *
     * @param handler called with each item on the context; the next comes once its future has completed
     * @throws IllegalStateException if a stream was chosen
     */
    void handler(Function<E, Future<?>> handler) {
        if (mode == Mode.STREAM) {
            throw new IllegalStateException(what + " already go to a stream");
        }
        this.handler = Objects.requireNonNull(handler, "handler");
        mode = Mode.HANDLER;
        drain();
    }

    /**
     * {@return the items as a stream with backpressure; choosing it happens when its handler is set}
     */
    ReadStream<E> stream() {
        return stream;
    }

    private Future<?> roomInQueue() {
        if (mode != Mode.QUEUE) {
            // A handler or a stream is being given the queued items: go on once they are all out.
            return queue.isEmpty() && !waitingForHandler ? Future.succeededFuture() : waitForRoom();
        }
        if (hasRoom()) {
            return Future.succeededFuture();
        }
        producerWaiting.set(true);
        if (hasRoom() && producerWaiting.getAndSet(false)) {
            // A consumer took one between the check and the flag.
            return Future.succeededFuture();
        }
        return waitForRoom();
    }

    private boolean hasRoom() {
        return queued.get() < capacity && queuedBytes.get() < byteLimit;
    }

    private void taken(Entry entry) {
        queued.decrementAndGet();
        queuedBytes.addAndGet(-entry.bytes);
    }

    private Future<?> waitForRoom() {
        if (room == null) {
            room = VertxInternals.promise(context);
        }
        return room.future();
    }

    private void wakeProducer() {
        Promise<Void> waiting = room;
        room = null;
        if (waiting != null) {
            waiting.tryComplete();
        }
    }

    private Future<?> handOver(E item) {
        if (mode == Mode.HANDLER) {
            return Tcpip.onContext(null, () -> handler.apply(item));
        }
        stream.emit(item);
        return stream.demand > 0 ? Future.succeededFuture() : waitForRoom();
    }

    /** Hands queued items to the handler or the stream, in order, as fast as they take them. */
    private void drain() {
        if (draining || waitingForHandler) {
            return;
        }
        draining = true;
        try {
            // Waking the producer may bring more items, or the end, at once: they queue while we drain.
            while (handQueuedOver()) {
                wakeProducer();
                if (queue.isEmpty()) {
                    return;
                }
            }
        } finally {
            draining = false;
        }
    }

    /** Hands queued items over; true once the queue is empty, false when the consumer must be waited for. */
    @SuppressWarnings("unchecked")
    private boolean handQueuedOver() {
        while (!queue.isEmpty()) {
            if (mode == Mode.STREAM && (stream.demand == 0 || stream.handler == null)) {
                return false;
            }
            Entry item = queue.peek();
            if (item == END) {
                if (mode == Mode.STREAM) {
                    stream.ended();
                }
                return false;
            }
            queue.poll();
            taken(item);
            E e = (E) item.item;
            if (mode == Mode.STREAM) {
                stream.emit(e);
                continue;
            }
            Future<?> done = Tcpip.onContext(null, () -> handler.apply(e));
            if (!done.isComplete()) {
                waitingForHandler = true;
                done.onComplete(ar -> {
                    waitingForHandler = false;
                    drain();
                });
                return false;
            }
        }
        return true;
    }

    /** The items as a Vert.x stream: demand-driven, on the context. */
    private final class Stream implements ReadStream<E> {
        private Handler<E> handler;
        private Handler<Void> endHandler;
        private Handler<Throwable> exceptionHandler;
        private long demand = Long.MAX_VALUE;
        private boolean ended;

        void emit(E item) {
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            handler.handle(item);
        }

        void ended() {
            if (ended) {
                return;
            }
            ended = true;
            Throwable cause = endCause;
            if (cause != null && exceptionHandler != null) {
                exceptionHandler.handle(cause);
            }
            if (endHandler != null) {
                endHandler.handle(null);
            }
        }

        private void onContext(Runnable action) {
            if (VertxInternals.isCurrent(context)) {
                action.run();
            } else {
                context.runOnContext(v -> action.run());
            }
        }

        @Override
        public ReadStream<E> exceptionHandler(Handler<Throwable> handler) {
            onContext(() -> exceptionHandler = handler);
            return this;
        }

        @Override
        public ReadStream<E> handler(Handler<E> handler) {
            onContext(() -> {
                if (handler != null && Inbox.this.mode == Mode.HANDLER) {
                    throw new IllegalStateException(what + " already go to a handler");
                }
                this.handler = handler;
                if (handler != null) {
                    Inbox.this.mode = Mode.STREAM;
                    drain();
                }
            });
            return this;
        }

        @Override
        public ReadStream<E> pause() {
            onContext(() -> demand = 0);
            return this;
        }

        @Override
        public ReadStream<E> resume() {
            return fetch(Long.MAX_VALUE);
        }

        @Override
        public ReadStream<E> fetch(long amount) {
            if (amount < 0) {
                throw new IllegalArgumentException("amount must be >= 0, got " + amount);
            }
            onContext(() -> {
                demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
                if (Inbox.this.mode == Mode.STREAM) {
                    drain();
                    if (queue.isEmpty() && demand > 0) {
                        wakeProducer();
                    }
                }
            });
            return this;
        }

        @Override
        public ReadStream<E> endHandler(Handler<Void> handler) {
            onContext(() -> endHandler = handler);
            return this;
        }
    }
}
