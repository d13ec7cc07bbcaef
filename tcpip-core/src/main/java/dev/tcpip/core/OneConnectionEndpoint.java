package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

import java.time.Duration;

/**
 * An endpoint that holds one {@link Connection} at a time: what a {@link Client} and a {@link OneClientServer}
 * share besides their reads and writes. It takes a socket on ({@link #attach(NetSocket)}), drops it
 * ({@link #dropConnection()}), runs the connect callback on every change of {@link #connected()}, watches the
 * connection with the connection monitor, and says how each connection ended, once, in the log.
 */
public abstract class OneConnectionEndpoint extends Endpoint {
    private final Duration monitorConnectionInterval;
    private final boolean monitorConnection;
    private final int maxLineLength;
    private final ConnectCallbackChain callbacks;

    private volatile Connection connection;
    private volatile boolean shouldBeConnected;
    /** Completed when the current connection has been dropped; already completed while there is none. */
    private volatile Promise<Void> connectionEnd = completedPromise();

    /**
     * Creates an endpoint that takes its name, line limit and connection monitor from the options; it does
     * nothing until deployed.
     *
     * @param options  the shared options (validated by their setters)
     * @param callback the connect callback, or null; called with this endpoint
     */
    protected OneConnectionEndpoint(EndpointOptions<?> options, ConnectCallback<?> callback) {
        super(options.getName());
        this.monitorConnectionInterval = options.getMonitorConnectionInterval();
        this.monitorConnection = monitorConnectionInterval.compareTo(Duration.ZERO) > 0;
        this.maxLineLength = options.getMaxLineLength();
        this.callbacks = new ConnectCallbackChain(callback);
    }

    /**
     * A future of "the peer has gone": completed at once when there is no connection; otherwise completed
     * once the current connection has been dropped and the connect callback has run with
     * {@code connected() == false}. A connection is dropped when the peer closes or resets it and this
     * endpoint notices (a read meets the end of the stream, or the connection monitor sees it; with the
     * monitor off and no read pending, nothing notices), on a server's {@code closeClient()}, or on
     * {@link #close()}. Never failed. Tests and programs wait on it instead of polling {@link #connected()}:
     * {@code client.close().compose(v -> server.disconnectedFuture())}.
     *
     * @return the future of the current connection's end
     */
    public Future<Void> disconnectedFuture() {
        return connectionEnd.future();
    }

    private static Promise<Void> completedPromise() {
        Promise<Void> p = Promise.promise();
        p.complete();
        return p;
    }

    /**
     * {@return the connection monitor's interval; positive means the monitor is on}
     */
    public Duration monitorConnectionInterval() {
        return monitorConnectionInterval;
    }

    /**
     * {@return the line limit in bytes, terminator excluded}
     */
    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * True when there is a connection, it is not closing, and the peer's end of stream has not been seen or
     * unread data remains. A connection that failed (the peer reset it) is closing, as in Python: once its
     * end has been seen this is false even with unread data, so the connection monitor drops it and the
     * callback runs, also for an application that only writes (with the monitor off, the unread data can
     * still be read). Exact when called on the endpoint's context; a snapshot elsewhere.
     *
     * @return whether connected
     */
    public boolean connected() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    /**
     * {@return the current connection, or null; a snapshot when called off the endpoint's context}
     */
    public Connection connection() {
        return connection;
    }

    /**
     * True once connected, until {@code close()} or (server) {@code closeClient()}; a peer dropping the
     * connection does not change it.
     *
     * @return whether the endpoint wants to be connected
     */
    public boolean shouldBeConnected() {
        return shouldBeConnected;
    }

    /**
     * Sets what {@link #shouldBeConnected()} reports; subclasses set it when they connect and when they are
     * told to close.
     *
     * @param value the new state
     */
    protected final void setShouldBeConnected(boolean value) {
        this.shouldBeConnected = value;
    }

    /**
     * {@return the peer's address, or null when there is no connection}
     */
    public SocketAddress remoteAddress() {
        Connection c = connection;
        return c == null ? null : c.remoteAddress();
    }

    /**
     * {@return this end's address of the connection, or null when there is no connection}
     */
    public SocketAddress localAddress() {
        Connection c = connection;
        return c == null ? null : c.localAddress();
    }

    /**
     * {@return the connection's socket, or null; for subclasses that need Vert.x features not wrapped here}
     */
    protected final NetSocket socket() {
        Connection c = connection;
        return c == null ? null : c.socket();
    }

    /**
     * How many received bytes the connection holds that no read has taken yet: what a peer has sent ahead
     * of the application, within the reader's bounds. For tests and diagnostics.
     *
     * @return a future of the count, taken on the endpoint's context; -1 when there is no connection
     */
    public Future<Integer> bufferedBytes() {
        return onContext(() -> {
            Connection c = connection;
            return Future.succeededFuture(c == null ? -1 : c.bufferedBytes());
        });
    }

    /** The connection's reader, or null; for this package's tests. */
    dev.tcpip.core.stream.StreamReader streamReader() {
        Connection c = connection;
        return c == null ? null : c.reader();
    }

    /**
     * {@return what the other end is called in log lines: "client" for a server, "server" for a client}
     */
    protected String peerName() {
        return "peer";
    }

    /**
     * Logs, once, how a connection that a read or the monitor found ended: a normal close by the peer, or a
     * loss (a reset) with its reason.
     */
    final void logConnectionEnd(Throwable failure, String during, int partialBytes) {
        String where = during == null ? "" : partialBytes > 0
            ? " during " + during + " (" + partialBytes + " bytes of it had arrived)" : " during " + during;
        if (failure == null) {
            log.info("{}{} closed the connection{}", logPrefix(), peerName(), where);
        } else {
            String reason = failure.getMessage() != null ? failure.getMessage() : failure.toString();
            log.info("{}connection to the {} lost{}: {}", logPrefix(), peerName(), where, reason);
        }
    }

    /**
     * Takes a freshly connected socket as this endpoint's connection. Call on the context, from the
     * connect handler, before it returns.
     *
     * @param s the socket
     */
    protected final void attach(NetSocket s) {
        Connection c = Connection.open(s, maxLineLength, context);
        this.connection = c;
        this.connectionEnd = Promise.promise();
        c.onEndOfStream(() -> {
            if (monitorConnection && connection == c && !connected()) {
                logConnectionEnd(c.failure(), null, 0);
                dropConnection();
            }
        });
    }

    /**
     * Closes the current connection, if any, and fires the connect callback if that changes
     * {@link #connected()}; {@link #shouldBeConnected()} is left as it is. Call on the context.
     *
     * @return a future completed when the socket is closed and the callback has run
     */
    protected final Future<Void> dropConnection() {
        Connection c = connection;
        if (c == null) {
            return fireConnectCallback();
        }
        connection = null;
        Future<Void> closed = c.close(notConnected("write"));
        onConnectionLost();
        Future<Void> callback = fireConnectCallback();
        Promise<Void> end = connectionEnd;
        return Future.join(closed, callback).<Void>mapEmpty().onComplete(ar -> end.tryComplete());
    }

    /**
     * After a read on connection {@code c} completed: drops the connection if the read met its end, or if
     * the monitor is on and it is no longer connected. Call on the context.
     *
     * @return a future completed once that is done, with the read's outcome
     */
    final <T> Future<T> afterRead(Connection c, String what, Future<T> result) {
        if (result.succeeded() && (!monitorConnection || connected())) {
            // The common case, served from buffered bytes: nothing to clean up.
            return result;
        }
        return result.transform(ar -> {
            Future<T> same = ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause());
            if (connection != c) {
                return same;
            }
            if (ar.failed() && ar.cause() instanceof IncompleteReadException) {
                IncompleteReadException e = (IncompleteReadException) ar.cause();
                logConnectionEnd(e.getCause(), what, e.partial().length());
                return dropConnection().transform(ignored -> same);
            }
            if (monitorConnection && !connected()) {
                logConnectionEnd(c.failure(), null, 0);
                dropConnection();
            }
            return same;
        });
    }

    /**
     * {@return the error for an operation that needs a connection}
     *
     * @param what the operation, for the message
     */
    final NotConnectedException notConnected(String what) {
        return new NotConnectedException(describe() + ": cannot " + what + ": not connected");
    }

    /**
     * True if {@code t} is the error a write on the current connection failed with (the peer reset or the
     * connection broke), not an error of the application's own. Call on the context.
     */
    final boolean isWriteErrorOfConnection(Throwable t) {
        Connection c = connection;
        return c != null && c.isWriteError(t);
    }

    /**
     * Runs on the context when the connection goes away, before the connect callback; for subclasses to
     * stop per-connection work (heartbeats, monitors).
     */
    protected void onConnectionLost() {
    }

    /**
     * Python's {@code call_connect_callback}: calls the connect callback if {@link #connected()} differs
     * from the value it was last called with.
     *
     * @return a future completed when the callback (if any) has run; never failed
     */
    public Future<Void> callConnectCallback() {
        return onContext(this::fireConnectCallback);
    }

    /**
     * {@link #callConnectCallback()} for code already on the context.
     *
     * @return a future completed when the callback (if any) has run; never failed
     */
    protected final Future<Void> fireConnectCallback() {
        return callbacks.fire(this, connected(), context, log, logPrefix());
    }
}
