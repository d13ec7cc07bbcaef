package dev.tcpip.services;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/** What a {@link Watchdog} does when something it watches fails. */
@FunctionalInterface
public interface WatchdogAction {
    /**
     * Acts on a failure.
     *
     * @param name  the name the failed thing was watched under
     * @param cause why it failed
     */
    void failed(String name, Throwable cause);

    /** {@return an action that logs the failure at ERROR (logger {@code dev.tcpip.services.Watchdog}) and does nothing else} */
    static WatchdogAction log() {
        Logger log = LoggerFactory.getLogger(Watchdog.class);
        return (name, cause) -> log.error("watchdog: {} failed", name, cause);
    }

    /**
     * pysocklib's {@code os._exit(1)}: logs the failure at ERROR and exits the JVM with a status
     * ({@code System.exit}, so shutdown hooks run), once, however many failures follow.
     *
     * @param status the exit status (pysocklib: 1)
     * @return the action
     */
    static WatchdogAction exit(int status) {
        return exit(status, System::exit);
    }

    /**
     * Like {@link #exit(int)}, with the exit made by {@code exiter} (tests pass one that records the status).
     * The exiter is called once, on a new thread named {@code tcpip-watchdog-exit}: {@code System.exit} blocks
     * until the shutdown hooks have run, and a hook that closes Vert.x would wait for the very event loop the
     * failure was reported on.
     *
     * @param status the exit status
     * @param exiter what exits, given the status ({@code System::exit})
     * @return the action
     */
    static WatchdogAction exit(int status, IntConsumer exiter) {
        Objects.requireNonNull(exiter, "exiter");
        WatchdogAction logging = log();
        AtomicBoolean exited = new AtomicBoolean();
        return (name, cause) -> {
            logging.failed(name, cause);
            if (exited.compareAndSet(false, true)) {
                LoggerFactory.getLogger(Watchdog.class).error("watchdog: exiting with status {}", status);
                Thread thread = new Thread(() -> exiter.accept(status), "tcpip-watchdog-exit");
                thread.start();
            }
        };
    }
}
