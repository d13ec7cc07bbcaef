package dev.tcpip.echo;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar echo-server.jar [--host H] [--port N]}: deploys an {@link EchoServer} on a new
 * Vert.x instance and runs until Ctrl-C or SIGTERM.
 *
 * <p>Once listening it prints exactly one line on stdout, {@code Echo server running on port N}, and
 * nothing else there ever; logs go to stderr. Exit status: 0 after {@code --help}, 1 if the server cannot
 * listen, 2 for bad arguments; a stop by signal ends with the JVM's usual status (130 for SIGINT, 143 for
 * SIGTERM) after Vert.x has been closed, which releases the port.
 */
public final class Main {
    /** Exit status for a server that could not start (port in use, unknown host...). */
    public static final int EXIT_CANNOT_LISTEN = 1;
    /** Exit status for a bad command line. */
    public static final int EXIT_USAGE = 2;
    /** The line printed on stdout once listening, before the port number. */
    public static final String RUNNING_PREFIX = "Echo server running on port ";
    /** How long start-up may take to bind before giving up. */
    static final long START_TIMEOUT_SECONDS = 30;
    /** How long the shutdown hook waits for Vert.x to close before letting the JVM go. */
    static final long STOP_TIMEOUT_SECONDS = 5;

    /** Set by the shutdown hook: the JVM is already exiting, so main must not call System.exit. */
    private static volatile boolean stopping;

    private Main() {
    }

    /**
     * Runs the echo server; see the class description.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (Arguments.UsageException e) {
            PrintStream err = System.err;
            err.println("echo-server: " + e.getMessage());
            err.println("Try 'java -jar echo-server.jar --help' for the usage.");
            err.flush();
            System.exit(EXIT_USAGE);
            return;
        }
        if (arguments.help()) {
            System.out.println(Arguments.USAGE);
            System.out.flush();
            return;
        }
        int status = run(arguments);
        if (!stopping) {
            System.exit(status);
        }
    }

    /**
     * Starts the server, prints the running line, and waits until the server is closed (by the shutdown
     * hook). Returns only when start-up failed or the server closed by itself.
     */
    private static int run(Arguments arguments) {
        Logger log = LoggerFactory.getLogger(Main.class);
        Vertx vertx = Vertx.vertx();
        Thread hook = new Thread(() -> stop(vertx, log), "echo-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        EchoServer server = new EchoServer(arguments.host(), arguments.port());
        try {
            vertx.deployVerticle(server).toCompletionStage().toCompletableFuture()
                .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (stopping) {
                return 0; // stopped by a signal while starting: nothing to report
            }
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("echo-server: cannot listen on " + hostPort(arguments) + ": " + message(cause));
            System.err.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyStopping) {
                return EXIT_CANNOT_LISTEN; // the hook closes Vert.x
            }
            closeQuietly(vertx);
            return EXIT_CANNOT_LISTEN;
        }

        System.out.println(RUNNING_PREFIX + server.port());
        System.out.flush();

        // Vert.x's threads keep the JVM alive; this thread waits only to notice a server that closed
        // without a signal (nothing does that today) and exit cleanly then.
        try {
            server.doneFuture().toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("echo server ended with an error: {}", message(e.getCause()));
        }
        return 0;
    }

    /** The shutdown hook: closes Vert.x (undeploying the server, so the port is released), bounded. */
    private static void stop(Vertx vertx, Logger log) {
        stopping = true;
        log.info("Stopping the echo server");
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Echo server stopped");
        } catch (TimeoutException e) {
            log.warn("Vert.x did not close within {} s (a client that does not read its echoes keeps its"
                + " socket from closing); exiting anyway", STOP_TIMEOUT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("error while closing Vert.x: {}", message(e.getCause()));
        }
    }

    private static void closeQuietly(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // exiting anyway
        }
    }

    private static String hostPort(Arguments arguments) {
        String host = arguments.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + arguments.port();
    }

    private static String message(Throwable t) {
        // The server's BindException already names the address, which the line printed says: the reason only.
        Throwable reason = t instanceof java.net.BindException && t.getCause() instanceof java.net.BindException ? t.getCause() : t;
        String m = reason.getMessage();
        return m == null || m.isBlank() ? reason.getClass().getSimpleName() : m;
    }
}
