package dev.tcpip.udp;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Side work tied to a {@link DatagramServer}'s lifetime (python-easyservers' {@code create_thread(fn, args,
 * start)}): an action run every period on a Vert.x timer, on the server's context, so it may touch the same
 * state as the server's in-order handlers without locks (the chat sample's pings). Made with
 * {@link DatagramServer#task}, it does nothing until {@link #start()}; the server's close cancels it. An
 * action that throws is logged and counted, and runs again at the next period.
 */
public final class BackgroundTask {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTask.class);

    private final Vertx vertx;
    private final Context context;
    private final String name;
    private final Duration period;
    private final Runnable action;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    // Context-confined.
    private long timer = -1;
    private boolean cancelled;

    BackgroundTask(Vertx vertx, Context context, String name, Duration period, Runnable action) {
        this.vertx = vertx;
        this.context = context;
        this.name = name;
        this.period = period;
        this.action = action;
    }

    /**
     * Starts running the action every period, the first time one period from now.
     *
     * @return completed once started; failed with {@link IllegalStateException} if it was cancelled (or its
     *     server closed); starting a started task does nothing
     */
    public Future<Void> start() {
        return dev.tcpip.core.Tcpip.onContext(context, () -> {
            if (cancelled) {
                return Future.failedFuture(new IllegalStateException("task " + name + " is cancelled"));
            }
            if (timer < 0) {
                timer = vertx.setPeriodic(Math.max(1, period.toMillis()), id -> run());
            }
            return Future.succeededFuture();
        });
    }

    /**
     * Stops it for good. Idempotent.
     *
     * @return completed once no further run will start
     */
    public Future<Void> cancel() {
        return dev.tcpip.core.Tcpip.onContext(context, () -> {
            cancelled = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            return Future.succeededFuture();
        });
    }

    private void run() {
        if (cancelled) {
            return;
        }
        runs.incrementAndGet();
        try {
            action.run();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("task {} failed; it runs again in {} ms", name, period.toMillis(), e);
        }
    }

    /** {@return the name given} */
    public String name() {
        return name;
    }

    /** {@return whether it is started and not cancelled (a recent value off the server's context)} */
    public boolean isRunning() {
        return timer >= 0 && !cancelled;
    }

    /** {@return how many times the action has run} */
    public long runs() {
        return runs.get();
    }

    /** {@return how many runs threw} */
    public long failures() {
        return failures.get();
    }
}
