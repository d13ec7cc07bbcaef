package dev.tcpip.core;

import dev.tcpip.core.internal.VertxInternals;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.net.BindException;

/**
 * A TCP server that serves one client at a time (Python's {@code OneClientServer}).
 *
 * <p>While a client is connected, any other client is accepted and closed at once: it reads end of stream,
 * no callback fires, and the connected client is not affected. ("At once" is after one more round of the
 * event loop's I/O, about a millisecond: a client that has just closed is then seen to have gone, so a
 * client that disconnects and reconnects straight away is served, not turned away.) A client that dropped without being noticed
 * (no connection monitor) is replaced by the next one: the callback fires with {@code false} for the old,
 * then {@code true} for the new.
 *
 * <p>Starting fails, with the deployment and {@link #startFuture()}, when the address cannot be bound; a port
 * already in use (by another process, or by another server of the same Vert.x instance) gives a
 * {@link BindException} that names the address: {@code OneClientServer: cannot listen on 127.0.0.1:5000:
 * Address already in use}. (Vert.x would let two servers of one instance share a port; a one-client server
 * refuses that.) A new server may listen on the port of a server closed a moment ago: while the JDK has not
 * yet released the old socket, or while a server of the same Vert.x instance is still closing, starting tries
 * again for up to about 60 ms before it reports the port in use.
 *
 * <pre>{@code
 * OneClientServer server = new OneClientServer(new ServerOptions().setPort(0),
 *     ConnectCallback.of(s -> log.info("connected={}", s.connected())));
 * vertx.deployVerticle(server)
 *     .compose(id -> server.connectedFuture())
 *     .compose(v -> server.readStr())
 *     .compose(line -> server.writeStr("you said " + line));
 * }</pre>
 */
public class OneClientServer extends BaseClientOrServer {
    /** Delay before deciding on a client that arrives while another looks connected. */
    private static final long EXTRA_CLIENT_RECHECK_MILLIS = 1;
    /** Binding attempts after the first when a fixed port is still in use, 1, 2, 4 ... 32 ms apart. */
    private static final int BIND_RETRIES = 6;

    private final ServerOptions options;
    private NetServer server;
    private volatile int port;
    private volatile Promise<Void> connectedPromise = Promise.promise();
    private boolean closed;
    private long heartbeatTimer = -1;

    /**
     * Creates a server that will listen as the options say, with no connect callback. It listens when
     * deployed.
     *
     * @param options the options (copied)
     */
    public OneClientServer(ServerOptions options) {
        this(options, null);
    }

    /**
     * Creates a server that will listen as the options say and call the callback whenever a client connects
     * or goes away. It listens when deployed.
     *
     * @param options  the options (copied)
     * @param callback called on every change of {@link #connected()}, or null
     */
    public OneClientServer(ServerOptions options, ConnectCallback<? super OneClientServer> callback) {
        super(options, callback);
        this.options = new ServerOptions(options);
    }

    /**
     * {@return a copy of the options this server was made with}
     */
    public ServerOptions options() {
        return new ServerOptions(options);
    }

    /**
     * {@return the port listened on: the real one once started (also when 0 was asked for), else the one
     *     asked for}
     */
    public int port() {
        return port != 0 ? port : options.getPort();
    }

    /**
     * {@return the address listened on}
     */
    public String host() {
        return options.getHost();
    }

    /**
     * Python's {@code connected_task}.
     *
     * @return a future completed when a client connects; {@link #closeClient()} replaces it with a new one
     */
    public Future<Void> connectedFuture() {
        return connectedPromise.future();
    }

    @Override
    protected Future<Void> doStart() {
        if (closed) {
            return Future.failedFuture(new IllegalStateException(describe() + " was closed before it started"));
        }
        return listen(0);
    }

    private Future<Void> listen(int attempt) {
        if (closed) {
            return Future.failedFuture(new IllegalStateException(describe() + " was closed while starting"));
        }
        String where = options.getHost() + ":" + options.getPort();
        // Vert.x lets servers of one Vert.x instance that ask for the same host and (non-zero) port share one
        // listening socket, handing connections to each in turn: a second one-client server would then take
        // clients meant for the first. Refuse, as the OS refuses a second process.
        boolean fixedPort = options.getPort() > 0;
        if (fixedPort && sharedServer() != null) {
            // Also a server of this instance whose close has not completed yet: wait for it as for the OS.
            return attempt < BIND_RETRIES ? listenLater(attempt, where, "in use by another server of this Vert.x instance")
                : Future.failedFuture(inUseHere(where));
        }
        NetServerOptions netOptions = new NetServerOptions(options.getNetServerOptions())
            .setHost(options.getHost())
            .setPort(options.getPort());
        NetServer candidate = vertx.createNetServer(netOptions).connectHandler(this::onConnect);
        server = candidate;
        return candidate.listen().transform(ar -> {
            if (ar.failed()) {
                if (ar.cause() instanceof BindException && fixedPort && attempt < BIND_RETRIES) {
                    // A listening socket closed a moment ago in this JVM is released only at its acceptor
                    // thread's next poll (the JDK defers the close of a channel registered with a selector),
                    // so a server restarted at once on the same port can meet its predecessor: try again.
                    return candidate.close().transform(ignored -> listenLater(attempt, where, ar.cause().getMessage()));
                }
                // The start future carries the error (as in Python, nothing is logged): the caller reports it.
                log.debug("{}cannot listen on {}: {}", logPrefix(), where, ar.cause().getMessage());
                Throwable error = startError(ar.cause(), where);
                return candidate.close().transform(ignored -> Future.failedFuture(error));
            }
            if (fixedPort && sharedServer() != candidate) {
                // Another server of this Vert.x instance bound the port between the check above and the listen.
                log.debug("{}cannot listen on {}: in use by another server of this Vert.x instance", logPrefix(), where);
                return candidate.close().transform(ignored -> Future.failedFuture(inUseHere(where)));
            }
            port = ar.result().actualPort();
            log.info("{}listening on {}:{}", logPrefix(), options.getHost(), port);
            return Future.succeededFuture();
        });
    }

    /** Tries {@link #listen(int)} again after 1, 2, 4 ... ms. */
    private Future<Void> listenLater(int attempt, String where, String reason) {
        long delay = 1L << attempt;
        log.debug("{}{} still in use ({}); trying again in {} ms", logPrefix(), where, reason, delay);
        Promise<Void> retried = Promise.promise();
        vertx.setTimer(delay, id -> listen(attempt + 1).onComplete(retried));
        return retried.future();
    }

    /** The server of this Vert.x instance on this server's host and fixed port, or null. */
    private Object sharedServer() {
        return VertxInternals.sharedTcpServer(vertx, options.getHost(), options.getPort());
    }

    private BindException inUseHere(String where) {
        return new BindException(describe() + ": cannot listen on " + where
            + ": Address already in use (by another server of this Vert.x instance)");
    }

    /**
     * The JDK's bind error names no address ("Address already in use"): say which one, keeping the type so
     * callers can still catch {@link BindException}.
     */
    private Throwable startError(Throwable cause, String where) {
        if (cause instanceof BindException) {
            BindException e = new BindException(describe() + ": cannot listen on " + where + ": " + cause.getMessage());
            e.initCause(cause);
            return e;
        }
        return cause;
    }

    private void onConnect(NetSocket s) {
        // Until a socket is attached (which hands its errors to the reader), a reset from a client that is
        // waiting or being turned away is routine: without a handler Vert.x would log each as an ERROR.
        s.exceptionHandler(t -> log.debug("{}error on client {} not (yet) served: {}", logPrefix(), s.remoteAddress(), t.toString()));
        if (closed) {
            Tcpip.closeSocket(s);
            return;
        }
        if (socket() != null && connected()) {
            // The current client may have just left, its end of stream not yet read: a client that closes
            // and at once reconnects would then be turned away. Look again after the event loop has done
            // one more round of I/O; the newcomer is paused meanwhile so none of its data is lost.
            s.pause();
            vertx.setTimer(EXTRA_CLIENT_RECHECK_MILLIS, id -> admit(s));
            return;
        }
        admit(s);
    }

    private void admit(NetSocket s) {
        if (closed) {
            Tcpip.closeSocket(s);
            return;
        }
        if (socket() != null) {
            if (connected()) {
                log.info("{}rejecting client {}: already serving {}", logPrefix(), s.remoteAddress(), remoteAddress());
                Tcpip.closeSocket(s);
                return;
            }
            log.info("{}previous client {} dropped; replacing it", logPrefix(), remoteAddress());
            dropConnection();
        }
        attach(s);
        Tcpip.applyKeepalive(s, options.getNetServerOptions());
        setShouldBeConnected(true);
        log.info("{}client connected from {}", logPrefix(), s.remoteAddress());
        connectedPromise.tryComplete();
        startHeartbeatMonitor();
        fireConnectCallback().onComplete(v -> {
            if (socket() == s) {
                onClientConnected();
            }
        });
    }

    /** {@return "client": log lines say how the client left} */
    @Override
    protected String peerName() {
        return "client";
    }

    /**
     * Runs on the context after the connect callback for a new client has completed, if that client is
     * still the current one. {@link OneClientReadLoopServer} starts its read loop here.
     */
    protected void onClientConnected() {
    }

    @Override
    protected void onConnectionLost() {
        stopHeartbeatMonitor();
        if (connectedPromise.future().isComplete()) {
            connectedPromise = Promise.promise();
        }
    }

    /**
     * Python's {@code close_client()}: closes the client's connection, if any, and sets
     * {@link #shouldBeConnected()} false. The server keeps listening; {@link #doneFuture()} is not
     * completed. Idempotent.
     *
     * @return a future completed when the client socket is closed and the callback has run
     */
    public Future<Void> closeClient() {
        return onContext(() -> {
            setShouldBeConnected(false);
            return dropConnection();
        });
    }

    /**
     * Python's {@code basic_close_client()}: as {@link #closeClient()} but leaves
     * {@link #shouldBeConnected()} as it is.
     *
     * @return a future completed when the client socket is closed and the callback has run
     */
    public Future<Void> basicCloseClient() {
        return onContext(this::dropConnection);
    }

    /**
     * Closes the client (callback with {@code false} if one was connected), stops listening, stops the
     * monitors and completes {@link #doneFuture()}. Idempotent; {@link #closeClient()} afterwards does
     * nothing.
     *
     * @return {@link #doneFuture()}
     */
    @Override
    public Future<Void> close() {
        return onContext(() -> {
            if (closed) {
                return doneFuture();
            }
            closed = true;
            setShouldBeConnected(false);
            Future<Void> client = dropConnection();
            Future<Void> listener = server == null ? Future.succeededFuture() : server.close();
            return Future.join(client, listener).transform(ar -> {
                if (ar.failed()) {
                    log.warn("{}error while closing", logPrefix(), ar.cause());
                }
                log.info("{}closed", logPrefix());
                markDone();
                return doneFuture();
            });
        });
    }

    // ---------------------------------------------------------------- heartbeat monitor

    /**
     * Tells the heartbeat monitor that the client sent a heartbeat; call it from the code that reads the
     * client's messages (as {@link OneClientReadLoopServer#readAndDispatch()} does).
     *
     * @return a completed future; failed with {@link IllegalStateException} when the heartbeat monitor is
     *     off (Python raises too, so a read loop drops the client)
     */
    public Future<Void> handleReceivedHeartbeat() {
        return onContext(() -> {
            if (!options.isHeartbeatMonitor()) {
                return Future.failedFuture(new IllegalStateException(
                    describe() + ": received a heartbeat but the heartbeat monitor is off"));
            }
            if (socket() != null) {
                startHeartbeatMonitor();
            }
            return Future.succeededFuture();
        });
    }

    private void startHeartbeatMonitor() {
        if (!options.isHeartbeatMonitor()) {
            return;
        }
        stopHeartbeatMonitor();
        NetSocket s = socket();
        long millis = options.getMaxHeartbeatInterval().toMillis();
        heartbeatTimer = vertx.setTimer(millis, id -> {
            heartbeatTimer = -1;
            if (socket() == s) {
                log.warn("{}no heartbeat from {} for {} ms; dropping the client", logPrefix(), s.remoteAddress(), millis);
                closeClient();
            }
        });
    }

    private void stopHeartbeatMonitor() {
        if (heartbeatTimer != -1) {
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = -1;
        }
    }
}
