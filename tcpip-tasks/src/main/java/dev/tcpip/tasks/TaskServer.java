package dev.tcpip.tasks;

import dev.tcpip.core.Tcpip;
import dev.tcpip.core.message.MessageListener;
import dev.tcpip.core.message.MessageListenerOptions;
import dev.tcpip.core.message.MessageSocket;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A task server (bgpy's {@code Server}, without pickle): clients connect, authenticate with a token, and
 * drive the INIT/EXEC/EXIT lifecycle of a {@link TaskSet} registered here; the protocol is in the
 * {@linkplain dev.tcpip.tasks package description}.
 *
 * <pre>{@code
 * TaskServer server = TaskServer.create(vertx, TaskSets.find("counter"),
 *     new TaskServerOptions().setToken(token));
 * int port = server.start().await();     // or compose the future
 * server.done().await();                 // until a client's EXIT (or close())
 * }</pre>
 *
 * <p>Many clients may be connected at once (up to {@link TaskServerOptions#getMaxClients()}); each is read
 * and answered on the Vert.x event loop, while the tasks run one at a time, in the order their requests
 * arrived from all clients, on a thread of the server's own with a time limit. A slow task therefore never
 * holds up another client's AUTH or a confirmation, and a client that stalls holds up nobody. A client that
 * breaks the protocol (a bad frame, bytes that are not UTF-8 JSON, a message of the wrong shape) is
 * disconnected alone, and the server goes on; so it does when a task throws or times out.
 *
 * <p>The server lives on one Vert.x context: the state, the sessions and the queue are touched only there,
 * with no locks. Its methods may be called from any thread; its futures complete on that context.
 */
public final class TaskServer {
    private static final Logger LOG = LoggerFactory.getLogger(TaskServer.class);

    private final Vertx vertx;
    private final Context context;
    private final TaskSet tasks;
    private final TaskServerOptions options;
    private final byte[] token;
    private final TaskLifecycle lifecycle;
    private final TaskWorker worker;
    private final Set<TaskSession> sessions = new LinkedHashSet<>();
    private final Promise<Void> done = Promise.promise();
    private MessageListener<MessageSocket<Object>> listener;
    private volatile int port = -1;
    private boolean started;
    private boolean stopping;

    private TaskServer(Vertx vertx, Context context, TaskSet tasks, TaskServerOptions options) {
        this.vertx = vertx;
        this.context = context;
        this.tasks = tasks;
        this.options = options;
        this.token = options.getToken() == null ? null : options.getToken().getBytes(StandardCharsets.UTF_8);
        this.worker = new TaskWorker(vertx, context, options.getTaskTimeout(), "tcpip-tasks-" + tasks.name());
        this.lifecycle = new TaskLifecycle(tasks, worker);
    }

    /**
     * Creates a server; {@link #start()} starts it.
     *
     * @param vertx   the Vert.x instance; the server lives on the caller's context, or a new one
     * @param tasks   the tasks it runs ({@link TaskSets#find(String)}, or {@link TaskSet#of})
     * @param options where to listen, the token, limits and timeouts (copied)
     * @return the server, not started
     */
    public static TaskServer create(Vertx vertx, TaskSet tasks, TaskServerOptions options) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(tasks, "tasks");
        return new TaskServer(vertx, vertx.getOrCreateContext(), tasks, new TaskServerOptions(options));
    }

    /**
     * Starts the server: runs the init task first if {@link TaskServerOptions#isInitAtStart()} says so, then
     * listens. Without a token it logs, at WARN, that access is open.
     *
     * @return the port listened on (the one picked, for port 0), once clients may connect; failed if the init
     *     task failed or the port cannot be bound (then the server has ended: {@link #done()} is complete)
     * @throws IllegalStateException (in the future) if called twice
     */
    public Future<Integer> start() {
        return Tcpip.onContext(context, () -> {
            if (started || stopping) {
                return Future.failedFuture(new IllegalStateException("start() may be called once, before close()"));
            }
            started = true;
            if (token == null) {
                LOG.warn("task server '{}': no token set: OPEN ACCESS, any client that can connect may run tasks",
                    tasks.name());
            }
            Future<Void> init = options.isInitAtStart()
                ? lifecycle.submit(MessageType.INIT, new JsonObject()).compose(reply -> reply.isOk()
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(new IllegalStateException("the init task at start-up failed: " + reply.message())))
                : Future.succeededFuture();
            return init.compose(v -> listen()).recover(e -> {
                LOG.warn("task server '{}' did not start: {}", tasks.name(), e.getMessage());
                return stop("a failed start").transform(ar -> Future.failedFuture(e));
            });
        });
    }

    private Future<Integer> listen() {
        if (stopping) {
            return Future.failedFuture(new IllegalStateException("closed while starting"));
        }
        MessageListenerOptions listenerOptions = new MessageListenerOptions()
            .setName("task server '" + tasks.name() + "'")
            .setHost(options.getHost())
            .setPort(options.getPort())
            .setMaxConnections(options.getMaxClients())
            .setIdleTimeout(options.getIdleTimeout())
            .setMaxFrameLength(options.getMaxFrameLength())
            .setNetServerOptions(options.getNetServerOptions());
        listener = MessageListener.create(vertx, listenerOptions, TaskProtocol.CODEC);
        listener.connectionHandler(this::accepted);
        lifecycle.exited().onComplete(v -> stop("EXIT"));
        return listener.listen().map(p -> {
            port = p;
            LOG.info("task server '{}' running on {}:{} ({})", tasks.name(), options.getHost(), p,
                token == null ? "open access" : "token required");
            return p;
        });
    }

    private void accepted(MessageSocket<Object> socket) {
        if (stopping) {
            socket.close();
            return;
        }
        TaskSession session = new TaskSession(socket, token, lifecycle);
        sessions.add(session);
        socket.closeFuture().onComplete(v -> sessions.remove(session));
        socket.handler(session::received);
    }

    /**
     * Runs the init task now, in turn with clients' requests (as a client's INIT would, without a
     * connection): for a program that embeds the server.
     *
     * @param args the init task's arguments (copied)
     * @return the outcome: OK "Initialization successful.", or ERROR ("Already initialized.", "Init task
     *     failed: ...", "Server is shutting down.")
     */
    public Future<TaskReply> initialize(JsonObject args) {
        JsonObject copy = Objects.requireNonNull(args, "args").copy();
        return Tcpip.onContext(context, () -> lifecycle.submit(MessageType.INIT, copy));
    }

    /**
     * Ends the server without EXIT: stops listening, answers queued requests with ERROR "Server is shutting
     * down." (a running task too, whose thread is interrupted), then closes every connection. Idempotent.
     *
     * @return {@link #done()}
     */
    public Future<Void> close() {
        return Tcpip.onContext(context, () -> stop("close()"));
    }

    private Future<Void> stop(String why) {
        if (stopping) {
            return done.future();
        }
        stopping = true;
        lifecycle.shutdown();
        // Every pending outcome is decided now; let them go out, then close: the listener's close flushes
        // what each connection has queued before closing it.
        List<Future<?>> pending = new ArrayList<>();
        for (TaskSession s : sessions) {
            pending.add(s.inFlight());
        }
        Future<Void> closed = Future.join(pending).transform(ar -> closeSessions()).transform(ar ->
            listener == null ? Future.<Void>succeededFuture() : listener.close());
        closed.onComplete(ar -> {
            LOG.info("task server '{}' on port {} ended ({})", tasks.name(), port, why);
            done.tryComplete();
        });
        return done.future();
    }

    /**
     * Closes every connection, each once its queued replies are written, before the listener closes: the
     * listener's own close closes its Vert.x server, which drops the connections it accepted at once, with
     * whatever they had not written yet.
     */
    private Future<Void> closeSessions() {
        List<Future<Void>> closing = new ArrayList<>();
        for (TaskSession s : new ArrayList<>(sessions)) {
            closing.add(s.close());
        }
        return Future.join(closing).mapEmpty();
    }

    /**
     * {@return completed once the server has ended: after a client's EXIT was answered, or {@link #close()},
     *     or a failed {@link #start()}; the port is closed and every connection too; never failed}
     */
    public Future<Void> done() {
        return done.future();
    }

    /** {@return the port listened on, or -1 before {@link #start()} has bound it} */
    public int port() {
        return port;
    }

    /** {@return the task set it runs} */
    public TaskSet tasks() {
        return tasks;
    }

    /** {@return its options (a copy)} */
    public TaskServerOptions options() {
        return new TaskServerOptions(options);
    }

    /** {@return the context the server lives on} */
    public Context context() {
        return context;
    }
}
