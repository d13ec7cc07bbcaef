package dev.tcpip.mock;

import dev.tcpip.core.ServerOptions;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar mock-controller.jar [--host H] [--port N] [--telemetry-hz R]}: deploys a
 * {@link MockController} on a new Vert.x instance and runs until Ctrl-C or SIGTERM.
 * {@code java -jar mock-controller.jar drive ...}: runs the {@link Drive} client once.
 *
 * <p>The controller prints exactly one line on stdout once listening,
 * {@code mock telescope controller running on port N}, and nothing else there ever; logs go to stderr.
 * Exit status: 0 after {@code --help}, 1 if it cannot listen, 2 for bad arguments; a stop by signal ends
 * with the JVM's usual status (130 for SIGINT, 143 for SIGTERM) after Vert.x has been closed, which
 * releases the port.
 *
 * <p>The drive client prints one line per ack and per telemetry sample on stdout; it logs warnings only,
 * to stderr, unless {@code -Dmock.log.level} says otherwise. Exit status: 0 when every command was
 * accepted (or after {@code --help}), 3 when one was rejected, 1 when the controller cannot be reached or
 * misbehaves, 2 for bad arguments; interrupted by a signal, the JVM's usual status (130 for SIGINT, 143 for
 * SIGTERM).
 */
public final class Main {
    /** Exit status for a controller that could not start (port in use, unknown host...). */
    public static final int EXIT_CANNOT_LISTEN = 1;
    /** Exit status for a bad command line. */
    public static final int EXIT_USAGE = 2;
    /** The line printed on stdout once listening, before the port number. */
    public static final String RUNNING_PREFIX = "mock telescope controller running on port ";
    /** The first argument that selects the drive client. */
    public static final String DRIVE = "drive";
    /** How long start-up may take to bind before giving up. */
    static final long START_TIMEOUT_SECONDS = 30;
    /** How long the shutdown hook waits for Vert.x to close before letting the JVM go. */
    static final long STOP_TIMEOUT_SECONDS = 5;
    private static final String LOG_LEVEL = "mock.log.level";

    /** Set by the shutdown hook: the JVM is already exiting, so main must not call System.exit. */
    private static volatile boolean stopping;

    private Main() {
    }

    /**
     * Runs the controller, or with {@code drive} as first argument the client; see the class description.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (args.length > 0 && DRIVE.equals(args[0])) {
            if (System.getProperty(LOG_LEVEL) == null) {
                // Before anything logs (the structs' first use does): the client's own chatter off.
                System.setProperty(LOG_LEVEL, "WARN");
            }
            System.exit(drive(Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (UsageException e) {
            usageError("mock-controller", e, "--help");
            return;
        }
        if (arguments.help()) {
            System.out.println(Arguments.USAGE);
            System.out.flush();
            return;
        }
        int status = serve(arguments);
        if (!stopping) {
            System.exit(status);
        }
    }

    private static void usageError(String who, UsageException e, String help) {
        System.err.println(who + ": " + e.getMessage());
        System.err.println("Try 'java -jar mock-controller.jar " + help + "' for the usage.");
        System.err.flush();
        System.exit(EXIT_USAGE);
    }

    /**
     * Starts the controller, prints the running line, and waits until it is closed (by the shutdown hook).
     * Returns only when start-up failed or the controller closed by itself.
     */
    private static int serve(Arguments arguments) {
        Logger log = LoggerFactory.getLogger(Main.class);
        Vertx vertx = Vertx.vertx();
        Thread hook = new Thread(() -> stop(vertx, log), "mock-controller-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        MockController controller = new MockController(
            new ServerOptions().setHost(arguments.host()).setPort(arguments.port()),
            arguments.telemetryHz());
        try {
            vertx.deployVerticle(controller).toCompletionStage().toCompletableFuture()
                .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (stopping) {
                return 0; // stopped by a signal while starting: nothing to report
            }
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("mock-controller: cannot listen on " + hostPort(arguments.host(), arguments.port())
                + ": " + message(cause));
            System.err.flush();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyStopping) {
                return EXIT_CANNOT_LISTEN; // the hook closes Vert.x
            }
            closeQuietly(vertx);
            return EXIT_CANNOT_LISTEN;
        }

        System.out.println(RUNNING_PREFIX + controller.port());
        System.out.flush();

        // Vert.x's threads keep the JVM alive; this thread waits only to notice a controller that closed
        // without a signal (nothing does that today) and exit cleanly then.
        try {
            controller.doneFuture().toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("mock controller ended with an error: {}", message(e.getCause()));
        }
        return 0;
    }

    /** Runs the drive client; returns its exit status. */
    private static int drive(String[] args) {
        DriveArguments arguments;
        try {
            arguments = DriveArguments.parse(args);
        } catch (UsageException e) {
            usageError("mock-controller drive", e, "drive --help");
            return EXIT_USAGE;
        }
        if (arguments.help()) {
            System.out.println(DriveArguments.USAGE);
            System.out.flush();
            return 0;
        }
        Vertx vertx = Vertx.vertx();
        try {
            long deadline = arguments.timeout().toMillis() + TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS);
            int status = Drive.run(vertx, arguments, line -> {
                System.out.println(line);
                System.out.flush();
            }).toCompletionStage().toCompletableFuture().get(deadline, TimeUnit.MILLISECONDS);
            if (status == Drive.EXIT_REJECTED) {
                System.err.println("mock-controller drive: a command was rejected");
            }
            return status;
        } catch (ExecutionException e) {
            System.err.println("mock-controller drive: " + message(e.getCause()));
            return Drive.EXIT_FAILED;
        } catch (TimeoutException e) {
            System.err.println("mock-controller drive: no result within " + arguments.timeout().toSeconds() + " s");
            return Drive.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Drive.EXIT_FAILED;
        } finally {
            System.err.flush();
            closeQuietly(vertx);
        }
    }

    /** The shutdown hook: closes Vert.x (undeploying the controller, so the port is released), bounded. */
    private static void stop(Vertx vertx, Logger log) {
        stopping = true;
        log.info("Stopping the mock telescope controller");
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Mock telescope controller stopped");
        } catch (TimeoutException e) {
            log.warn("Vert.x did not close within {} s; exiting anyway", STOP_TIMEOUT_SECONDS);
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

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static String message(Throwable t) {
        // The server's BindException already names the address, which the line printed says: the reason only.
        Throwable reason = t instanceof java.net.BindException && t.getCause() instanceof java.net.BindException ? t.getCause() : t;
        String m = reason.getMessage();
        return m == null || m.isBlank() ? reason.getClass().getSimpleName() : m;
    }
}
