package dev.tcpip.testkit;

import dev.tcpip.core.BaseClientOrServer;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.testsupport.Await;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The values of {@code connected()} that a connect callback saw, in order, for a test to take one by one
 * (the queue that ts_tcpip's {@code BaseOneClientServerTestCase} feeds from its connect callback).
 *
 * <p>Give {@link #callback()} to a server or client; each call of the callback records the endpoint's
 * {@code connected()} at that moment. The test thread then asserts the changes it expects, in order:
 *
 * <pre>{@code
 * ConnectStateQueue states = new ConnectStateQueue("server");
 * OneClientServer server = new OneClientServer(new ServerOptions(), states.callback());
 * // ... deploy it, connect a client ...
 * states.assertNextConnected(true);
 * // ... the client goes away ...
 * states.assertNextConnected(false);
 * states.assertNoMoreConnectChanges(Duration.ofMillis(100));
 * }</pre>
 *
 * <p>Thread-safe: the callback runs on the endpoint's event loop, the assertions on the test thread. The
 * assertions block the calling thread, so never call them from an event loop.
 */
public final class ConnectStateQueue {
    /** How long {@link #assertNextConnected(boolean)} waits by default: 10 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Duration defaultTimeout;
    private final BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();

    /** A queue named "connect states", waiting {@link #DEFAULT_TIMEOUT} by default. */
    public ConnectStateQueue() {
        this("connect states");
    }

    /**
     * A queue waiting {@link #DEFAULT_TIMEOUT} by default.
     *
     * @param name what the queue watches ("server", "client"), used in failure messages
     */
    public ConnectStateQueue(String name) {
        this(name, DEFAULT_TIMEOUT);
    }

    /**
     * A queue with its own name and default wait.
     *
     * @param name           what the queue watches ("server", "client"), used in failure messages
     * @param defaultTimeout how long the assertions without a timeout argument wait (positive)
     */
    public ConnectStateQueue(String name, Duration defaultTimeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.defaultTimeout = Await.requirePositive(defaultTimeout, "defaultTimeout");
    }

    /**
     * {@return the name used in failure messages}
     */
    public String name() {
        return name;
    }

    /**
     * {@return how long the assertions without a timeout argument wait}
     */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /**
     * A connect callback that records {@code endpoint.connected()} in this queue each time it is called. It
     * returns a completed future at once, so it never delays the endpoint. One queue may serve several
     * endpoints; their changes then interleave in the order the callbacks ran.
     *
     * @param <E> the endpoint type expected by the constructor it is given to
     * @return the callback
     */
    public <E extends BaseClientOrServer> ConnectCallback<E> callback() {
        return endpoint -> {
            offer(endpoint.connected());
            return Future.succeededFuture();
        };
    }

    /**
     * Records a value, as the callback does; for composing the queue into a callback of your own.
     *
     * @param connected the state to record
     */
    public void offer(boolean connected) {
        states.add(connected);
    }

    /**
     * Takes the next recorded state, waiting up to {@code timeout} for one.
     *
     * @param timeout how long to wait (positive)
     * @return the state
     * @throws AssertionError if none is recorded in time, or the thread is interrupted
     */
    public boolean next(Duration timeout) {
        Await.requirePositive(timeout, "timeout");
        Boolean value = poll(timeout);
        if (value == null) {
            throw new AssertionError(name + ": no connect callback within " + Await.describe(timeout));
        }
        return value;
    }

    /**
     * Asserts that the next recorded state is {@code expected}, waiting up to the default timeout.
     *
     * @param expected the state the next callback should have seen
     * @throws AssertionError on a different value, or if none is recorded in time
     */
    public void assertNextConnected(boolean expected) {
        assertNextConnected(expected, defaultTimeout);
    }

    /**
     * Asserts that the next recorded state is {@code expected}, waiting up to {@code timeout}.
     *
     * @param expected the state the next callback should have seen
     * @param timeout  how long to wait (positive)
     * @throws AssertionError on a different value, or if none is recorded in time
     */
    public void assertNextConnected(boolean expected, Duration timeout) {
        Await.requirePositive(timeout, "timeout");
        Boolean value = poll(timeout);
        if (value == null) {
            throw new AssertionError(name + ": expected a connect callback with connected=" + expected
                + " within " + Await.describe(timeout) + ", but there was none");
        }
        if (value != expected) {
            throw new AssertionError(name + ": expected the next connect callback to see connected=" + expected
                + " but it saw connected=" + value + (states.isEmpty() ? "" : "; still queued after it: " + snapshot()));
        }
    }

    /**
     * Asserts that no connect callback is recorded now nor during the next {@code quiet} period. This is a
     * bounded wait for something not to happen: it returns after {@code quiet} when all is well, and fails
     * as soon as a state arrives.
     *
     * @param quiet how long to watch (zero: only check what is already queued)
     * @throws AssertionError if a state is or gets recorded
     */
    public void assertNoMoreConnectChanges(Duration quiet) {
        Objects.requireNonNull(quiet, "quiet");
        if (quiet.isNegative()) {
            throw new IllegalArgumentException("quiet must not be negative, got " + quiet);
        }
        Boolean value = quiet.isZero() ? states.poll() : poll(quiet);
        if (value != null) {
            throw new AssertionError(name + ": expected no more connect callbacks, but one saw connected=" + value
                + (states.isEmpty() ? "" : "; still queued after it: " + snapshot()));
        }
    }

    /**
     * {@return how many recorded states have not been taken yet}
     */
    public int size() {
        return states.size();
    }

    /**
     * {@return true if no recorded state is waiting to be taken}
     */
    public boolean isEmpty() {
        return states.isEmpty();
    }

    /**
     * Removes and returns every state not taken yet, oldest first.
     *
     * @return the states
     */
    public List<Boolean> drain() {
        List<Boolean> out = new ArrayList<>();
        states.drainTo(out);
        return out;
    }

    /**
     * Forgets every state not taken yet.
     */
    public void clear() {
        states.clear();
    }

    @Override
    public String toString() {
        return "ConnectStateQueue[" + name + ": " + snapshot() + "]";
    }

    private List<Boolean> snapshot() {
        return new ArrayList<>(states);
    }

    private Boolean poll(Duration timeout) {
        try {
            return states.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted while waiting for a connect callback", e);
        }
    }
}
