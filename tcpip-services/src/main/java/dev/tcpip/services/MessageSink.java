package dev.tcpip.services;

import io.vertx.core.Future;

/**
 * Where a service's messages go: each put completes once the message is accepted, and waits while the sink
 * is full (pysocklib's {@code out_queue.put()}, without the blocking). A producer that waits for each put
 * before making the next message can never overrun the sink.
 *
 * <p>Implementations: {@link MessageQueue} (in memory), {@link EventBusSink} (a Vert.x event-bus address).
 *
 * @param <T> the message type
 */
public interface MessageSink<T> {
    /**
     * Hands a message over.
     *
     * @param message the message, not null
     * @return a future completed when the sink has accepted the message (at once if there is room, else once
     *     room is made); failed if it cannot be delivered (the sink is closed, nobody consumes the address),
     *     or with {@link java.util.concurrent.CancellationException} if the put was
     *     {@linkplain #cancelPut(Future) cancelled}
     */
    Future<Void> put(T message);

    /**
     * Withdraws a put that may still be waiting for room, so that a shutdown never waits on a full sink.
     *
     * @param put a future returned by {@link #put(Object)} of this sink
     * @return a future of {@code true} if the put was still waiting and is withdrawn (its message was not
     *     accepted, and the put fails with {@link java.util.concurrent.CancellationException}); {@code false}
     *     if the message had already been accepted or the put had already failed
     */
    default Future<Boolean> cancelPut(Future<Void> put) {
        return Future.succeededFuture(false);
    }
}
