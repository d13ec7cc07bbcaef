package dev.tcpip.cli;

import dev.tcpip.tasks.TaskServer;
import dev.tcpip.tasks.TaskServerOptions;
import dev.tcpip.tasks.TaskSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the {@code tasks server} command: the task server on a new Vert.x, the running line once
 * listening, then nothing until a client's EXIT ends the server (exit 0), or SIGTERM or SIGINT, whose shutdown
 * hook closes it and Vert.x (bounded) and exits 0.
 */
final class TasksServerRun {
    /** The program's name in an error line: {@code tcpip tasks server: cannot start ...}. */
    static final String PROGRAM = "tcpip tasks server";
    /** The line printed on stdout once listening, before the port. */
    static final String RUNNING = "Task server running on port ";

    private static final Logger LOG = LoggerFactory.getLogger(TasksServerRun.class);

    private final TaskSet tasks;
    private final TaskServerOptions options;

    TasksServerRun(TaskSet tasks, TaskServerOptions options) {
        this.tasks = tasks;
        this.options = options;
    }

    /** {@return 0 once a client's EXIT has ended the server, 1 if it cannot start} */
    int run() {
        Vertx vertx = Vertx.vertx();
        TaskServer server = TaskServer.create(vertx, tasks, options);
        Thread hook = new Thread(() -> stop(vertx, server), "tcpip-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int port;
        try {
            port = await(server.start(), EndpointRun.START_TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            System.err.println(PROGRAM + ": cannot start on " + options.getHost() + ":" + options.getPort() + ": "
                + (cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage()));
            System.err.flush();
            close(vertx, server);
            removeHook(hook);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        System.out.println(RUNNING + port);
        System.out.flush();
        try {
            server.done().toCompletionStage().toCompletableFuture().get();   // until EXIT, or the hook ends the JVM
        } catch (ExecutionException e) {
            LOG.warn("the task server ended with a failure", e);   // done() is never failed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (!removeHook(hook)) {
            return 0;   // a signal came meanwhile: its hook closes and exits
        }
        LOG.info("Task server ended by EXIT");
        if (!close(vertx, server)) {
            LOG.warn("Vert.x did not close within {} s; exiting anyway", EndpointRun.STOP_TIMEOUT.toSeconds());
        }
        return 0;
    }

    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false;   // the JVM is shutting down
        }
    }

    private void stop(Vertx vertx, TaskServer server) {
        LOG.info("Stopping the task server");
        if (close(vertx, server)) {
            LOG.info("Task server stopped");
            Runtime.getRuntime().halt(0);
        }
        LOG.warn("the task server did not close within {} s; exiting anyway", EndpointRun.STOP_TIMEOUT.toSeconds());
    }

    private static boolean close(Vertx vertx, TaskServer server) {
        long deadline = System.nanoTime() + EndpointRun.STOP_TIMEOUT.toNanos();
        for (Future<?> closing : List.of(server.close(), vertx.close())) {
            try {
                await(closing, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (ExecutionException | TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static <T> T await(Future<T> future, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        return future.toCompletionStage().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
