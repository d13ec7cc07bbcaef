package dev.tcpip.services.endpoint;

import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.Tcpip;
import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.message.MessageSocket;
import dev.tcpip.core.reconnect.ConnectionState;
import dev.tcpip.services.MessageQueue;
import dev.tcpip.services.MessageSink;
import dev.tcpip.services.MessageSource;
import dev.tcpip.services.MessageStreams;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * A queue-backed endpoint talking to one peer at a time with delimited messages (pysocklib's clients and
 * servers): a receiving endpoint puts each message it reads on its inbound sink, a sending one takes from its
 * outbound source and writes, a two-way one does both. The six kinds are {@link ClientReceiver},
 * {@link ClientSender}, {@link Client}, {@link ServerReceiver}, {@link ServerSender} and {@link Server}.
 *
 * <p><b>Wire.</b> Each message is its bytes followed by the delimiter ({@link QueueEndpointOptions}, CR LF
 * unless set); text in the charset (UTF-8 unless set). There is no escaping: a message must not contain the
 * delimiter. A message longer than the maximum closes that connection with an error; a partial message at
 * the end of a stream is counted ({@link #partialMessages()}) and logged, never queued.
 *
 * <p><b>Queues.</b> Unless given a sink or source of its own, an endpoint makes bounded {@link MessageQueue}s:
 * {@link #received()} and {@link #toSend()}. A full inbound queue stops reading the socket (the peer is held
 * back; nothing is dropped). A full outbound queue makes {@link #send} wait and {@link #trySend} refuse;
 * from a plain thread {@link #offer(Object, Duration)} waits at most a timeout and {@link #receive(Duration)}
 * takes with a timeout. The sink and source may also be Vert.x event-bus addresses
 * ({@link dev.tcpip.services.EventBusSink}, {@link dev.tcpip.services.EventBusSource}).
 *
 * <p><b>Resending.</b> A message counts as written once it is in the connection's write queue (handed to
 * Vert.x; the send waits while that queue is above its high-water mark). When a connection is lost, the
 * messages written on it within the resend window before the loss ({@link QueueEndpointOptions#setResendWindow},
 * 2 s, at most 10,000 messages, unless set) and the message being written are held by the endpoint, in
 * their order, and are the first sent on the next connection, before anything still in the outbound queue
 * ({@link #toSend()}{@code .size()} does not count them; {@link #pendingResends()} does). Those, and only
 * those, can reach the peer twice. A message written earlier than the window is counted as delivered: a peer
 * that reads gets it within milliseconds. It is lost only if the peer stopped reading, or vanished without
 * closing, while it sat in the buffers between the two programs (the write queue, the kernels') for longer
 * than the window, and then the connection was lost. A graceful close ({@link #close()}, a stop condition)
 * resends nothing: what was written goes out before the connection closes. Messages still held for
 * resending when the endpoint closes are logged and kept: {@link #unsent()}.
 *
 * <p><b>State and lifetime.</b> {@link #start()} (or {@code vertx.deployVerticle(endpoint)}) starts it: a
 * server binds, a client starts connecting. Its {@link #state()} moves as in {@link ConnectionState} (for a
 * server, CONNECTING means waiting for a client), watched with {@link #stateHandler}; {@link #close()} ends it
 * in a bounded time in every state, closing every socket and timer, and withdrawing what waits on a queue.
 * {@link #done()} (pysocklib's {@code join()}) completes when it has ended: successfully when closed or
 * stopped by a stop condition, failed with the cause when it FAILED (the reconnect policy gave up, a bind
 * failed, a queue failed). Errors also go to the {@link #exceptionHandler}.
 *
 * <p><b>Threading.</b> The endpoint lives on the context current when it was made (or a new event-loop
 * context): its handlers run there. Every method may be called from any thread; the blocking ones never
 * from an event loop, nor from the endpoint's own context (on a virtual thread of it, {@code .await()} the
 * Future methods instead).
 *
 * @param <T> the message type
 */
public abstract class QueueEndpoint<T> extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(QueueEndpoint.class);

    private final Vertx vertx;
    private final Context context;
    private final QueueEndpointOptions options;
    private final PayloadCodec<T> codec;
    private final String kind;
    private final String logPrefix;
    private final MessageSink<T> inbound;
    private final MessageSource<T> outbound;
    private final MessageQueue<T> ownInbound;
    private final MessageQueue<T> ownOutbound;
    private final Outbox<T> outbox;
    private final T heartbeat;
    private final Promise<Void> done = Promise.promise();

    // Touched on the context only.
    private final List<Promise<Void>> connectWaiters = new ArrayList<>();
    private Handler<ConnectionState> stateHandler;
    private Handler<Throwable> exceptionHandler;
    private PeerSession<T> session;
    private boolean started;
    private boolean closing;
    private boolean stopWhenEmpty;
    private long stopAfterReceived = -1;
    private Future<Void> closed;

    private volatile ConnectionState state;
    private volatile long receivedCount;
    private volatile long sentCount;
    private volatile long partialCount;
    private volatile long heartbeatsSent;
    private volatile long heartbeatsReceived;
    private volatile long ignoredCount;
    private volatile long unsendableCount;
    private volatile long connectionCount;
    private volatile long resentCount;
    private volatile long abandonedCount;
    private volatile int pendingResends;
    private List<T> unsentAtClose = List.of();

    /**
     * Creates an endpoint on the caller's context, or a new event-loop one.
     *
     * @param vertx    the Vert.x instance
     * @param options  where, framing, queues, reconnecting (copied)
     * @param codec    the message codec; a String codec should use the options' charset
     * @param receives whether it receives: then {@code inbound} (or a queue it makes) gets the messages
     * @param inbound  where received messages go, or null for a queue of the options' inbound capacity
     * @param sends    whether it sends: then it sends what {@code outbound} (or a queue it makes) holds
     * @param outbound what to send, or null for a queue of the options' outbound capacity
     * @param kind     what it is, for logs ("ClientSender")
     */
    protected QueueEndpoint(Vertx vertx, QueueEndpointOptions options, PayloadCodec<T> codec,
                            boolean receives, MessageSink<T> inbound, boolean sends, MessageSource<T> outbound, String kind) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.options = new QueueEndpointOptions(Objects.requireNonNull(options, "options"));
        this.codec = Objects.requireNonNull(codec, "codec");
        this.kind = kind;
        this.context = vertx.getOrCreateContext();
        this.logPrefix = kind + (this.options.getName().isEmpty() ? "" : " " + this.options.getName()) + ": ";
        this.ownInbound = receives && inbound == null ? new MessageQueue<>(context, this.options.getInboundCapacity()) : null;
        this.inbound = receives ? (inbound != null ? inbound : ownInbound) : null;
        this.ownOutbound = sends && outbound == null ? new MessageQueue<>(context, this.options.getOutboundCapacity()) : null;
        this.outbound = sends ? (outbound != null ? outbound : ownOutbound) : null;
        this.outbox = sends ? new Outbox<>(this.outbound, this.options.getResendWindow().toNanos(), this.options.getResendLimit()) : null;
        this.heartbeat = heartbeatOf(this.options, codec);
    }

    private static <T> T heartbeatOf(QueueEndpointOptions options, PayloadCodec<T> codec) {
        if (options.getHeartbeat() == null) {
            return null;
        }
        try {
            return codec.decode(Buffer.buffer(options.getHeartbeat().getBytes(options.getCharset())));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the heartbeat \"" + options.getHeartbeat() + "\" is not a message of the codec: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- lifetime

    /**
     * Starts the endpoint: a server binds its port, a client starts connecting. Called by Vert.x when
     * deployed as a verticle; may also be called directly, once.
     *
     * @return completed once a server listens, or once a client has started its first attempt; failed if the
     *     port cannot be bound, or if started before
     */
    @Override
    public final Future<?> start() {
        return Tcpip.onContext(context, () -> {
            if (started) {
                return Future.failedFuture(new IllegalStateException(logPrefix + "an endpoint starts once"));
            }
            started = true;
            return openTransport().onFailure(this::fail);
        });
    }

    /**
     * Called by Vert.x when the verticle is undeployed: {@link #close()}.
     *
     * @return completed once closed
     */
    @Override
    public final Future<?> stop() {
        return close();
    }

    /**
     * Ends the endpoint in a bounded time, whatever it is doing (waiting for a peer, backing off, blocked on a
     * full queue): no more connections, the current one closed after what it has written goes out (at most
     * a second), the listening port released, every timer cancelled, a take waiting on the outbound source
     * withdrawn, and a put waiting on a full inbound sink withdrawn (its message is logged and counted in
     * {@link #abandonedMessages()}). Messages still queued stay in the queues. Idempotent.
     *
     * @return completed once everything is closed; {@link #done()} has then completed too
     */
    public Future<Void> close() {
        return Tcpip.onContext(context, () -> finish(null));
    }

    /** {@return completed once the endpoint has ended: succeeded when closed or stopped, failed with the cause when it FAILED} */
    public Future<Void> done() {
        return done.future();
    }

    /**
     * "Connected within T or fail": for a client, a connection to its server; for a server, a client.
     *
     * @param timeout how long to wait
     * @return completed once connected (at once if it is); failed with a {@link TimeoutException} if not in
     *     time (the endpoint goes on), or with the cause if the endpoint ends first
     */
    public Future<Void> connectedWithin(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return Tcpip.onContext(context, () -> {
            if (state == ConnectionState.CONNECTED) {
                return Future.succeededFuture();
            }
            if (state != null && state.isFinal()) {
                return Future.failedFuture(new NotConnectedException(logPrefix + state.name().toLowerCase(java.util.Locale.ROOT)));
            }
            Promise<Void> p = Promise.promise();
            connectWaiters.add(p);
            long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
                connectWaiters.remove(p);
                p.tryFail(new TimeoutException(logPrefix + "not connected within " + timeout.toMillis() + " ms (" + state + ")"));
            });
            return p.future().onComplete(ar -> vertx.cancelTimer(timer));
        });
    }

    /**
     * Stops the endpoint by itself once this many messages have been received (pysocklib's {@code stop}
     * predicate, counting): nothing more is read, and it closes.
     *
     * @param count the number of messages, at least 1
     * @return this endpoint
     */
    public QueueEndpoint<T> stopAfterReceived(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        Tcpip.onContext(context, () -> {
            stopAfterReceived = count;
            checkReceivedStop();
            return Future.succeededFuture();
        });
        return this;
    }

    /**
     * Stops the endpoint by itself once its outbound queue is empty (pysocklib's "stop when the send queue is
     * empty"): after the last message is written, the connection closes once it has gone out. Only for a
     * sending endpoint whose outbound queue it made.
     *
     * @return this endpoint
     * @throws IllegalStateException for an endpoint that does not send, or sends from a source it was given
     */
    public QueueEndpoint<T> stopWhenOutboundEmpty() {
        if (ownOutbound == null) {
            throw new IllegalStateException(logPrefix + "stopWhenOutboundEmpty needs the endpoint's own outbound queue");
        }
        Tcpip.onContext(context, () -> {
            stopWhenEmpty = true;
            if (session != null && outbox.isEmpty()) {
                PeerSession<T> s = session;
                s.close();
            }
            return Future.succeededFuture();
        });
        return this;
    }

    /**
     * Sets the action run, on the endpoint's context, at each change of state.
     *
     * @param handler the action
     * @return this endpoint
     */
    public QueueEndpoint<T> stateHandler(Handler<ConnectionState> handler) {
        Tcpip.onContext(context, () -> {
            stateHandler = handler;
            return Future.succeededFuture();
        });
        return this;
    }

    /**
     * Sets the handler told of every error: a connection lost with an error, a message that could not be
     * sent, the failure that ends the endpoint. On the endpoint's context.
     *
     * @param handler the handler
     * @return this endpoint
     */
    public QueueEndpoint<T> exceptionHandler(Handler<Throwable> handler) {
        Tcpip.onContext(context, () -> {
            exceptionHandler = handler;
            return Future.succeededFuture();
        });
        return this;
    }

    // ---------------------------------------------------------------- queues

    /**
     * {@return the inbound queue the endpoint made (pysocklib's {@code received})}
     *
     * @throws IllegalStateException if the endpoint does not receive, or was given a sink of its own
     */
    public MessageQueue<T> received() {
        if (ownInbound == null) {
            throw new IllegalStateException(logPrefix + (inbound == null ? "does not receive" : "puts received messages on the sink it was given"));
        }
        return ownInbound;
    }

    /**
     * {@return the outbound queue the endpoint made (pysocklib's {@code to_send})}
     *
     * @throws IllegalStateException if the endpoint does not send, or was given a source of its own
     */
    public MessageQueue<T> toSend() {
        if (ownOutbound == null) {
            throw new IllegalStateException(logPrefix + (outbound == null ? "does not send" : "sends from the source it was given"));
        }
        return ownOutbound;
    }

    /**
     * Takes the next received message.
     *
     * @return a future of it, completed once there is one
     */
    public Future<T> receive() {
        return received().take();
    }

    /**
     * Takes the next received message from a plain or virtual thread, waiting at most the timeout.
     *
     * @param timeout how long to wait
     * @return the message, or null if none came in time
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException on an event loop, or on the endpoint's own context (a virtual thread of
     *     it would hold the context that delivers: use {@code receive().await()} there)
     */
    public T receive(Duration timeout) throws InterruptedException {
        return received().take(timeout);
    }

    /**
     * Queues a message for sending, waiting while the outbound queue is full.
     *
     * @param message the message
     * @return completed once queued (at once if there is room)
     */
    public Future<Void> send(T message) {
        return toSend().put(message);
    }

    /**
     * Queues a message for sending if there is room now.
     *
     * @param message the message
     * @return a future of true if queued, false if the outbound queue was full (nothing queued)
     */
    public Future<Boolean> trySend(T message) {
        return toSend().tryPut(message);
    }

    /**
     * Queues a message for sending from a plain or virtual thread, waiting at most the timeout for room.
     *
     * @param message the message
     * @param timeout how long to wait
     * @return true if queued, false if the queue stayed full (nothing queued)
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException on an event loop, or on the endpoint's own context (use
     *     {@code send(message).await()} there)
     */
    public boolean offer(T message, Duration timeout) throws InterruptedException {
        return toSend().offer(message, timeout);
    }

    /** {@return the received messages as a Vert.x stream with backpressure (pausing it leaves them queued)} */
    public ReadStream<T> messages() {
        return MessageStreams.readStream(received());
    }

    /** {@return a Vert.x stream that queues what is written for sending; full while the outbound queue is} */
    public WriteStream<T> sendStream() {
        return MessageStreams.writeStream(toSend());
    }

    // ---------------------------------------------------------------- what can be read

    /** {@return the state, null before {@link #start()}} */
    public ConnectionState state() {
        return state;
    }

    /** {@return the options (a copy)} */
    public QueueEndpointOptions options() {
        return new QueueEndpointOptions(options);
    }

    /** {@return the codec} */
    public PayloadCodec<T> codec() {
        return codec;
    }

    /** {@return the context the endpoint lives on} */
    public Context endpointContext() {
        return context;
    }

    /** {@return the number of messages received and put on the inbound sink} */
    public long receivedMessages() {
        return receivedCount;
    }

    /** {@return the number of messages written (resent ones again)} */
    public long sentMessages() {
        return sentCount;
    }

    /** {@return the number of messages held for sending again by lost connections, in all} */
    public long resentMessages() {
        return resentCount;
    }

    /** {@return the number of messages held to be sent first on the next connection (a recent value)} */
    public int pendingResends() {
        return pendingResends;
    }

    /**
     * {@return the messages held for resending that the endpoint closed without sending, in order (empty while
     *     it runs, or when there were none): they were taken from the outbound queue, so they are here to be
     *     sent some other way}
     */
    public Future<List<T>> unsent() {
        return Tcpip.onContext(context, () -> Future.succeededFuture(List.copyOf(unsentAtClose)));
    }

    /** {@return the number of received messages abandoned by {@link #close()} while waiting for room in a full inbound sink} */
    public long abandonedMessages() {
        return abandonedCount;
    }

    /** {@return the number of partial messages found at the end of a stream (not queued)} */
    public long partialMessages() {
        return partialCount;
    }

    /** {@return the number of heartbeats sent} */
    public long heartbeatsSent() {
        return heartbeatsSent;
    }

    /** {@return the number of heartbeats received (not queued)} */
    public long heartbeatsReceived() {
        return heartbeatsReceived;
    }

    /** {@return the number of messages a sending endpoint that does not receive read and ignored} */
    public long ignoredMessages() {
        return ignoredCount;
    }

    /** {@return the number of messages that could not be sent (not encodable, or over the maximum length)} */
    public long unsendableMessages() {
        return unsendableCount;
    }

    /** {@return the number of connections made or accepted and served} */
    public long connections() {
        return connectionCount;
    }

    @Override
    public String toString() {
        return logPrefix + state;
    }

    // ---------------------------------------------------------------- for the subclasses

    /**
     * Opens the transport: binds, or starts connecting. On the context.
     *
     * @return completed once a server listens or a client's first attempt has started
     */
    protected abstract Future<Void> openTransport();

    /**
     * Closes the transport: the listener or the reconnector, and the current connection. On the context.
     *
     * @return completed once closed
     */
    protected abstract Future<Void> closeTransport();

    /**
     * Serves one connected socket until it ends. On the context.
     *
     * @param socket the socket, framed with the options' delimiter
     * @return completed once the connection has ended, with its error (null for a normal end)
     */
    protected final Future<Throwable> serve(MessageSocket<T> socket) {
        PeerSession<T> s = new PeerSession<>(this, socket, outbox, inbound);
        session = s;
        connectionCount++;
        LOG.info("{}connected to {}", logPrefix, socket.remoteAddress());
        setState(ConnectionState.CONNECTED);
        return s.start().onComplete(ar -> {
            if (session == s) {
                session = null;
            }
            Throwable cause = ar.result();
            LOG.info("{}connection to {} ended{}", logPrefix, socket.remoteAddress(), cause == null ? "" : ": " + cause);
            if (cause != null && !closing && exceptionHandler != null) {
                safely(exceptionHandler, cause);
            }
            if (!closing && stopWhenEmpty && outbox != null && outbox.isEmpty()) {
                finish(null);
            }
        });
    }

    /**
     * Moves to a state and tells the state handler; settles "connected within" waits.
     *
     * @param next the state
     */
    protected final void setState(ConnectionState next) {
        if (state == next || (state != null && state.isFinal())) {
            return;
        }
        state = next;
        LOG.debug("{}{}", logPrefix, next);
        if (stateHandler != null) {
            safely(stateHandler, next);
        }
        if (next == ConnectionState.CONNECTED || next.isFinal()) {
            List<Promise<Void>> waiting = new ArrayList<>(connectWaiters);
            connectWaiters.clear();
            for (Promise<Void> p : waiting) {
                if (next == ConnectionState.CONNECTED) {
                    p.tryComplete();
                } else {
                    p.tryFail(new NotConnectedException(logPrefix + next.name().toLowerCase(java.util.Locale.ROOT)));
                }
            }
        }
    }

    /**
     * Ends the endpoint with an error: state FAILED, the exception handler told, {@link #done()} failed, the
     * transport closed. On the context.
     *
     * @param cause the error
     */
    protected final void fail(Throwable cause) {
        finish(cause);
    }

    /** {@return whether the endpoint is closing or closed} */
    protected final boolean isClosing() {
        return closing;
    }

    /** {@return the prefix of every log line: the kind and the name} */
    protected final String logPrefix() {
        return logPrefix;
    }

    /** {@return the Vert.x instance} */
    protected final Vertx vertx() {
        return vertx;
    }

    /** {@return whether a stop condition says the endpoint is done with its current connection} */
    protected final boolean stopsAfterThisConnection() {
        return closing || (stopWhenEmpty && outbox != null && outbox.isEmpty());
    }

    // ---------------------------------------------------------------- for the session (on the context)

    QueueEndpointOptions optionsHere() {
        return options;
    }

    T heartbeatMessage() {
        return heartbeat;
    }

    <X> Future<X> onContext(Future<X> future) {
        if (future.isComplete()) {
            return future;
        }
        Promise<X> here = Promise.promise();
        future.onComplete(ar -> {
            if (Vertx.currentContext() == context) {
                here.handle(ar);
            } else {
                context.runOnContext(v -> here.handle(ar));
            }
        });
        return here.future();
    }

    boolean acceptsMore() {
        return !closing && (stopAfterReceived < 0 || receivedCount < stopAfterReceived);
    }

    /** A put of a received message on the inbound sink: counted once it succeeds; a refusal fails the endpoint. */
    Future<Void> delivering(Future<Void> sinkPut) {
        if (sinkPut.succeeded()) {
            receivedCount++;   // the common case: room in the sink
            checkReceivedStop();
            return sinkPut;
        }
        return onContext(sinkPut).transform(ar -> {
            if (ar.succeeded()) {
                receivedCount++;
                checkReceivedStop();
            } else if (!(ar.cause() instanceof CancellationException)) {
                LOG.error("{}the inbound sink refused a message: {}", logPrefix, ar.cause().toString());
                fail(ar.cause());
            }
            return ar.succeeded() ? Future.<Void>succeededFuture() : Future.<Void>failedFuture(ar.cause());
        });
    }

    private void checkReceivedStop() {
        if (stopAfterReceived > 0 && receivedCount >= stopAfterReceived && !closing) {
            LOG.info("{}stopping: {} messages received", logPrefix, receivedCount);
            finish(null);
        }
    }

    /** Whether the sending loop should stop: the outbound queue is empty and the endpoint stops then. */
    boolean outboundDone(Outbox<T> box) {
        if (stopWhenEmpty && box.isEmpty()) {
            PeerSession<T> s = session;
            if (s != null) {
                LOG.info("{}outbound queue empty: closing after {} messages", logPrefix, sentCount);
                s.close();
            }
            return true;
        }
        return false;
    }

    void outboundFailed(Throwable cause) {
        if (cause instanceof CancellationException) {
            return;
        }
        LOG.error("{}the outbound source failed: {}", logPrefix, cause.toString());
        fail(cause);
    }

    void unsendable(T message, Throwable cause) {
        unsendableCount++;
        LOG.error("{}a message could not be sent and is dropped: {}", logPrefix, cause.getMessage());
        if (exceptionHandler != null) {
            safely(exceptionHandler, cause);
        }
    }

    void abandoned(T message) {
        abandonedCount++;
        LOG.warn("{}closing: a received message waiting for room in the inbound sink is abandoned", logPrefix);
    }

    void sentOne() {
        sentCount++;
        if (pendingResends > 0) {
            pendingResends = outbox.toResend();
        }
    }

    void heartbeatSent() {
        heartbeatsSent++;
    }

    void heartbeatReceived() {
        heartbeatsReceived++;
    }

    void ignored(T message) {
        if (ignoredCount++ == 0) {
            LOG.info("{}the peer sends messages; a sender ignores them (counted in ignoredMessages)", logPrefix);
        }
    }

    void partialMessage(IncompleteReadException partial) {
        partialCount++;
        LOG.warn("{}the stream ended inside a message: {} bytes without the delimiter, not queued", logPrefix,
            partial.partial() == null ? 0 : partial.partial().length());
    }

    void requeued(int count) {
        resentCount += count;
        pendingResends = outbox.toResend();
        LOG.info("{}{} message(s) written on the lost connection will be sent first on the next one", logPrefix, count);
    }

    private Future<Void> finish(Throwable cause) {
        if (closed != null) {
            return closed;
        }
        closing = true;
        PeerSession<T> s = session;
        // Closed, and its end handled (messages put back, counters final), before done() completes.
        Future<Void> sessionClosed = s == null ? Future.succeededFuture()
            : s.abandonWaitingPut().compose(v -> s.close()).compose(v -> s.ended()).mapEmpty();
        closed = Future.join(sessionClosed, closeTransport().recover(e -> Future.succeededFuture()))
            .transform(ar -> {
                if (outbox != null && outbox.toResend() > 0) {
                    unsentAtClose = outbox.drainResend();
                    pendingResends = 0;
                    LOG.warn("{}{} message(s) taken from the outbound queue were not sent before the close: see unsent()",
                        logPrefix, unsentAtClose.size());
                }
                setState(cause == null ? ConnectionState.CLOSED : ConnectionState.FAILED);
                if (cause != null) {
                    LOG.error("{}failed: {}", logPrefix, cause.toString());
                    if (exceptionHandler != null) {
                        safely(exceptionHandler, cause);
                    }
                    done.tryFail(cause);
                } else {
                    LOG.info("{}closed ({} received, {} sent)", logPrefix, receivedCount, sentCount);
                    done.tryComplete();
                }
                return Future.<Void>succeededFuture();
            });
        return closed;
    }

    private <E> void safely(Handler<E> handler, E event) {
        try {
            handler.handle(event);
        } catch (RuntimeException e) {
            LOG.warn("{}a handler failed: {}", logPrefix, e.toString());
        }
    }
}
