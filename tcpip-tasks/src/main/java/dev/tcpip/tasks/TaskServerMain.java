package dev.tcpip.tasks;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Runs a task server in this JVM until a client's EXIT or a signal ends it: the body of a task server
 * process, both the one {@link TaskServerProcess#start} launches ({@link #main}) and the CLI's
 * {@code tasks server} in the foreground ({@link #serve}).
 *
 * <p>{@link #main} is what {@link TaskServerProcess} runs in the new JVM; it is not a command line for
 * people. It reads one JSON object from stdin until end of input ({@code {"tasks": NAME, "options":
 * {...TaskServerOptions JSON...}, "token": T}}; the token is there, never among the arguments or in the
 * environment, where other users of the machine could read it), then prints exactly one line on stdout,
 * {@code Task server running on port N (pid P)} once listening or {@code error: REASON}, and closes stdout.
 * Its exit status is 0 after EXIT or a signal, 1 when it cannot listen, 2 when the configuration is wrong.
 */
public final class TaskServerMain {
    /** How long starting may take before the server is given up: binding the port, and the init task if asked. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** How long closing the server and Vert.x may take, after EXIT or a signal, before the JVM exits anyway. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** The start of the line that {@link #main} prints once listening, before the port. */
    public static final String RUNNING = "Task server running on port ";
    /** The start of the line that {@link #main} prints when it cannot start, before the reason. */
    public static final String ERROR = "error: ";
    /** The most bytes of configuration {@link #main} reads from stdin. */
    static final int MAX_CONFIGURATION = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TaskServerMain.class);

    private TaskServerMain() {
    }

    /**
     * The entry point of a task server process launched by {@link TaskServerProcess}: reads its configuration
     * from stdin, runs the server, and exits with its status.
     *
     * @param args ignored: the configuration comes on stdin
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        JsonObject config;
        TaskSet tasks;
        TaskServerOptions options;
        try {
            config = readConfiguration(System.in);
            tasks = TaskSets.find(config.getString("tasks"));
            options = new TaskServerOptions(config.getJsonObject("options", new JsonObject()));
            String token = config.getString("token");
            if (token != null) {
                options.setToken(token);
            }
        } catch (IOException | RuntimeException e) {
            out.println(ERROR + "bad configuration: " + e.getMessage());
            out.close();
            System.exit(2);
            return;
        }
        long pid = ProcessHandle.current().pid();
        int status = serve(tasks, options,
            port -> {
                out.println(RUNNING + port + " (pid " + pid + ")");
                out.close();   // the launcher reads up to end of input; nothing else is ever written here
            },
            reason -> {
                out.println(ERROR + reason);
                out.close();
            });
        System.exit(status);
    }

    /**
     * Runs the task server on a new Vert.x until a client's EXIT ends it, or SIGTERM or SIGINT, whose shutdown
     * hook closes the server and Vert.x (within {@link #STOP_TIMEOUT}) and halts the JVM with status 0.
     * Blocks the calling thread: call it from a program's main thread.
     *
     * @param tasks the task set
     * @param options the server's options
     * @param listening called once with the port, when the server listens (and the init task, if asked, ran)
     * @param cannotStart called instead with the reason ({@code cannot start on HOST:PORT: ...}) when the
     *     server cannot start within {@link #START_TIMEOUT}
     * @return 0 once EXIT has ended the server, 1 when it could not start or the thread was interrupted
     * @throws NullPointerException if an argument is null
     */
    public static int serve(TaskSet tasks, TaskServerOptions options, IntConsumer listening, Consumer<String> cannotStart) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listening, "listening");
        Objects.requireNonNull(cannotStart, "cannotStart");
        Vertx vertx = Vertx.vertx();
        TaskServer server = TaskServer.create(vertx, tasks, options);
        Thread hook = new Thread(() -> stopOnSignal(vertx, server), "tcpip-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int port;
        try {
            port = await(server.start(), START_TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String reason = cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage();
            if (cause instanceof TimeoutException) {
                reason = "not listening after " + START_TIMEOUT.toSeconds() + " s";
            }
            cannotStart.accept("cannot start on " + options.getHost() + ":" + options.getPort() + ": " + reason);
            close(vertx, server);
            removeHook(hook);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        listening.accept(port);
        try {
            server.done().toCompletionStage().toCompletableFuture().get();   // until EXIT, or the hook ends the JVM
        } catch (ExecutionException e) {
            LOG.warn("the task server ended with a failure", e);   // done() is never failed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (!removeHook(hook)) {
            return 0;   // a signal came meanwhile: its hook closes and halts
        }
        LOG.info("Task server ended by EXIT");
        if (!close(vertx, server)) {
            LOG.warn("Vert.x did not close within {} s; exiting anyway", STOP_TIMEOUT.toSeconds());
        }
        return 0;
    }

    /** Reads stdin to its end (the launcher closes it), at most {@link #MAX_CONFIGURATION} bytes. */
    static JsonObject readConfiguration(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_CONFIGURATION + 1);
        if (bytes.length > MAX_CONFIGURATION) {
            throw new IOException("more than " + MAX_CONFIGURATION + " bytes on stdin");
        }
        try {
            JsonObject config = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
            if (config.getString("tasks") == null) {
                throw new IOException("no \"tasks\" in the configuration");
            }
            return config;
        } catch (DecodeException | ClassCastException e) {
            throw new IOException("not a JSON object with a \"tasks\" name: " + e.getMessage(), e);
        }
    }

    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false;   // the JVM is shutting down
        }
    }

    private static void stopOnSignal(Vertx vertx, TaskServer server) {
        LOG.info("Stopping the task server");
        if (close(vertx, server)) {
            LOG.info("Task server stopped");
            Runtime.getRuntime().halt(0);
        }
        LOG.warn("the task server did not close within {} s; exiting anyway", STOP_TIMEOUT.toSeconds());
    }

    /** Closes the server, then Vert.x (not both at once: Vert.x's close would cut replies still queued). */
    private static boolean close(Vertx vertx, TaskServer server) {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        try {
            await(server.close(), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            await(vertx.close(), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static <T> T await(Future<T> future, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        return future.toCompletionStage().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
