package dev.tcpip.core;

import dev.tcpip.core.internal.VertxInternals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The lifecycle every endpoint shares, and nothing else: a Vert.x verticle that starts once, its start and
 * done futures, its name, its logger, and running work on its context.
 *
 * <p><b>Lifetime.</b> {@code vertx.deployVerticle(endpoint)} starts it (the deployment fails as
 * {@link #startFuture()} does), and undeploying it closes it. It starts once; deploying the same instance
 * again fails with {@link IllegalStateException}.
 *
 * <p><b>Threading.</b> All state lives on the context the endpoint was deployed on. Every method may be
 * called from any thread: calls from elsewhere hop onto that context ({@link #onContext(Supplier)}), and
 * every returned future completes there.
 */
public abstract class Endpoint extends VerticleBase {
    /** Logger of the concrete class; messages start with the endpoint's name, if it has one. */
    protected final Logger log = LoggerFactory.getLogger(getClass());

    private final String name;
    private final Promise<Void> startPromise = Promise.promise();
    private final Promise<Void> donePromise = Promise.promise();
    private volatile boolean started;

    /**
     * Creates an endpoint that does nothing until deployed.
     *
     * @param name the name for logs and messages, or "" for none
     */
    protected Endpoint(String name) {
        this.name = name == null ? "" : name;
    }

    /**
     * Remembers the first deployment's Vert.x instance and context; a second deployment does not replace
     * them, so that its {@link #start()} can fail cleanly.
     */
    @Override
    public void init(Vertx vertx, Context context) {
        if (this.context == null) {
            super.init(vertx, context);
        }
    }

    /**
     * Starts the endpoint (called by Vert.x on deployment).
     *
     * @return {@link #startFuture()}, or a failed future if this endpoint was already started
     */
    @Override
    public final Future<?> start() {
        if (started) {
            return Future.failedFuture(new IllegalStateException(describe() + " was already started; an endpoint starts once"));
        }
        started = true;
        Future<Void> f;
        try {
            f = doStart();
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onComplete(startPromise);
        return startPromise.future();
    }

    /**
     * Closes the endpoint (called by Vert.x on undeployment).
     *
     * @return {@link #close()}
     */
    @Override
    public final Future<?> stop() {
        return close();
    }

    /**
     * Listens or connects, on the endpoint's context.
     *
     * @return a future completed once started
     */
    protected abstract Future<Void> doStart();

    /**
     * Closes the endpoint: its connections, its listener, every timer. Completes {@link #doneFuture()}.
     * Idempotent.
     *
     * @return a future completed when closed
     */
    public abstract Future<Void> close();

    /**
     * Python's {@code start_task}.
     *
     * @return a future completed when the endpoint is listening (server) or connected (client); failed
     *     with the start error (bind or connect failure)
     */
    public Future<Void> startFuture() {
        return startPromise.future();
    }

    /**
     * Python's {@code done_task}.
     *
     * @return a future completed when the endpoint is closed
     */
    public Future<Void> doneFuture() {
        return donePromise.future();
    }

    /**
     * Completes {@link #doneFuture()}; for subclasses' {@code close()}.
     */
    protected final void markDone() {
        donePromise.tryComplete();
    }

    /**
     * {@return the name given in the options (for logs)}
     */
    public String name() {
        return name;
    }

    /**
     * Python's {@code log} attribute.
     *
     * @return the endpoint's SLF4J logger
     */
    public Logger log() {
        return log;
    }

    /**
     * {@return the class name and the endpoint's name, {@code "Client lab"}, or just the class name when the
     *     name is empty; exception messages start with it}
     */
    protected String describe() {
        return name.isEmpty() ? getClass().getSimpleName() : getClass().getSimpleName() + " " + name;
    }

    /**
     * {@return "name: " for log lines, or "" when the endpoint has no name: the logger already names the
     *     class}
     */
    protected final String logPrefix() {
        return name.isEmpty() ? "" : name + ": ";
    }

    /**
     * Runs {@code action} on this endpoint's context: directly when already there, else by hopping.
     * Exceptions it throws become a failed future. Work that must not interleave with other callers'
     * (read a counter, stamp it into a message, write the message) runs here as one step, since every
     * read and write of this endpoint runs on the same context.
     *
     * @param action the work, returning a future
     * @param <T>    the result type
     * @return the action's future
     */
    public final <T> Future<T> onContext(Supplier<Future<T>> action) {
        return Tcpip.onContext(context, action);
    }

    /** True if the calling thread runs on this endpoint's context. */
    final boolean onOwnContext() {
        Context ctx = this.context;
        return ctx != null && VertxInternals.isCurrent(ctx);
    }
}
