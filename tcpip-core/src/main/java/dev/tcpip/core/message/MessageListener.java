package dev.tcpip.core.message;

import dev.tcpip.core.Connection;
import dev.tcpip.core.Tcpip;
import dev.tcpip.core.codec.PayloadCodec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.ReadStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Accepts any number of clients and hands each over as a {@link MessageSocket} (qsocket's {@code Listener},
 * without its faults): {@link #listen()} completes once the port is bound, so a client may connect at once,
 * and fails with the reason if it cannot be; it binds 127.0.0.1 unless told otherwise, with
 * {@code SO_REUSEADDR}; it makes no thread of its own, so it never keeps the JVM alive by itself (the Vert.x
 * instance it runs on does, until closed).
 *
 * <p>Each accepted connection becomes a socket made by the factory given (qsocket's {@code socket_class}):
 * {@code MessageSocket}'s own constructor, or a subclass's. Sockets come one way per listener, chosen before
 * the first is taken: a {@link #connectionHandler}, the {@link #connections()} stream, or
 * {@link #accept(Duration)} from a plain or virtual thread; they are all on the listener's context.
 *
 * <p>At most {@link MessageListenerOptions#getMaxConnections()} are open at once: one more is closed as soon
 * as it is accepted, and counted ({@link #rejectedConnections()}). A socket that breaks the framing closes
 * alone; the others never notice.
 *
 * <p>{@link #close()} stops listening and closes every socket still open, handed out or not; then every
 * waiting and later {@link #accept} throws {@link EndOfStreamException}, and the stream ends.
 *
 * @param <S> the socket type
 */
public final class MessageListener<S extends MessageSocket<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(MessageListener.class);

    private final Vertx vertx;
    private final MessageListenerOptions options;
    private final Function<NetSocket, S> factory;
    private final Context context;
    private final Inbox<S> inbox;
    private final String logPrefix;
    private final Set<S> open = new LinkedHashSet<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private NetServer server;
    private volatile int port = -1;
    private boolean closing;
    private Future<Void> closed;

    private MessageListener(Vertx vertx, Context context, MessageListenerOptions options, Function<NetSocket, S> factory) {
        this.vertx = vertx;
        this.options = options;
        this.factory = factory;
        this.context = context;
        this.inbox = new Inbox<>(context, options.getMaxConnections(), Long.MAX_VALUE, "connections");
        this.logPrefix = options.getName().isEmpty() ? "" : options.getName() + ": ";
    }

    /**
     * Creates a listener whose sockets are plain {@link MessageSocket}s; {@link #listen()} binds it.
     *
     * @param vertx   the Vert.x instance; the listener and its sockets live on the caller's context, or a new one
     * @param options where to listen, limits, framing
     * @param codec   the payload codec of every socket
     * @param <T>     the message type
     * @return the listener, not yet listening
     */
    public static <T> MessageListener<MessageSocket<T>> create(Vertx vertx, MessageListenerOptions options,
                                                               PayloadCodec<T> codec) {
        return create(vertx, options, codec, MessageSocket::new);
    }

    /**
     * Creates a listener whose sockets a factory makes (a subclass's constructor, qsocket's
     * {@code socket_class}); {@link #listen()} binds it.
     *
     * @param vertx   the Vert.x instance; the listener and its sockets live on the caller's context, or a new one
     * @param options where to listen, limits, framing
     * @param codec   the payload codec of every socket
     * @param factory makes a socket from its setup; one that throws closes that connection
     * @param <T>     the message type
     * @param <S>     the socket type
     * @return the listener, not yet listening
     */
    public static <T, S extends MessageSocket<T>> MessageListener<S> create(Vertx vertx, MessageListenerOptions options,
                                                                            PayloadCodec<T> codec,
                                                                            Function<SocketSetup<T>, S> factory) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(factory, "factory");
        MessageListenerOptions opts = new MessageListenerOptions(options);
        Context context = Objects.requireNonNull(vertx, "vertx").getOrCreateContext();
        return new MessageListener<>(vertx, context, opts, socket -> {
            Connection connection = Connection.open(socket, opts.getMaxFrameLength(), context);
            return MessageSocket.create(factory, new SocketSetup<>(connection, codec, opts, context, null));
        });
    }

    /**
     * Binds and starts accepting.
     *
     * @return the port listened on (the one picked, for port 0), once bound; failed with a
     *     {@link BindException} naming the address if it cannot be bound (in use, unknown host...)
     * @throws IllegalStateException if called twice
     */
    public Future<Integer> listen() {
        return Tcpip.onContext(context, () -> {
            if (server != null || closing) {
                return Future.failedFuture(new IllegalStateException("listen() may be called once, before close()"));
            }
            NetServerOptions netOptions = new NetServerOptions(options.getNetServerOptions()).setReuseAddress(true);
            netOptions.setIdleTimeout((int) options.getIdleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
            server = vertx.createNetServer(netOptions).connectHandler(socket -> {
                Tcpip.applyKeepalive(socket, netOptions);
                accepted(socket);
            });
            String where = options.getHost() + ":" + options.getPort();
            return server.listen(options.getPort(), options.getHost()).transform(ar -> {
                if (ar.failed()) {
                    BindException e = new BindException("cannot listen on " + where + ": " + ar.cause().getMessage());
                    e.initCause(ar.cause());
                    LOG.warn("{}{}", logPrefix, e.getMessage());
                    return Future.failedFuture(e);
                }
                port = ar.result().actualPort();
                LOG.info("{}listening on {}:{}", logPrefix, options.getHost(), port);
                return Future.succeededFuture(port);
            });
        });
    }

    private void accepted(NetSocket socket) {
        if (closing) {
            socket.close();
            return;
        }
        if (open.size() >= options.getMaxConnections()) {
            long n = rejected.incrementAndGet();
            LOG.warn("{}closing the connection from {}: {} already open, the maximum (rejected so far: {})",
                logPrefix, socket.remoteAddress(), open.size(), n);
            Tcpip.closeSocket(socket);
            return;
        }
        S s;
        try {
            s = factory.apply(socket);
        } catch (RuntimeException e) {
            LOG.warn("{}the socket factory failed for {}: {}", logPrefix, socket.remoteAddress(), e.toString());
            return;
        }
        accepted.incrementAndGet();
        open.add(s);
        s.closeFuture().onComplete(ar -> open.remove(s));
        LOG.debug("{}accepted {} ({} open)", logPrefix, socket.remoteAddress(), open.size());
        inbox.offer(s, 0);
    }

    /**
     * Gives every accepted socket to a handler, on the listener's context; sockets accepted before are
     * given first.
     *
     * @param handler the handler
     * @return this listener
     * @throws IllegalStateException if {@link #connections()} has a handler
     */
    public MessageListener<S> connectionHandler(Handler<S> handler) {
        Objects.requireNonNull(handler, "handler");
        Tcpip.onContext(context, () -> {
            inbox.handler(s -> {
                handler.handle(s);
                return Future.succeededFuture();
            });
            return Future.succeededFuture();
        });
        return this;
    }

    /**
     * {@return the accepted sockets as a Vert.x stream: set its handler to choose it; it ends once the
     *     listener is closed}
     */
    public ReadStream<S> connections() {
        return inbox.stream();
    }

    /**
     * Takes the next accepted socket, waiting at most the timeout (qsocket's {@code accept()}): for plain and
     * virtual threads, never an event loop.
     *
     * @param timeout how long to wait
     * @return the socket
     * @throws EndOfStreamException once the listener is closed, on every call, waiting ones included
     * @throws TimeoutException if no client came in time
     * @throws InterruptedException if the thread was interrupted while waiting
     * @throws IllegalStateException on an event-loop thread, or when a handler or a stream takes the sockets
     */
    public S accept(Duration timeout) throws InterruptedException, TimeoutException {
        return inbox.receive(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Stops listening, closes every socket still open, and ends {@link #accept} and the stream. Idempotent.
     *
     * @return completed once the port is released and every socket closed
     */
    public Future<Void> close() {
        return Tcpip.onContext(context, () -> {
            if (closed != null) {
                return closed;
            }
            closing = true;
            // The sockets first, each writing out what it was given: Vert.x's server close would close the
            // connections it accepted at once, dropping their queued writes (a last reply, say). A client that
            // connects meanwhile is closed as soon as it is accepted.
            List<Future<Void>> sockets = new ArrayList<>();
            for (S s : new ArrayList<>(open)) {
                sockets.add(s.close());
            }
            closed = Future.join(sockets).transform(v -> server == null ? Future.<Void>succeededFuture()
                : server.close().otherwiseEmpty()).transform(ar -> {
                inbox.end(null);
                LOG.info("{}listener on port {} closed", logPrefix, port);
                return Future.<Void>succeededFuture();
            });
            return closed;
        });
    }

    /** {@return the port listened on, or -1 before {@link #listen()} has bound it} */
    public int port() {
        return port;
    }

    /** {@return the options the listener was made with (a copy)} */
    public MessageListenerOptions options() {
        return new MessageListenerOptions(options);
    }

    /** {@return the context the listener and its sockets live on} */
    public Context context() {
        return context;
    }

    /** {@return how many connections were accepted and handed over, in all} */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** {@return how many connections were closed at once because the maximum were open} */
    public long rejectedConnections() {
        return rejected.get();
    }

    /**
     * {@return how many accepted sockets are open now}
     */
    public Future<Integer> openConnections() {
        return Tcpip.onContext(context, () -> Future.succeededFuture(open.size()));
    }
}
