package dev.tcpip.tasks;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a server's tasks on a thread of its own, never an event loop, one at a time (the caller starts the
 * next once the previous one's future has completed), each with a time limit. A task that runs past the
 * limit fails with {@link TimedOut}; its thread is interrupted and abandoned (a daemon thread, so it never
 * keeps the JVM alive), and the next task runs on a fresh one. Used on the server's context only; its
 * futures complete there.
 */
final class TaskWorker {
    private static final Logger LOG = LoggerFactory.getLogger(TaskWorker.class);

    private final Vertx vertx;
    private final Context context;
    private final Duration limit;
    private final String threadName;
    private final AtomicInteger threads = new AtomicInteger();
    private ExecutorService executor;
    private Promise<?> current;
    private boolean closed;

    /** A task ran past its time limit. */
    static final class TimedOut extends Exception {

        TimedOut(Duration limit) {
            super("timed out after " + TaskProtocol.seconds(limit) + " s", null, false, false);
        }
    }

    /** The worker was closed before the task ended. */
    static final class Closed extends Exception {

        Closed() {
            super("the task server is shutting down", null, false, false);
        }
    }

    TaskWorker(Vertx vertx, Context context, Duration limit, String threadName) {
        this.vertx = vertx;
        this.context = context;
        this.limit = limit;
        this.threadName = threadName;
    }

    /** {@return the time limit of each task} */
    Duration limit() {
        return limit;
    }

    /**
     * Runs a task on the worker thread; on the context, never while another runs.
     *
     * @return its result; failed with what it threw, with {@link TimedOut}, or with {@link Closed}
     */
    <T> Future<T> run(Callable<T> task) {
        if (closed) {
            return Future.failedFuture(new Closed());
        }
        if (current != null) {
            return Future.failedFuture(new IllegalStateException("a task is running already"));
        }
        Promise<T> promise = Promise.promise();
        current = promise;
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, threadName + "-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        ExecutorService runner = executor;
        long timer = vertx.setTimer(Math.max(1, limit.toMillis()), id -> {
            if (current != promise) {
                return;
            }
            current = null;
            // Interrupt the thread and leave it: the next task gets a fresh one.
            runner.shutdownNow();
            if (executor == runner) {
                executor = null;
            }
            promise.fail(new TimedOut(limit));
        });
        try {
            runner.execute(() -> {
                T result = null;
                Throwable failure = null;
                try {
                    result = task.call();
                } catch (Throwable t) {
                    failure = t;
                }
                T r = result;
                Throwable f = failure;
                context.runOnContext(v -> ended(promise, timer, r, f));
            });
        } catch (RejectedExecutionException e) {
            vertx.cancelTimer(timer);
            current = null;
            return Future.failedFuture(new Closed());
        }
        return promise.future();
    }

    private <T> void ended(Promise<T> promise, long timer, T result, Throwable failure) {
        if (current != promise) {
            LOG.debug("an abandoned task ended after its time limit or the shutdown; its {} is dropped",
                failure == null ? "result" : "failure (" + failure + ")");
            return;
        }
        // Free for the next task before completing: what completes this may start the next.
        current = null;
        vertx.cancelTimer(timer);
        if (failure == null) {
            promise.complete(result);
        } else {
            promise.fail(failure);
        }
    }

    /** Interrupts the running task, if any (it fails with {@link Closed}), and runs no more; on the context. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        Promise<?> running = current;
        current = null;
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        if (running != null) {
            running.fail(new Closed());
        }
    }
}
