package dev.tcpip.core;

import dev.tcpip.core.codec.JsonCodec;
import dev.tcpip.core.codec.TextCodec;
import dev.tcpip.core.framing.Delimited;
import dev.tcpip.core.framing.Framing;
import dev.tcpip.core.internal.VertxInternals;
import dev.tcpip.core.stream.StreamReader;
import dev.tcpip.core.stream.StreamWriter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a {@link Client} and a {@link OneClientServer} share: one connection at a time, pull reads and
 * writes on it, the connect callback, and the start and done futures.
 *
 * <p><b>Lifetime.</b> An endpoint is a Vert.x verticle: {@code vertx.deployVerticle(endpoint)} starts it
 * (the deployment fails as {@link #startFuture()} does), and undeploying it closes it. It starts once;
 * deploying the same instance again fails with {@link IllegalStateException}.
 *
 * <p><b>Threading.</b> All state lives on the context the endpoint was deployed on. Every method may be
 * called from any thread: calls from elsewhere hop onto that context, and every returned future completes
 * there. From a Java 21+ virtual-thread verticle, {@code endpoint.readStr().await()} reads like asyncio;
 * from an event-loop verticle, compose the futures ({@code await()} throws on an event-loop thread).
 *
 * <p><b>Reads</b> are served in the order they are asked for. {@link #read(int)} and
 * {@link #readLine()} return what is left at end of stream; {@link #readExactly(int)},
 * {@link #readUntil(Buffer)}, {@link #readStr()} and {@link #readJson()} fail there with
 * {@link IncompleteReadException}, after closing the connection and firing the connect callback. With no
 * connection at all, reads and writes fail with {@link NotConnectedException}.
 */
public abstract class BaseClientOrServer extends VerticleBase {
    /** Logger of the concrete class; messages start with the endpoint's name, if it has one. */
    protected final Logger log = LoggerFactory.getLogger(getClass());

    private final String name;
    private final TextCodec codec;
    private final byte[] terminator;
    /** Lines through the terminator, which is kept (readStr strips it), at most the line limit. */
    private final Delimited lineFraming;
    private final Duration monitorConnectionInterval;
    private final boolean monitorConnection;
    private final int maxLineLength;
    private final ConnectCallback<Object> connectCallback;
    private final Promise<Void> startPromise = Promise.promise();
    private final Promise<Void> donePromise = Promise.promise();

    private volatile NetSocket socket;
    private volatile StreamReader reader;
    private StreamWriter writer;
    private volatile boolean shouldBeConnected;
    private volatile boolean started;
    private boolean reportedConnected;
    private Future<Void> callbackChain = Future.succeededFuture();
    /** Completed when the current connection has been dropped; already completed while there is none. */
    private volatile Promise<Void> connectionEnd = completedPromise();

    /**
     * Creates an endpoint that takes its name, encoding, terminator, line limit and connection monitor from
     * the options; it does nothing until deployed.
     *
     * @param options  the shared options (validated by their setters)
     * @param callback the connect callback, or null; called with this endpoint
     */
    @SuppressWarnings("unchecked")
    protected BaseClientOrServer(EndpointOptions<?> options, ConnectCallback<?> callback) {
        this.name = options.getName();
        this.codec = options.getTextCodec();
        this.terminator = options.getTerminator().getBytes();
        this.lineFraming = Delimited.of(Buffer.buffer(terminator), options.getMaxLineLength()).withDelimiterKept();
        this.monitorConnectionInterval = options.getMonitorConnectionInterval();
        this.monitorConnection = monitorConnectionInterval.compareTo(Duration.ZERO) > 0;
        this.maxLineLength = options.getMaxLineLength();
        this.connectCallback = (ConnectCallback<Object>) callback;
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Remembers the first deployment's Vert.x instance and context; a second deployment does not replace
     * them, so that its {@link #start()} can fail cleanly.
     */
    @Override
    public void init(Vertx vertx, Context context) {
        if (this.context == null) {
            super.init(vertx, context);
        }
    }

    /**
     * Starts the endpoint (called by Vert.x on deployment).
     *
     * @return {@link #startFuture()}, or a failed future if this endpoint was already started
     */
    @Override
    public final Future<?> start() {
        if (started) {
            return Future.failedFuture(new IllegalStateException(describe() + " was already started; an endpoint starts once"));
        }
        started = true;
        Future<Void> f;
        try {
            f = doStart();
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onComplete(startPromise);
        return startPromise.future();
    }

    /**
     * Closes the endpoint (called by Vert.x on undeployment).
     *
     * @return {@link #close()}
     */
    @Override
    public final Future<?> stop() {
        return close();
    }

    /**
     * Listens or connects, on the endpoint's context.
     *
     * @return a future completed once started
     */
    protected abstract Future<Void> doStart();

    /**
     * Closes the endpoint: the connection, the listener or client, every timer. Completes
     * {@link #doneFuture()}. Idempotent.
     *
     * @return a future completed when closed
     */
    public abstract Future<Void> close();

    /**
     * Python's {@code start_task}.
     *
     * @return a future completed when the endpoint is listening (server) or connected (client); failed
     *     with the start error (bind or connect failure)
     */
    public Future<Void> startFuture() {
        return startPromise.future();
    }

    /**
     * Python's {@code done_task}.
     *
     * @return a future completed when the endpoint is closed
     */
    public Future<Void> doneFuture() {
        return donePromise.future();
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
     * Completes {@link #doneFuture()}; for subclasses' {@code close()}.
     */
    protected final void markDone() {
        donePromise.tryComplete();
    }

    // ---------------------------------------------------------------- state

    /**
     * {@return the name given in the options (for logs)}
     */
    public String name() {
        return name;
    }

    /**
     * {@return the text encoding}
     */
    public Charset encoding() {
        return codec.charset();
    }

    /**
     * {@return a copy of the line terminator}
     */
    public Buffer terminator() {
        return Buffer.buffer(terminator.clone());
    }

    /**
     * {@return the connection monitor's interval; positive means the monitor is on}
     */
    public Duration monitorConnectionInterval() {
        return monitorConnectionInterval;
    }

    /**
     * Python's {@code log} attribute.
     *
     * @return the endpoint's SLF4J logger
     */
    public Logger log() {
        return log;
    }

    /**
     * {@return the line limit in bytes, terminator excluded}
     */
    public int maxLineLength() {
        return maxLineLength;
    }

    /**
     * True when there is a socket, it is not closing, and the peer's end of stream has not been seen or
     * unread data remains. A connection that failed (the peer reset it) is closing, as in Python: once its
     * end has been seen this is false even with unread data, so the connection monitor drops it and the
     * callback runs, also for an application that only writes (with the monitor off, the unread data can
     * still be read). Exact when called on the endpoint's context; a snapshot elsewhere.
     *
     * @return whether connected
     */
    public boolean connected() {
        StreamReader r = reader;
        return socket != null && r != null && !r.atEof() && !r.endedInError();
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
        NetSocket s = socket;
        return s == null ? null : s.remoteAddress();
    }

    /**
     * {@return this end's address of the connection, or null when there is no connection}
     */
    public SocketAddress localAddress() {
        NetSocket s = socket;
        return s == null ? null : s.localAddress();
    }

    /**
     * {@return the connection's socket, or null; for subclasses that need Vert.x features not wrapped here}
     */
    protected final NetSocket socket() {
        return socket;
    }

    /**
     * How many received bytes the connection holds that no read has taken yet: what a peer has sent ahead
     * of the application, within the reader's bounds. For tests and diagnostics.
     *
     * @return a future of the count, taken on the endpoint's context; -1 when there is no connection
     */
    public Future<Integer> bufferedBytes() {
        return onContext(() -> {
            StreamReader r = reader;
            return Future.succeededFuture(r == null ? -1 : r.available());
        });
    }

    /** The connection's reader, or null; for this package's tests. */
    StreamReader streamReader() {
        return reader;
    }

    /**
     * {@return the class name and the endpoint's name, {@code "Client lab"}, or just the class name when the
     *     name is empty; log and exception messages start with it}
     */
    protected String describe() {
        return name.isEmpty() ? getClass().getSimpleName() : getClass().getSimpleName() + " " + name;
    }

    /**
     * {@return "name: " for log lines, or "" when the endpoint has no name: the logger already names the
     *     class}
     */
    protected final String logPrefix() {
        return name.isEmpty() ? "" : name + ": ";
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

    // ---------------------------------------------------------------- connection plumbing

    /**
     * Takes a freshly connected socket as this endpoint's connection. Call on the context, from the
     * connect handler, before it returns.
     *
     * @param s the socket
     */
    protected final void attach(NetSocket s) {
        VertxInternals.keepReadingAfterAWriteError(s);
        StreamReader r = new StreamReader(s, maxLineLength);
        this.writer = new StreamWriter(s, context);
        writer.onWriteError(r::connectionFailed);
        this.socket = s;
        this.reader = r;
        this.connectionEnd = Promise.promise();
        r.onEof(() -> {
            if (monitorConnection && reader == r && !connected()) {
                logConnectionEnd(r.failure(), null, 0);
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
        NetSocket s = socket;
        if (s == null) {
            return fireConnectCallback();
        }
        socket = null;
        // Bytes still arriving are dropped; a paused socket would leave Vert.x holding its pooled buffers.
        reader.discardRest();
        reader = null;
        // Gathered writes go out before the close; writes still waiting for the queue to drain fail.
        writer.close(notConnected("write"));
        writer = null;
        onConnectionLost();
        Future<Void> callback = fireConnectCallback();
        Future<Void> closed = Tcpip.closeSocket(s);
        Promise<Void> end = connectionEnd;
        return Future.join(closed, callback).<Void>mapEmpty().onComplete(ar -> end.tryComplete());
    }

    /**
     * True if {@code t} is the error a write on the current connection failed with (the peer reset or the
     * connection broke), not an error of the application's own. Call on the context.
     */
    final boolean isWriteErrorOfConnection(Throwable t) {
        StreamWriter w = writer;
        return t != null && w != null && w.failure() == t;
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
        boolean now = connected();
        if (now == reportedConnected) {
            return callbackChain;
        }
        reportedConnected = now;
        if (connectCallback == null) {
            return callbackChain;
        }
        log.debug("{}calling connect callback, connected={}", logPrefix(), now);
        callbackChain = callbackChain.transform(ignored -> invokeConnectCallback());
        return callbackChain;
    }

    private Future<Void> invokeConnectCallback() {
        Future<Void> result;
        try {
            result = connectCallback.call(this);
        } catch (Throwable t) {
            result = Future.failedFuture(t);
        }
        if (result == null) {
            return Future.succeededFuture();
        }
        // The user's future may complete on any thread: come back to the context before going on.
        Promise<Void> done = VertxInternals.promise(context);
        result.onComplete(ar -> {
            if (ar.failed()) {
                log.warn("{}connect callback failed; ignored", logPrefix(), ar.cause());
            }
            done.complete();
        });
        return done.future();
    }

    /**
     * Runs {@code action} on this endpoint's context: directly when already there, else by hopping.
     * Exceptions it throws become a failed future. Work that must not interleave with other callers'
     * (read a counter, stamp it into a message, write the message) runs here as one step, since every
     * read and write of this endpoint runs on the same context.
     *
     * @param action the work, returning a future
     * @param <T>    the result type
     * @return the action's future
     */
    public final <T> Future<T> onContext(Supplier<Future<T>> action) {
        Context ctx = this.context;
        if (ctx == null) {
            return safely(action);
        }
        // A context promise: whatever thread the action's future completes on (Netty's, for a socket close),
        // the caller's continuations run on this endpoint's context.
        if (isCurrent(ctx)) {
            Future<T> f = safely(action);
            if (f.isComplete()) {
                // Continuations of a completed future run at once, on this thread: no hop needed.
                return f;
            }
            Promise<T> promise = VertxInternals.promise(ctx);
            f.onComplete(promise);
            return promise.future();
        }
        Promise<T> promise = VertxInternals.promise(ctx);
        ctx.runOnContext(v -> safely(action).onComplete(promise));
        return promise.future();
    }

    private static boolean isCurrent(Context ctx) {
        return VertxInternals.isCurrent(ctx);
    }

    private static <T> Future<T> safely(Supplier<Future<T>> action) {
        try {
            Future<T> f = action.get();
            return f == null ? Future.succeededFuture() : f;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private NotConnectedException notConnected(String what) {
        return new NotConnectedException(describe() + ": cannot " + what + ": not connected");
    }

    // ---------------------------------------------------------------- reads

    private <T> Future<T> readOp(String what, Function<StreamReader, Future<T>> op) {
        return onContext(() -> {
            StreamReader r = reader;
            if (r == null) {
                return Future.failedFuture(notConnected(what));
            }
            Future<T> result = op.apply(r);
            if (result.succeeded() && (!monitorConnection || connected())) {
                // The common case, served from buffered bytes: nothing to clean up.
                return result;
            }
            return result.transform(ar -> {
                Future<T> same = ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause());
                if (reader != r) {
                    return same;
                }
                if (ar.failed() && ar.cause() instanceof IncompleteReadException) {
                    IncompleteReadException e = (IncompleteReadException) ar.cause();
                    logConnectionEnd(e.getCause(), what, e.partial().length());
                    return dropConnection().transform(ignored -> same);
                }
                if (monitorConnection && !connected()) {
                    logConnectionEnd(r.failure(), null, 0);
                    dropConnection();
                }
                return same;
            });
        });
    }

    /**
     * Reads one frame in the given framing, in order with every other read (one queue serves them all). At
     * end of stream a read that fails with {@link IncompleteReadException} closes the connection first, as
     * {@link #readExactly(int)} does.
     *
     * <pre>{@code
     * LengthPrefixed frames = LengthPrefixed.of(4, ByteOrder.BIG_ENDIAN, 1 << 20);
     * endpoint.read(frames).onSuccess(body -> ...);   // a 4-byte big-endian length, then the body
     * }</pre>
     *
     * @param framing how the bytes are cut into frames (see {@link dev.tcpip.core.framing})
     * @param <T>     the frame type
     * @return the frame; fails as the framing says ({@link dev.tcpip.core.framing.FrameLengthException},
     *     {@link LineTooLongException}, {@link IncompleteReadException}), or with {@link NotConnectedException}
     */
    public <T> Future<T> read(Framing<T> framing) {
        if (framing == null) {
            return Future.failedFuture(new IllegalArgumentException("framing must not be null"));
        }
        return readOp("read", r -> r.read(framing));
    }

    /**
     * Writes one frame in the given framing: {@link Framing#encode(Object)}, then {@link #write(Buffer)}.
     *
     * @param framing the framing
     * @param frame   the frame
     * @param <T>     the frame type
     * @return as {@link #write(Buffer)}; fails with {@link IllegalArgumentException} if the framing cannot
     *     encode the frame (too long, say)
     */
    public <T> Future<Void> write(Framing<T> framing, T frame) {
        Buffer data;
        try {
            data = framing.encode(frame);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return write(data);
    }

    /**
     * Python's {@code read(n)}: up to {@code n} bytes, as soon as any are there.
     *
     * @param n the most bytes to return (&gt;= 0)
     * @return the bytes; empty at end of stream (which does not close the connection)
     */
    public Future<Buffer> read(int n) {
        return readOp("read", r -> r.read(n));
    }

    /**
     * Python's {@code readexactly(n)}.
     *
     * @param n the number of bytes (&gt;= 0)
     * @return the bytes; fails with {@link IncompleteReadException} at end of stream
     */
    public Future<Buffer> readExactly(int n) {
        return readOp("readExactly", r -> r.readExactly(n));
    }

    /**
     * Python's {@code readuntil(separator)}: the bytes through the separator, which is included.
     *
     * @param separator a non-empty byte sequence
     * @return the bytes; fails with {@link IncompleteReadException} at end of stream, or
     *     {@link LineTooLongException} past the line limit
     */
    public Future<Buffer> readUntil(Buffer separator) {
        if (separator == null || separator.length() == 0) {
            return Future.failedFuture(new IllegalArgumentException("separator must be a non-empty byte sequence"));
        }
        // On the context, StreamReader copies the separator if the read has to wait, and a read served at once
        // needs no copy. From elsewhere the read runs later, after the caller may have changed its buffer.
        Context ctx = this.context;
        Buffer sep = ctx != null && isCurrent(ctx) ? separator : separator.copy();
        return readOp("readUntil", r -> r.readUntil(sep));
    }

    /**
     * Python's {@code readline()}: the bytes through the next {@code \n} (not the terminator), included.
     *
     * @return the line; at end of stream the partial line, or empty
     */
    public Future<Buffer> readLine() {
        return readOp("readLine", StreamReader::readLine);
    }

    /**
     * Python's {@code read_str()}: reads through the terminator, strips it, and decodes strictly.
     *
     * @return the text; fails with {@link IncompleteReadException}, {@link LineTooLongException}, or
     *     {@link TextDecodeException} (the line is consumed and the connection stays usable)
     */
    public Future<String> readStr() {
        int tlen = terminator.length;
        return mapNow(readOp("readStr", r -> r.read(lineFraming)), line -> codec.decode(line, 0, line.length() - tlen));
    }

    /**
     * Python's {@code read_json()}: one line of JSON (see {@link JsonCodec} for what is accepted).
     *
     * @return the value: JsonObject, JsonArray, String, Number, Boolean or null; fails with
     *     {@link JsonLineDecodeException} (message has the line; the line is consumed, the connection
     *     stays usable) or the errors of {@link #readStr()}
     */
    public Future<Object> readJson() {
        // Parsing an ASCII line from its bytes measured no faster than from the decoded String (JMH,
        // docs/performance.md), so there is one path, the strict one.
        return mapNow(readStr(), JsonCodec::decode);
    }

    /**
     * {@code future.map(mapper)}, computed at once when the future is already complete: Vert.x's map would
     * allocate and complete one more future (under a lock) for every line read from buffered bytes.
     */
    private static <T, U> Future<U> mapNow(Future<T> future, Function<? super T, U> mapper) {
        if (!future.isComplete()) {
            return future.map(mapper);
        }
        if (future.failed()) {
            return Future.failedFuture(future.cause());
        }
        try {
            return Future.succeededFuture(mapper.apply(future.result()));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    // ---------------------------------------------------------------- writes

    /**
     * Python's {@code write(data)} followed by {@code await drain()}: the bytes are queued behind every
     * earlier write, and the future completes at once while the socket's write queue is below its
     * high-water mark, or once it has drained (a peer that does not read holds the writer back here).
     * Small writes made in one turn of the event loop go out together, in order (see {@link StreamWriter}).
     * Do not change {@code data} after the call: it may be sent as it is.
     *
     * @param data the bytes, sent as they are
     * @return a future completed as above; fails with {@link NotConnectedException} when not connected or
     *     when the connection closes while waiting, or with the socket's error after a failed write
     */
    public Future<Void> write(Buffer data) {
        return onContext(() -> {
            StreamWriter w = writer;
            if (w == null || !connected()) {
                return Future.failedFuture(notConnected("write"));
            }
            return w.write(data);
        });
    }

    /**
     * Python's {@code writelines(lines)}: the buffers back to back in one write, nothing added.
     *
     * @param lines the buffers
     * @return as {@link #write(Buffer)}
     */
    public Future<Void> writeLines(Iterable<Buffer> lines) {
        Buffer all = Buffer.buffer();
        for (Buffer line : lines) {
            all.appendBuffer(line);
        }
        return write(all);
    }

    /**
     * Python's {@code write_str(s)}: the text encoded strictly, then the terminator, in one write.
     *
     * @param text the text
     * @return as {@link #write(Buffer)}; fails with {@link IllegalArgumentException} if the text cannot
     *     be encoded
     */
    public Future<Void> writeStr(String text) {
        Buffer data;
        try {
            data = codec.encode(text).appendBytes(terminator);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return write(data);
    }

    /**
     * Python's {@code write_json(obj)}: the value as one line of JSON (see {@link JsonCodec}).
     *
     * @param value JsonObject, JsonArray, Map, List, String, Number, Boolean or null
     * @return as {@link #writeStr(String)}; fails with {@code EncodeException} for a value JSON cannot hold
     */
    public Future<Void> writeJson(Object value) {
        if (codec.isAsciiCompatible()) {
            // The JSON text is ASCII, the same bytes in this encoding: write them without a String.
            Buffer line;
            try {
                line = JsonCodec.encodeTo(value, Buffer.buffer(128)).appendBytes(terminator);
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
            return write(line);
        }
        String text;
        try {
            text = JsonCodec.encode(value);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return writeStr(text);
    }
}
