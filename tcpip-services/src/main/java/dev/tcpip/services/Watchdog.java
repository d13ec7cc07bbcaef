package dev.tcpip.services;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs an action when a watched service (or anything with a "done" future) fails: pysocklib's
 * {@code WatchDog}, without its thread and its 5 s polling. It reacts to the watched futures as they
 * complete, so a failure is acted on at once.
 *
 * <p><b>What counts.</b> Only a failure: a service that becomes {@link ServiceState#FAILED}, or a watched
 * future that fails. A service that stops on purpose (shut down, or its stop condition held) has done what
 * it was asked, so its successful end is not acted on. A future that never completes is never acted on:
 * watch the futures that complete when the thing ends.
 *
 * <pre>{@code
 * Watchdog watchdog = new Watchdog(WatchdogAction.exit(1));
 * watchdog.watch(toUpper).watch(logger);
 * }</pre>
 */
public final class Watchdog {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final WatchdogAction action;
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;

    /**
     * Creates a watchdog.
     *
     * @param action what to do for each failure ({@link WatchdogAction#exit(int)}, {@link WatchdogAction#log()},
     *               or your own)
     */
    public Watchdog(WatchdogAction action) {
        this.action = Objects.requireNonNull(action, "action");
    }

    /**
     * Watches a service: the action runs if it fails.
     *
     * @param service the service
     * @return this watchdog
     */
    public Watchdog watch(Service<?, ?> service) {
        return watch(service.name(), service.done());
    }

    /**
     * Watches a future that completes when something ends: the action runs if it fails.
     *
     * @param name what it is, for the action and the logs
     * @param done the future
     * @return this watchdog
     */
    public Watchdog watch(String name, Future<?> done) {
        Objects.requireNonNull(name, "name");
        done.onFailure(cause -> failed(name, cause));
        return this;
    }

    /** Stops acting: failures after this are ignored. */
    public void close() {
        closed = true;
    }

    /** {@return the number of failures acted on} */
    public long failures() {
        return failures.get();
    }

    private void failed(String name, Throwable cause) {
        if (closed) {
            return;
        }
        failures.incrementAndGet();
        try {
            action.failed(name, cause);
        } catch (RuntimeException e) {
            LOG.error("watchdog: the action for {} threw", name, e);
        }
    }
}
