package dev.tcpip.core;

import dev.tcpip.core.internal.VertxInternals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;

/**
 * Python's connect-callback rules for one endpoint: the callback runs on every change of
 * {@code connected()}, one call at a time and in order (each waits for the future of the one before), and
 * its failures are logged and ignored. Confined to the endpoint's context.
 */
final class ConnectCallbackChain {
    private final ConnectCallback<Object> callback;
    private boolean reported;
    private Future<Void> chain = Future.succeededFuture();

    @SuppressWarnings("unchecked")
    ConnectCallbackChain(ConnectCallback<?> callback) {
        this.callback = (ConnectCallback<Object>) callback;
    }

    /**
     * Calls the callback if {@code connected} differs from the value it was last called with.
     *
     * @return a future completed when that call (and every one before it) has run; never failed
     */
    Future<Void> fire(Endpoint endpoint, boolean connected, Context context, Logger log, String logPrefix) {
        if (connected == reported) {
            return chain;
        }
        reported = connected;
        if (callback == null) {
            return chain;
        }
        log.debug("{}calling connect callback, connected={}", logPrefix, connected);
        chain = chain.transform(ignored -> invoke(endpoint, context, log, logPrefix));
        return chain;
    }

    private Future<Void> invoke(Endpoint endpoint, Context context, Logger log, String logPrefix) {
        Future<Void> result;
        try {
            result = callback.call(endpoint);
        } catch (Throwable t) {
            result = Future.failedFuture(t);
        }
        if (result == null) {
            return Future.succeededFuture();
        }
        // The user's future may complete on any thread: come back to the context before going on.
        Promise<Void> done = VertxInternals.promise(context);
        result.onComplete(ar -> {
            if (ar.failed()) {
                log.warn("{}connect callback failed; ignored", logPrefix, ar.cause());
            }
            done.complete();
        });
        return done.future();
    }
}
