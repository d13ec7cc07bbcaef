package dev.tcpip.udp;

import dev.tcpip.core.Tcpip;
import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.internal.VertxInternals;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link DatagramServer} and a {@link DatagramClient} share: one UDP socket on Vert.x's
 * {@link DatagramSocket}, each datagram received decoded and handed to the {@link DatagramHandler}, sends to
 * any address, counters, and the end.
 *
 * <p><b>No datagram is cut.</b> The socket receives into a buffer one byte longer than
 * {@link DatagramOptions#getMaxDatagramSize()} (Netty's default is a fixed 2048 bytes, and the kernel cuts
 * what does not fit without saying so), so a datagram that fills it was longer than the maximum: it is
 * counted ({@link #oversizeDatagrams()}), logged at most once per sender per interval, and never given to
 * the handler. A payload the codec rejects (text that is not valid in the charset, JSON that does not parse)
 * is counted and logged the same way.
 *
 * <p><b>Handlers</b> run in order on the endpoint's context (the one current at creation, or a new one), or on
 * a bounded pool of worker threads ({@link DatagramOptions#setHandlerThreads}) with a bounded number of
 * datagrams waiting for them; never a thread per datagram.
 *
 * @param <T> the message type
 */
public abstract class DatagramEndpoint<T> implements DatagramReply<T> {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramEndpoint.class);

    private final Vertx vertx;
    private final Context context;
    private final DatagramOptions options;
    private final PayloadCodec<T> codec;
    private final DatagramHandler<T> handler;
    private final String logPrefix;
    private final SenderLog oversizeLog;
    private final SenderLog decodeLog;
    private final SenderLog failureLog;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong oversize = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** Pool names must be unique: endpoints with the same name would share one pool. */
    private static final AtomicLong POOLS = new AtomicLong();

    // Written on the context; read by sends from any thread.
    private volatile DatagramSocket socket;
    private volatile boolean closing;
    // Context-confined.
    private WorkerExecutor workers;
    private int pending;
    private Future<Void> closed;
    private volatile int port = -1;

    /**
     * Creates an endpoint, not yet bound.
     *
     * @param vertx   the Vert.x instance
     * @param options the options (copied)
     * @param codec   how datagrams become messages and back
     * @param handler called for each datagram
     * @param kind    what it is, for logs
     */
    protected DatagramEndpoint(Vertx vertx, DatagramOptions options, PayloadCodec<T> codec, DatagramHandler<T> handler, String kind) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.options = new DatagramOptions(Objects.requireNonNull(options, "options"));
        this.codec = Objects.requireNonNull(codec, "codec");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.context = vertx.getOrCreateContext();
        this.logPrefix = kind + (this.options.getName().isEmpty() ? "" : " " + this.options.getName()) + ": ";
        long interval = this.options.getOversizeLogInterval().toNanos();
        this.oversizeLog = new SenderLog(interval);
        this.decodeLog = new SenderLog(interval);
        this.failureLog = new SenderLog(interval);
    }

    /**
     * Binds the socket to the options' host and port.
     *
     * @return the port bound (the one picked, for port 0); failed with the reason if it cannot be bound, or
     *     with {@link IllegalStateException} if started before
     */
    public Future<Integer> start() {
        return Tcpip.onContext(context, () -> {
            if (socket != null || closing) {
                return Future.failedFuture(new IllegalStateException(logPrefix + "an endpoint starts once"));
            }
            // One byte more than the maximum: a datagram that fills the buffer was longer than the maximum.
            socket = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(options.getMaxDatagramSize() + 1));
            socket.handler(this::received);
            socket.exceptionHandler(e -> LOG.warn("{}socket error: {}", logPrefix, e.toString()));
            if (options.getHandlerThreads() > 0) {
                workers = vertx.createSharedWorkerExecutor("tcpip-udp-" + POOLS.incrementAndGet(), options.getHandlerThreads());
            }
            return socket.listen(options.getPort(), options.getHost()).transform(ar -> {
                if (ar.failed()) {
                    java.net.BindException e = new java.net.BindException("cannot bind " + options.getHost() + ":" + options.getPort()
                        + ": " + ar.cause().getMessage());
                    e.initCause(ar.cause());
                    closeResources();
                    return Future.failedFuture(e);
                }
                sizeKernelQueue();
                port = socket.localAddress().port();
                LOG.info("{}bound to {}:{}", logPrefix, options.getHost(), port);
                return Future.succeededFuture(port);
            });
        });
    }

    /** Vert.x sized the kernel's queue like the receive buffer (a few KiB): give it the options' size. */
    private void sizeKernelQueue() {
        Channel channel = VertxInternals.datagramChannel(socket);
        if (channel == null) {
            LOG.warn("{}the kernel receive queue stays at {} bytes (Vert.x's channel out of reach): bursts may be dropped",
                logPrefix, options.getMaxDatagramSize() + 1);
            return;
        }
        int size = options.getReceiveBufferSize();
        if (size == 0) {
            // The kernel's default: what a socket nobody has sized gets.
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket((java.net.SocketAddress) null)) {
                size = probe.getReceiveBufferSize();
            } catch (java.io.IOException e) {
                LOG.debug("{}cannot read the kernel's default receive queue: {}", logPrefix, e.toString());
                return;
            }
        }
        channel.config().setOption(ChannelOption.SO_RCVBUF, size);
    }

    @Override
    public Future<Void> send(T message, SocketAddress to) {
        Buffer payload;
        try {
            payload = codec.encode(message);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return sendBytes(payload, to);
    }

    @Override
    public Future<Void> sendText(String text, SocketAddress to) {
        return sendBytes(Buffer.buffer(text.getBytes(options.getCharset())), to);
    }

    private Future<Void> sendBytes(Buffer payload, SocketAddress to) {
        Objects.requireNonNull(to, "to");
        if (payload.length() > options.getMaxDatagramSize()) {
            return Future.failedFuture(new IllegalArgumentException("a datagram of " + payload.length()
                + " bytes is longer than the maximum of " + options.getMaxDatagramSize()));
        }
        DatagramSocket s = socket;
        if (s == null || closing) {
            return Future.failedFuture(new IllegalStateException(logPrefix + (s == null ? "not started" : "closed")));
        }
        return s.send(payload, to.port(), to.host()).onSuccess(v -> sent.incrementAndGet());
    }

    private void received(DatagramPacket packet) {
        received.incrementAndGet();
        Buffer data = packet.data();
        SocketAddress sender = packet.sender();
        if (data.length() > options.getMaxDatagramSize()) {
            long n = oversize.incrementAndGet();
            if (oversizeLog.shouldLog(sender)) {
                LOG.warn("{}a datagram from {} is longer than the maximum of {} bytes: not handled ({} so far)",
                    logPrefix, sender, options.getMaxDatagramSize(), n);
            }
            return;
        }
        T message;
        try {
            message = codec.decode(data);
        } catch (RuntimeException e) {
            long n = undecodable.incrementAndGet();
            if (decodeLog.shouldLog(sender)) {
                LOG.warn("{}a datagram from {} is not a message: {} ({} so far)", logPrefix, sender, e.getMessage(), n);
            }
            return;
        }
        if (workers == null) {
            handle(message, sender);
            return;
        }
        if (pending >= options.getMaxPendingHandlers()) {
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 10_000 == 0) {
                LOG.warn("{}{} datagrams wait for a handler thread, the maximum: dropped ({} so far)", logPrefix, pending, n);
            }
            return;
        }
        pending++;
        workers.executeBlocking(() -> {
            handle(message, sender);
            return null;
        }, false).onComplete(ar -> pending--);
    }

    private void handle(T message, SocketAddress sender) {
        try {
            handler.handle(message, sender, this);
        } catch (Exception e) {
            long n = failures.incrementAndGet();
            // The rate limit lives on the context; a handler may run on a worker thread.
            Tcpip.onContext(context, () -> {
                if (failureLog.shouldLog(sender)) {
                    LOG.warn("{}the handler failed on a datagram from {} ({} failures so far)", logPrefix, sender, n, e);
                }
                return Future.succeededFuture();
            });
        }
    }

    /**
     * Closes the socket, releasing the port, and stops what belongs to the endpoint. Idempotent.
     *
     * @return completed once the port is released
     */
    public Future<Void> close() {
        return Tcpip.onContext(context, () -> {
            if (closed == null) {
                closing = true;
                beforeClose();
                closed = closeResources().onComplete(ar -> LOG.info("{}closed ({} received, {} sent)", logPrefix, received.get(), sent.get()));
            }
            return closed;
        });
    }

    /** Runs on the context when {@link #close()} begins: a subclass stops its own work. */
    protected void beforeClose() {
    }

    private Future<Void> closeResources() {
        Future<Void> workersClosed = workers == null ? Future.succeededFuture() : workers.close();
        Future<Void> socketClosed = socket == null ? Future.succeededFuture() : socket.close().otherwiseEmpty();
        return Future.join(workersClosed, socketClosed).mapEmpty();
    }

    /** {@return the port bound, or -1 before {@link #start()} has bound it} */
    public int port() {
        return port;
    }

    /** {@return the address bound, or null before {@link #start()}} */
    public SocketAddress localAddress() {
        DatagramSocket s = socket;
        return s == null || port < 0 ? null : s.localAddress();
    }

    /** {@return the options (a copy)} */
    public DatagramOptions options() {
        return new DatagramOptions(options);
    }

    /** {@return the context the endpoint lives on: in-order handlers and tasks run there} */
    public Context context() {
        return context;
    }

    /** {@return the Vert.x instance} */
    protected Vertx vertx() {
        return vertx;
    }

    /** {@return the prefix of its log lines} */
    protected String logPrefix() {
        return logPrefix;
    }

    /** {@return whether {@link #close()} has been called} */
    protected boolean isClosing() {
        return closing;
    }

    /** {@return the number of datagrams received, oversize and undecodable ones included} */
    public long receivedDatagrams() {
        return received.get();
    }

    /** {@return the number of datagrams sent} */
    public long sentDatagrams() {
        return sent.get();
    }

    /** {@return the number of datagrams longer than the maximum: received, counted, never handled} */
    public long oversizeDatagrams() {
        return oversize.get();
    }

    /** {@return the number of datagrams the codec could not decode} */
    public long undecodableDatagrams() {
        return undecodable.get();
    }

    /** {@return the number of handler calls that threw} */
    public long handlerFailures() {
        return failures.get();
    }

    /** {@return the number of datagrams dropped because too many waited for a handler thread} */
    public long droppedDatagrams() {
        return dropped.get();
    }
}
