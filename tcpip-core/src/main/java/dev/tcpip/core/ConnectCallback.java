package dev.tcpip.core;

import io.vertx.core.Future;

import java.util.function.Consumer;

/**
 * Called once for every change of an endpoint's {@code connected()} state: with the endpoint connected,
 * then with it disconnected, never twice in a row with the same value. It runs on the endpoint's context;
 * calls are serialised (the next waits for the future the previous returned). An exception thrown, or a
 * failed future returned, is logged and swallowed: the connection keeps working.
 *
 * <p>A plain lambda that returns nothing adapts with {@link #of(Consumer)}.
 *
 * @param <E> the endpoint type
 */
@FunctionalInterface
public interface ConnectCallback<E> {
    /**
     * Called on the endpoint's context after its connected state changed.
     *
     * @param endpoint the endpoint whose state changed; ask it {@code connected()}
     * @return a future the endpoint waits for before the next callback (null counts as done)
     * @throws Exception to be logged and ignored
     */
    Future<Void> call(E endpoint) throws Exception;

    /**
     * Adapts a callback that returns nothing: the endpoint goes on as soon as the action returns.
     *
     * @param action a synchronous callback
     * @param <E>    the endpoint type
     * @return the callback, returning a completed future
     */
    static <E> ConnectCallback<E> of(Consumer<? super E> action) {
        return endpoint -> {
            action.accept(endpoint);
            return Future.succeededFuture();
        };
    }
}
