package dev.tcpip.launcher;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParameterException;

import java.net.BindException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One run of a server as a program, once its command line is good: make it, deploy it on a new Vert.x,
 * print the running line, wait; on SIGTERM or SIGINT close Vert.x, within the stop timeout. What
 * {@link ServerLauncher} does after parsing.
 */
final class ServerRun {
    private final String program;
    private final String title;
    private final String runningLine;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    /** Set by the shutdown hook: the JVM is already exiting, so main must not call System.exit. */
    private volatile boolean stopping;
    /** Completed once the server's deployment has settled, or will not be tried: the shutdown hook waits for it. */
    private final CompletableFuture<Void> settled = new CompletableFuture<>();

    /**
     * Deploys the server, prints the running line, and waits until the server ends (the shutdown hook closes
     * Vert.x on a signal). Returns only when start-up failed or the server ended.
     */
    <S extends Deployable> int serve(ListenAddress at, Function<ListenAddress, S> factory,
                                             ToIntFunction<? super S> port, Function<? super S, Future<?>> done) {
        S server;
        try {
            server = Objects.requireNonNull(factory.apply(at), "the server factory returned null");
        } catch (ParameterException refused) {
            throw refused;   // options the program refuses together: a bad command line, reported by picocli's handler
        } catch (RuntimeException e) {
            System.err.println(program + ": cannot listen on " + at + ": " + reason(e));
            System.err.flush();
            return ServerLauncher.EXIT_CANNOT_LISTEN;
        }

        Logger log = LoggerFactory.getLogger(ServerLauncher.class);
        Vertx vertx = Vertx.vertx();
        Thread hook = new Thread(() -> stop(vertx, log), program + "-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // A signal came before the server started: the JVM is already exiting with the signal's status.
            stopping = true;
            closeQuietly(vertx);
            return 0;
        }

        int listening;
        try {
            if (stopping) {
                settled.complete(null);
                return 0; // a signal before the deployment: the hook closes Vert.x
            }
            try {
                vertx.deployVerticle(server).toCompletionStage().toCompletableFuture()
                    .get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                settled.complete(null);
            }
            listening = port.applyAsInt(server);
        } catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException e) {
            if (stopping) {
                return 0; // stopped by a signal while starting: nothing to report
            }
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String reason = e instanceof TimeoutException ? "not listening after " + seconds(startTimeout) : reason(cause);
            System.err.println(program + ": cannot listen on " + at + ": " + reason);
            System.err.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyStopping) {
                return ServerLauncher.EXIT_CANNOT_LISTEN; // the hook closes Vert.x
            }
            closeQuietly(vertx);
            return ServerLauncher.EXIT_CANNOT_LISTEN;
        }

        System.out.println(runningLine + listening);
        System.out.flush();

        // Vert.x's threads keep the JVM alive; this thread waits only to notice a server that ends without a
        // signal, and exit then. A verticle without an end to wait for is stopped by a signal only.
        Future<?> end = done.apply(server);
        try {
            if (end != null) {
                end.toCompletionStage().toCompletableFuture().get();
            } else {
                new CompletableFuture<Void>().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("{} ended with an error: {}", title, reason(e.getCause()));
        }
        return 0;
    }

    /** The shutdown hook: closes Vert.x (undeploying the server, so the port is released), bounded. */
    private void stop(Vertx vertx, Logger log) {
        stopping = true;
        log.info("Stopping the {}", title);
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        // A signal while the server starts: let its deployment settle first, within the stop timeout. Closing
        // Vert.x in the middle of it makes Vert.x and Netty log errors with stack traces.
        try {
            settled.get(stopTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            long left = Math.max(1, deadline - System.nanoTime());
            vertx.close().toCompletionStage().toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
            log.info("{} stopped", capitalized(title));
        } catch (TimeoutException e) {
            log.warn("Vert.x did not close within {} (a client that does not read what it is sent keeps its socket"
                + " from closing); exiting anyway", seconds(stopTimeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("error while closing Vert.x: {}", reason(e.getCause()));
        }
    }

    /** Ends the JVM with the status, unless a signal is ending it already. */
    void exit(int status) {
        if (!stopping) {
            System.exit(status);
        }
    }

    private void closeQuietly(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // exiting anyway
        }
    }

    /** The OS's reason: a server's BindException already names the address, which the line printed says. */
    private static String reason(Throwable t) {
        Throwable reason = t instanceof BindException && t.getCause() instanceof BindException ? t.getCause() : t;
        String m = reason.getMessage();
        return m == null || m.isBlank() ? reason.getClass().getSimpleName() : m;
    }

    private static String capitalized(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }


    ServerRun(String program, String title, String runningLine, Duration startTimeout, Duration stopTimeout) {
        this.program = program;
        this.title = title;
        this.runningLine = runningLine;
        this.startTimeout = startTimeout;
        this.stopTimeout = stopTimeout;
    }
}
