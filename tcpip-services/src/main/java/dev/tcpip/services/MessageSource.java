package dev.tcpip.services;

import io.vertx.core.Future;

/**
 * Where a service's messages come from: it asks for the next one and gets a future (pysocklib's
 * {@code in_queue.get()}, without the blocking). A source holds the messages nobody has asked for yet, so a
 * slow taker is backpressure, not loss.
 *
 * <p>Implementations: {@link MessageQueue} (in memory), {@link EventBusSource} (a Vert.x event-bus address),
 * {@link MessageGenerator} (produces messages on a timer).
 *
 * @param <T> the message type
 */
public interface MessageSource<T> {
    /**
     * Asks for the next message.
     *
     * @return a future completed with the next message once there is one (at once if one is waiting); failed
     *     if the source is closed, or with {@link java.util.concurrent.CancellationException} if the take was
     *     {@linkplain #cancelTake(Future) cancelled}
     */
    Future<T> take();

    /**
     * Withdraws a take that may still be waiting, so that a shutdown does not leave a taker behind.
     *
     * @param take a future returned by {@link #take()} of this source
     * @return a future of {@code true} if the take was still waiting and is withdrawn (it fails with
     *     {@link java.util.concurrent.CancellationException} and no message is taken for it); {@code false}
     *     if it had already been given a message, which then belongs to the taker
     */
    default Future<Boolean> cancelTake(Future<T> take) {
        return Future.succeededFuture(false);
    }
}
