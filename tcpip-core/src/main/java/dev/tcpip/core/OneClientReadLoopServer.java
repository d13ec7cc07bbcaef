package dev.tcpip.core;


import io.vertx.core.Future;

import java.time.Duration;

/**
 * A {@link OneClientServer} that runs a read loop for each client (Python's
 * {@code OneClientReadLoopServer}): once a client has connected and the connect callback has run,
 * {@link #readAndDispatch()} is called again and again while the client is connected. When it fails (the
 * client went away, sent something unreadable, or the code threw) the client is dropped with
 * {@link #closeClient()} and the server waits for the next one.
 *
 * <p>The read loop notices a dropped client itself, so this server has no connection monitor: the options'
 * monitor interval is ignored (set to 0), as in Python.
 *
 * <pre>{@code
 * class Echo extends OneClientReadLoopServer {
 *     Echo() { super(new ServerOptions()); }
 *     protected Future<Void> readAndDispatch() {
 *         return readUntil(terminator()).compose(this::write);
 *     }
 * }
 * }</pre>
 *
 * <p>On a virtual-thread deployment ({@code ThreadingModel.VIRTUAL_THREAD}, Java 21+),
 * {@code readAndDispatch} may block with {@code await()} and return a completed future.
 */
public abstract class OneClientReadLoopServer extends OneClientServer {
    private long loopGeneration;

    /**
     * Creates a server that will listen as the options say, with no connect callback. It listens when
     * deployed.
     *
     * @param options the options (copied; the monitor interval is set to 0)
     */
    protected OneClientReadLoopServer(ServerOptions options) {
        this(options, null);
    }

    /**
     * Creates a server that will listen as the options say and call the callback whenever a client connects
     * or goes away. It listens when deployed.
     *
     * @param options  the options (copied; the monitor interval is set to 0)
     * @param callback called on every change of {@link #connected()}, before the read loop starts; or null
     */
    protected OneClientReadLoopServer(ServerOptions options, ConnectCallback<? super OneClientServer> callback) {
        super(new ServerOptions(options).setMonitorConnectionInterval(Duration.ZERO), callback);
    }

    /**
     * Reads one message from the client and acts on it. Called on the server's context, again and again,
     * while the client is connected; the next call waits for the returned future.
     *
     * @return a future completed when the message is handled; failing it drops the client
     * @throws Exception to drop the client
     */
    protected abstract Future<Void> readAndDispatch() throws Exception;

    @Override
    protected final void onClientConnected() {
        long generation = ++loopGeneration;
        log.debug("{}read loop {} starting", logPrefix(), generation);
        loop(generation);
    }

    @Override
    protected void onConnectionLost() {
        loopGeneration++;
        super.onConnectionLost();
    }

    /** Calls readAndDispatch until it goes asynchronous; resumes from its completion. No recursion. */
    private void loop(long generation) {
        while (generation == loopGeneration && connected()) {
            Future<Void> step;
            try {
                step = readAndDispatch();
            } catch (Throwable t) {
                step = Future.failedFuture(t);
            }
            if (step == null) {
                step = Future.succeededFuture();
            }
            if (!step.isComplete()) {
                step.onComplete(ar -> onContext(() -> {
                    if (ar.failed()) {
                        loopFailed(generation, ar.cause());
                    } else {
                        loop(generation);
                    }
                    return Future.succeededFuture();
                }));
                return;
            }
            if (step.failed()) {
                loopFailed(generation, step.cause());
                return;
            }
        }
        if (isCurrent(generation)) {
            if (socket() != null) {
                // Still attached: nothing dropped it, so nothing has said yet how the client left.
                Connection c = connection();
                logConnectionEnd(c == null ? null : c.failure(), null, 0);
            }
            log.debug("{}read loop ends", logPrefix());
            closeClient();
        }
    }

    /** True while no newer client has taken over from the one this loop was started for. */
    private boolean isCurrent(long generation) {
        return generation == loopGeneration || socket() == null;
    }

    private void loopFailed(long generation, Throwable cause) {
        if (!isCurrent(generation)) {
            return;
        }
        if (socket() == null || cause instanceof IncompleteReadException || cause instanceof NotConnectedException) {
            log.debug("{}client disconnected; read loop ends ({})", logPrefix(), cause.getMessage());
        } else if (cause instanceof java.io.IOException && isWriteErrorOfConnection(cause)) {
            // A write to the client failed under the loop: it reset the connection (typically while replies
            // were queued for it). Its doing, not a bug here: no stack trace. (An IOException of the server's
            // own, from a file or another service, is logged as below.)
            log.info("{}client connection failed; read loop ends ({})", logPrefix(), cause.toString());
        } else if (cause instanceof TcpipException) {
            // The client sent something unreadable: its fault, not a bug here, so no stack trace.
            log.warn("{}dropping the client: {}", logPrefix(), cause.getMessage());
        } else {
            log.warn("{}read loop failed; dropping the client", logPrefix(), cause);
        }
        closeClient();
    }
}
