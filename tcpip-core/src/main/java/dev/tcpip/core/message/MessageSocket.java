package dev.tcpip.core.message;

import dev.tcpip.core.Connection;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.Tcpip;
import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.framing.Framing;
import dev.tcpip.core.framing.LengthPrefixed;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One TCP connection carrying messages in both directions at any time, each message one length-prefixed
 * frame (qsocket's {@code QSocket}, without pickle):
 * <pre>
 * +--------------------------------+---------------------------+------------------
 * | length: 4 bytes, signed,       | payload: length bytes     | next frame ...
 * | big-endian (struct "!i"), &gt;= 0 | (the codec's bytes)       |
 * +--------------------------------+---------------------------+------------------
 * </pre>
 * The payload is the message in the {@link PayloadCodec} chosen: bytes, text, JSON. The header's width,
 * byte order and the maximum payload (16 MiB unless set) come from {@link MessageOptions}, which may also
 * make messages lines instead ({@link MessageOptions#setFraming}, a delimited framing).
 *
 * <p><b>Sending.</b> {@link #send} may be called from any thread. Each message is written whole, in the order
 * of the calls as they reach the socket's context, so concurrent senders never interleave frames, and a peer
 * that stalls mid-frame while sending to us delays nothing here. The future completes once the frame is in
 * the write queue (at once, below its high-water mark) and fails after the socket has closed.
 *
 * <p><b>Receiving,</b> one way per socket, chosen before the first message is taken:
 * <ul>
 *   <li>a {@link #handler} (qsocket's {@code process} hook), on the socket's context: the next message is
 *       read once the future it returns has completed, so a handler that waits for its reply to be sent
 *       ({@code m -> socket.send(m)}) holds back a peer that sends faster than it reads;</li>
 *   <li>{@link #messages()}, a Vert.x {@link ReadStream} with backpressure: pausing it stops reading the
 *       socket;</li>
 *   <li>{@link #receive(Duration)} from a plain or virtual thread, over a queue of
 *       {@link MessageOptions#getReceiveQueueCapacity()} messages, or of the maximum frame length in bytes,
 *       whichever comes first (the default way, qsocket's {@code recv}); a full queue stops reading the
 *       socket: nothing is dropped.</li>
 * </ul>
 * A subclass may override {@link #process} instead, as qsocket's {@code Echo} does. Messages that arrive
 * before a handler or a stream is set wait in the queue and are given to it first.
 *
 * <p><b>The end.</b> The socket closes when the peer closes (end of stream), when {@link #close()} is called,
 * on a reset, or when the peer breaks the framing: a negative length, a length over the maximum (detected on
 * the header, before any of the payload is buffered), a payload the codec rejects, or a frame cut short by
 * the end of stream. Those close only this socket, with one log line. Then {@link #onClose} runs exactly once,
 * with the cause (null for a normal close), every later {@link #receive} throws {@link EndOfStreamException},
 * a stream gets its end, and {@link #send} fails with {@link NotConnectedException}.
 *
 * @param <T> the message type
 */
public class MessageSocket<T> {
    private static final Logger LOG = LoggerFactory.getLogger(MessageSocket.class);

    private final Connection connection;
    private final PayloadCodec<T> codec;
    private final Framing<Buffer> framing;
    private final Context context;
    private final Inbox<T> inbox;
    private final String logPrefix;
    private final Runnable afterClose;
    private final Promise<Void> closed;
    private MessagePump<T> pump;
    private Handler<Throwable> closeHandler;
    private boolean closing;
    /** The payload length of the message being processed: what it weighs in the receive queue. */
    private int frameBytes;

    /**
     * Creates the socket over a connection; what a factory given to {@link MessageListener} or
     * {@link #connect} calls.
     *
     * @param setup the connection, framing, codec and context
     */
    protected MessageSocket(SocketSetup<T> setup) {
        this.connection = setup.connection;
        this.codec = setup.codec;
        this.framing = setup.framing;
        this.context = setup.context;
        this.afterClose = setup.afterClose;
        this.inbox = new Inbox<>(context, setup.receiveQueueCapacity, framing.maxFrameLength(), "messages");
        this.closed = Promise.promise();
        String peer = String.valueOf(connection.remoteAddress());
        this.logPrefix = setup.name.isEmpty() ? peer + ": " : setup.name + " " + peer + ": ";
    }

    /**
     * Connects to a listener (qsocket's {@code create_qsocket}, with a connect timeout).
     *
     * @param vertx   the Vert.x instance; the socket lives on the caller's context, or a new one
     * @param options where to connect, the timeout, the framing
     * @param codec   the payload codec
     * @param <T>     the message type
     * @return the socket once connected; failed with a {@link ConnectException} naming the address if it
     *     cannot connect within the timeout
     */
    public static <T> Future<MessageSocket<T>> connect(Vertx vertx, MessageSocketOptions options, PayloadCodec<T> codec) {
        return connect(vertx, options, codec, MessageSocket::new);
    }

    /**
     * Connects, making the socket with a factory: a subclass's constructor.
     *
     * @param vertx   the Vert.x instance; the socket lives on the caller's context, or a new one
     * @param options where to connect, the timeout, the framing
     * @param codec   the payload codec
     * @param factory makes the socket from its setup
     * @param <T>     the message type
     * @param <S>     the socket type
     * @return the socket once connected; failed with a {@link ConnectException} naming the address if it
     *     cannot connect within the timeout
     */
    public static <T, S extends MessageSocket<T>> Future<S> connect(Vertx vertx, MessageSocketOptions options,
                                                                     PayloadCodec<T> codec,
                                                                     Function<SocketSetup<T>, S> factory) {
        MessageSocketOptions opts = new MessageSocketOptions(options);
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(factory, "factory");
        Context context = vertx.getOrCreateContext();
        return Tcpip.onContext(context, () -> {
            NetClientOptions netOptions = new NetClientOptions(opts.getNetClientOptions())
                .setConnectTimeout((int) opts.getConnectTimeout().toMillis());
            NetClient client = vertx.createNetClient(netOptions);
            String where = opts.getHost() + ":" + opts.getPort();
            return client.connect(opts.getPort(), opts.getHost()).transform(ar -> {
                if (ar.failed()) {
                    client.close();
                    ConnectException e = new ConnectException("cannot connect to " + where + ": " + ar.cause().getMessage());
                    e.initCause(ar.cause());
                    return Future.failedFuture(e);
                }
                Tcpip.applyKeepalive(ar.result(), netOptions);
                Connection connection = Connection.open(ar.result(), opts.getMaxFrameLength(), context);
                return Future.succeededFuture(create(factory, new SocketSetup<>(connection, codec, opts, context, client::close)));
            });
        });
    }

    /** Makes a socket with a factory and starts reading into it; on its context. */
    static <T, S extends MessageSocket<T>> S create(Function<SocketSetup<T>, S> factory, SocketSetup<T> setup) {
        S socket;
        try {
            socket = Objects.requireNonNull(factory.apply(setup), "the factory returned null");
        } catch (RuntimeException e) {
            setup.connection.close(e);
            if (setup.afterClose != null) {
                setup.afterClose.run();
            }
            throw e;
        }
        // After the caller has had its turn to choose a handler: messages read before then are queued.
        setup.context.runOnContext(v -> socket.startReading());
        return socket;
    }

    /**
     * Sends a message: from any thread; frames are never interleaved.
     *
     * <p>The payload is not copied when it is large (64 KiB or more, with {@link PayloadCodec#bytes()} the
     * message itself): do not change a buffer once it is sent.
     *
     * @param message the message
     * @return completed once the frame is queued for writing (at once below the write queue's high-water
     *     mark, else once it has drained); failed with {@link NotConnectedException} once the socket has
     *     closed, or {@link IllegalArgumentException} if the message cannot be encoded or is longer than the
     *     maximum
     */
    public Future<Void> send(T message) {
        return Tcpip.onContext(context, () -> {
            if (closing) {
                return Future.failedFuture(new NotConnectedException(logPrefix + "message socket closed"));
            }
            Buffer payload = codec.encode(message);
            if (!(framing instanceof LengthPrefixed)) {
                return connection.write(framing.encode(payload));
            }
            // Header and payload as two writes of one turn: the writer gathers them, and a large payload
            // goes to the socket as it is, never copied next to its header.
            connection.write(((LengthPrefixed) framing).header(payload.length()));
            return connection.write(payload);
        });
    }

    /**
     * Gives every message to a handler, on the socket's context (qsocket's {@code process} hook): the next
     * message is read once the future it returns completes. A handler that throws, or whose future fails,
     * is logged and the socket goes on. Messages already queued come first.
     *
     * @param handler the handler
     * @return this socket
     * @throws IllegalStateException if {@link #messages()} has a handler
     */
    public MessageSocket<T> handler(Function<T, Future<?>> handler) {
        Objects.requireNonNull(handler, "handler");
        onContext(() -> inbox.handler(handler));
        return this;
    }

    /**
     * {@return the messages as a Vert.x stream with backpressure: set its handler to choose it; pausing it
     *     stops reading the socket; at the end its exception handler gets the cause, if any, then its end
     *     handler runs}
     */
    public ReadStream<T> messages() {
        return inbox.stream();
    }

    /**
     * Takes the next message, waiting at most the timeout (qsocket's {@code recv()}, with a timeout): for
     * plain and virtual threads, never an event loop.
     *
     * @param timeout how long to wait
     * @return the message
     * @throws EndOfStreamException once the socket has closed and every message before the end was taken,
     *     on every call
     * @throws TimeoutException if no message came in time
     * @throws InterruptedException if the thread was interrupted while waiting
     * @throws IllegalStateException on an event-loop thread, or when a handler or a stream takes the messages
     */
    public T receive(Duration timeout) throws InterruptedException, TimeoutException {
        return inbox.receive(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Sets the close hook's action: run once, on the context, when the socket has closed, with the cause
     * (null for a normal close). The default {@link #onClose} runs it.
     *
     * @param handler the action
     * @return this socket
     */
    public MessageSocket<T> closeHandler(Handler<Throwable> handler) {
        onContext(() -> closeHandler = handler);
        return this;
    }

    /**
     * What happens to each message read: by default it goes to the handler, the stream or the queue, as
     * the user chose. Override it to handle messages in a subclass (qsocket's {@code process}); runs on the
     * socket's context.
     *
     * @param message the message
     * @return completed when the next message may be read
     */
    protected Future<?> process(T message) {
        return inbox.offer(message, frameBytes);
    }

    /** A message the pump read from a frame of {@code bytes} bytes: processed. */
    private Future<?> received(T message, int bytes) {
        frameBytes = bytes;
        return process(message);
    }

    /**
     * The close hook: runs exactly once, on the socket's context, once it has closed, whether the close was
     * local or remote (qsocket's {@code on_close}). By default it runs the {@link #closeHandler}.
     *
     * @param cause the error the socket ended in, or null for a normal close
     */
    protected void onClose(Throwable cause) {
        if (closeHandler != null) {
            closeHandler.handle(cause);
        }
    }

    /**
     * Closes the socket: queued writes go out first (for at most a second if the peer does not read), then
     * the close hook runs; messages received and not yet taken can still be taken.
     *
     * @return completed once the socket is closed, the reader has stopped and the close hook has run
     */
    public Future<Void> close() {
        onContext(() -> closeWith(null));
        return closed.future();
    }

    /**
     * {@return completed once the socket has closed and its close hook has run; never failed}
     */
    public Future<Void> closeFuture() {
        return closed.future();
    }

    /**
     * {@return whether the socket has not begun to close}
     */
    public boolean isOpen() {
        return !closed.future().isComplete() && connection.isOpen();
    }

    /** {@return the peer's address} */
    public SocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    /** {@return this end's address} */
    public SocketAddress localAddress() {
        return connection.localAddress();
    }

    /** {@return the context the socket lives on: handlers, hooks and futures run there} */
    public Context context() {
        return context;
    }

    /** {@return the number of received messages waiting to be taken} */
    public int queuedMessages() {
        return inbox.size();
    }

    private void onContext(Runnable action) {
        Tcpip.onContext(context, () -> {
            action.run();
            return Future.succeededFuture();
        }).onFailure(e -> LOG.warn("{}{}", logPrefix, e.toString()));
    }

    /** Starts reading frames, unless closed already; on the context. */
    final void startReading() {
        if (!closing) {
            pump = new MessagePump<>(connection, framing, codec, this::received, this::ended, logPrefix);
            pump.start();
        }
    }

    /** The pump met the end of the stream, a broken frame or a reset: close with it (null: a normal end). */
    private void ended(Throwable cause) {
        closeWith(cause);
    }

    private void closeWith(Throwable cause) {
        if (closing) {
            return;
        }
        closing = true;
        if (pump != null) {
            pump.stop();
        }
        // Through the context, whatever thread the socket's close completes on: the hook runs there.
        Tcpip.onContext(context, () -> connection.close(new NotConnectedException(logPrefix + "message socket closed")))
            .onComplete(ar -> {
            if (afterClose != null) {
                afterClose.run();
            }
            inbox.end(cause);
            try {
                onClose(cause);
            } catch (RuntimeException e) {
                LOG.warn("{}close hook failed: {}", logPrefix, e.toString());
            }
            closed.tryComplete();
        });
    }
}
