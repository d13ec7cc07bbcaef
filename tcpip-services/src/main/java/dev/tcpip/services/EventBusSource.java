package dev.tcpip.services;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A {@link MessageSource} that consumes a Vert.x event-bus address into a bounded buffer, fed by
 * {@link EventBusSink}s (see there for the message types and why messages are sent, not published).
 *
 * <p><b>Backpressure.</b> The consumer asks the event bus for only as many messages as the buffer has room
 * for ({@link MessageConsumer} is a {@code ReadStream}: it is paused, then {@code fetch}ed one message per
 * free slot). Each message is acknowledged (replied to) when it enters the buffer or is handed to a waiting
 * taker. While the buffer is full ({@link #paused()}), messages wait unacknowledged in the event bus, so
 * senders waiting for their put are paused: nothing is dropped. (Vert.x holds at most
 * 1000 such messages by default, {@link io.vertx.core.eventbus.MessageConsumerOptions#setMaxBufferedMessages(int)}; beyond that it
 * discards, and those senders' puts fail at their send timeout, reported to them.)
 *
 * <p><b>Threading.</b> The consumer and the buffer live on the context current at creation (or a new one);
 * other calls hop onto it, and the futures returned complete there. {@link #close()} unregisters the
 * consumer; messages still buffered then are logged at WARN and counted in {@link #discarded()}.
 *
 * @param <T> the message type
 */
public final class EventBusSource<T> implements MessageSource<T> {
    private static final Logger LOG = LoggerFactory.getLogger(EventBusSource.class);

    private final Confined confined;
    private final String address;
    private final int capacity;
    private final Promise<Void> registered = Promise.promise();
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final ArrayDeque<Promise<T>> takers = new ArrayDeque<>();
    private volatile int buffered;
    private volatile long discarded;
    private volatile boolean closed;

    // Set once on the context.
    private MessageConsumer<T> consumer;

    /**
     * Creates the source and registers its consumer; see {@link #registered()}.
     *
     * @param vertx    the Vert.x instance
     * @param address  the address to consume
     * @param capacity the number of messages buffered before the consumer pauses (at least 1)
     */
    public EventBusSource(Vertx vertx, String address, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.address = Objects.requireNonNull(address, "address");
        this.capacity = capacity;
        this.confined = new Confined(vertx.getOrCreateContext());
        confined.run(() -> {
            MessageConsumer<T> c = vertx.eventBus().consumer(address);
            c.pause();
            c.handler(this::received);
            c.fetch(capacity);
            consumer = c;
            c.completion().onComplete(registered);
        });
    }

    /** {@return a future completed once the consumer is registered (on a cluster, once every node knows)} */
    public Future<Void> registered() {
        return registered.future();
    }

    @Override
    public Future<T> take() {
        Promise<T> promise = Promise.promise();
        confined.run(() -> {
            if (!buffer.isEmpty()) {
                T message = buffer.poll();
                buffered = buffer.size();
                if (!closed) {
                    consumer.fetch(1);
                }
                promise.complete(message);
            } else if (closed) {
                promise.fail(new IllegalStateException("event-bus source " + address + " is closed"));
            } else {
                takers.add(promise);
            }
        });
        return promise.future();
    }

    @Override
    public Future<Boolean> cancelTake(Future<T> take) {
        Promise<Boolean> result = Promise.promise();
        confined.run(() -> {
            boolean withdrawn = Takers.withdraw(takers, take);
            result.complete(withdrawn);
        });
        return result.future();
    }

    /**
     * Unregisters the consumer and fails waiting takes. Idempotent.
     *
     * @return a future completed once unregistered
     */
    public Future<Void> close() {
        Promise<Void> result = Promise.promise();
        confined.run(() -> {
            if (closed) {
                result.complete();
                return;
            }
            closed = true;
            Promise<T> taker;
            while ((taker = takers.poll()) != null) {
                taker.fail(new IllegalStateException("event-bus source " + address + " closed"));
            }
            if (!buffer.isEmpty()) {
                discarded += buffer.size();
                LOG.warn("event-bus source {}: closed with {} acknowledged messages not taken, discarded: {}", address, buffer.size(), buffer);
                buffer.clear();
                buffered = 0;
            }
            consumer.unregister().onComplete(result);
        });
        return result.future();
    }

    /** {@return the address} */
    public String address() {
        return address;
    }

    /** {@return the maximum number of messages buffered} */
    public int capacity() {
        return capacity;
    }

    /** {@return the number of messages buffered (acknowledged, not yet taken)} */
    public int buffered() {
        return buffered;
    }

    /** {@return true while the buffer is full, so the consumer asks the event bus for nothing more} */
    public boolean paused() {
        return buffered >= capacity;
    }

    /** {@return the number of acknowledged messages discarded because the source was closed before they were taken} */
    public long discarded() {
        return discarded;
    }

    private void received(Message<T> message) {
        T body = message.body();
        if (body == null) {
            message.fail(400, "null message");
            consumer.fetch(1);
            return;
        }
        Promise<T> taker = takers.poll();
        if (taker != null) {
            consumer.fetch(1);
            taker.complete(body);
        } else {
            buffer.add(body);
            buffered = buffer.size();
        }
        // Acknowledged once accepted: a sender that sees its put complete sees the message buffered.
        message.reply(null);
    }
}
