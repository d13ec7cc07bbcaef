package dev.tcpip.core.reconnect;

import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.Tcpip;
import dev.tcpip.core.internal.VertxInternals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Keeps a client connected by a {@link ReconnectPolicy}: makes connect attempts, waits the policy's delays
 * between them on a Vert.x timer (no thread, no polling: nothing runs while it waits), and starts again when
 * the user reports the connection {@link #lost}. What it connects is the user's: {@code attempt} makes one
 * connection (a socket, an endpoint) within the timeout it is given, and {@code discard} closes one that is
 * no longer wanted.
 *
 * <p>Its state ({@link ConnectionState}) can be read, and watched with {@link #stateHandler}. Everything runs on
 * one context: the handlers, the attempts and the futures it returns; its methods may be called from any
 * thread.
 *
 * @param <T> what a connect attempt makes
 */
public final class Reconnector<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Reconnector.class);

    private final Context context;
    private final ReconnectPolicy policy;
    private final Function<Duration, Future<T>> attempt;
    private final Function<T, Future<?>> discard;
    private final String logPrefix;

    // Context-confined.
    private ConnectionState state;
    private T current;
    private Throwable lastFailure;
    /** Failed attempts, and delays waited, in this series (since the start or the last lost connection). */
    private int failures;
    private int retries;
    private long seriesStart;
    private long timer = -1;
    private final List<Promise<T>> waiting = new ArrayList<>();
    private Handler<ConnectionState> stateHandler;

    /**
     * Creates a reconnector; {@link #start()} makes the first attempt.
     *
     * @param context where it runs
     * @param policy  when to try again
     * @param attempt makes one connection, giving up after the duration given (the policy's connect timeout)
     * @param discard closes a connection that is no longer wanted (after {@link #close()})
     * @param name    for the logs (may be empty)
     */
    public Reconnector(Context context, ReconnectPolicy policy, Function<Duration, Future<T>> attempt,
                       Function<T, Future<?>> discard, String name) {
        this.context = Objects.requireNonNull(context, "context");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.attempt = Objects.requireNonNull(attempt, "attempt");
        this.discard = Objects.requireNonNull(discard, "discard");
        this.logPrefix = name == null || name.isEmpty() ? "" : name + ": ";
    }

    /**
     * Makes the first connect attempt.
     *
     * @return the first connection; failed if the policy gives up first (state FAILED, with the last
     *     attempt's error) or {@link #close()} is called first
     * @throws IllegalStateException (in the future) if started twice
     */
    public Future<T> start() {
        return Tcpip.onContext(context, () -> {
            if (state != null) {
                return Future.failedFuture(new IllegalStateException("start() may be called once"));
            }
            Future<T> first = next();
            connect();
            return first;
        });
    }

    /**
     * Reports that the connection was lost: the policy's delays start again from the first, then it
     * reconnects (or, for {@link ReconnectPolicy#never()}, the state becomes FAILED). Ignored unless connected
     * with this very connection.
     *
     * @param connection the connection that ended
     * @param cause      why, or null for a normal end
     */
    public void lost(T connection, Throwable cause) {
        Tcpip.onContext(context, () -> {
            if (state != ConnectionState.CONNECTED || current != connection) {
                return Future.succeededFuture();
            }
            current = null;
            lastFailure = cause;
            LOG.info("{}connection lost{}", logPrefix, cause == null ? "" : ": " + cause.getMessage());
            failures = 0;
            retries = 0;
            seriesStart = System.nanoTime();
            if (policy.reconnects()) {
                backOff();
            } else {
                become(ConnectionState.FAILED, cause != null ? cause : new NotConnectedException(logPrefix + "connection lost"));
            }
            return Future.succeededFuture();
        });
    }

    /**
     * {@return the current connection if connected, else the next one; failed once the state is final}
     */
    public Future<T> connected() {
        return Tcpip.onContext(context, () -> state == ConnectionState.CONNECTED ? Future.succeededFuture(current) : next());
    }

    /**
     * "Connected within T or fail".
     *
     * @param timeout how long to wait
     * @return the connection, as {@link #connected()}; failed with a {@link TimeoutException} if not connected
     *     in time (the reconnector goes on trying)
     */
    public Future<T> connectedWithin(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return Tcpip.onContext(context, () -> {
            Future<T> connection = connected();
            if (connection.isComplete()) {
                return connection;
            }
            Promise<T> within = VertxInternals.promise(context);
            long id = context.owner().setTimer(Math.max(1, timeout.toMillis()), t -> within.tryFail(
                new TimeoutException(logPrefix + "not connected within " + timeout.toMillis() + " ms (" + state
                    + (lastFailure == null ? "" : ", last error: " + lastFailure.getMessage()) + ")")));
            connection.onComplete(ar -> {
                context.owner().cancelTimer(id);
                if (ar.succeeded()) {
                    within.tryComplete(ar.result());
                } else {
                    within.tryFail(ar.cause());
                }
            });
            return within.future();
        });
    }

    /**
     * Sets the action run, on the context, at each change of state.
     *
     * @param handler the action
     * @return this reconnector
     */
    public Reconnector<T> stateHandler(Handler<ConnectionState> handler) {
        Tcpip.onContext(context, () -> {
            stateHandler = handler;
            return Future.succeededFuture();
        });
        return this;
    }

    /** {@return the state, null before {@link #start()}; read from any thread, it may lag by a step} */
    public ConnectionState state() {
        return state;
    }

    /** {@return the error of the last failed attempt or lost connection, or null} */
    public Throwable lastFailure() {
        return lastFailure;
    }

    /**
     * Stops: no more attempts, the delay's timer cancelled, the current connection discarded, waiting
     * {@link #connected()} futures failed. A connection an attempt still under way makes is discarded when it
     * comes. Idempotent.
     *
     * @return completed once the current connection, if any, is discarded
     */
    public Future<Void> close() {
        return Tcpip.onContext(context, () -> {
            if (state == ConnectionState.CLOSED) {
                return Future.succeededFuture();
            }
            cancelTimer();
            T connection = current;
            current = null;
            become(ConnectionState.CLOSED, new NotConnectedException(logPrefix + "closed"));
            return connection == null ? Future.succeededFuture() : discard.apply(connection).mapEmpty();
        });
    }

    private Future<T> next() {
        if (state != null && state.isFinal()) {
            return Future.failedFuture(state == ConnectionState.FAILED && lastFailure != null ? lastFailure
                : new NotConnectedException(logPrefix + state.name().toLowerCase(java.util.Locale.ROOT)));
        }
        Promise<T> p = VertxInternals.promise(context);
        waiting.add(p);
        return p.future();
    }

    private void connect() {
        timer = -1;
        become(ConnectionState.CONNECTING, null);
        Future<T> made;
        try {
            made = attempt.apply(policy.connectTimeout());
        } catch (RuntimeException e) {
            made = Future.failedFuture(e);
        }
        made.onComplete(ar -> {
            if (state != ConnectionState.CONNECTING) {
                if (ar.succeeded()) {
                    discard.apply(ar.result());   // closed meanwhile
                }
                return;
            }
            if (ar.succeeded()) {
                failures = 0;
                retries = 0;
                current = ar.result();
                become(ConnectionState.CONNECTED, null);
                return;
            }
            lastFailure = ar.cause();
            if (failures++ == 0 && retries == 0) {
                seriesStart = System.nanoTime();
            }
            LOG.debug("{}connect attempt {} failed: {}", logPrefix, failures, ar.cause().getMessage());
            Duration since = Duration.ofNanos(System.nanoTime() - seriesStart);
            if (policy.allowsRetry(failures, since)) {
                backOff();
            } else {
                LOG.warn("{}giving up after {} failed attempt(s) in {} ms: {}", logPrefix, failures, since.toMillis(),
                    ar.cause().getMessage());
                become(ConnectionState.FAILED, ar.cause());
            }
        });
    }

    /** Waits the policy's next delay of this series, then tries again. */
    private void backOff() {
        Duration delay = policy.delayBefore(++retries, ThreadLocalRandom.current()::nextDouble);
        become(ConnectionState.BACKING_OFF, null);
        timer = context.owner().setTimer(Math.max(1, delay.toMillis()), id -> connect());
    }

    private void cancelTimer() {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
            timer = -1;
        }
    }

    /** Moves to a state, tells the state handler, then settles the waiting futures when connected or final. */
    private void become(ConnectionState next, Throwable failure) {
        state = next;
        if (stateHandler != null) {
            try {
                stateHandler.handle(next);
            } catch (RuntimeException e) {
                LOG.warn("{}state handler failed: {}", logPrefix, e.toString());
            }
        }
        if (next == ConnectionState.CONNECTED || next.isFinal()) {
            List<Promise<T>> settled = new ArrayList<>(waiting);
            waiting.clear();
            for (Promise<T> p : settled) {
                if (next == ConnectionState.CONNECTED) {
                    p.tryComplete(current);
                } else {
                    p.tryFail(failure);
                }
            }
        }
    }
}
