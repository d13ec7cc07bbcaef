package dev.tcpip.core;

import dev.tcpip.core.internal.VertxInternals;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.TCPSSLOptions;
import jdk.net.ExtendedSocketOptions;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The constants and module-level helpers of lsst.ts.tcpip.
 *
 * <p>Byte-valued constants ({@link #DEFAULT_TERMINATOR}, {@link #HEARTBEAT}) are ASCII strings, because a
 * Vert.x {@code Buffer} is mutable and must not be shared; {@code Buffer.buffer(Tcpip.HEARTBEAT)} gives
 * the bytes.
 */
public final class Tcpip {
    /** Default text encoding: UTF-8. */
    public static final Charset DEFAULT_ENCODING = StandardCharsets.UTF_8;
    /** Default line terminator: {@code \r\n}. */
    public static final String DEFAULT_TERMINATOR = "\r\n";
    /**
     * Deprecated alias of {@link #DEFAULT_TERMINATOR}, as in Python.
     *
     * @deprecated use {@link #DEFAULT_TERMINATOR}
     */
    @Deprecated
    public static final String TERMINATOR = DEFAULT_TERMINATOR;
    /** Default interval of the connection monitor: 0.1 s. */
    public static final Duration DEFAULT_MONITOR_CONNECTION_INTERVAL = Duration.ofMillis(100);
    /** The heartbeat message, sent followed by the terminator. */
    public static final String HEARTBEAT = "heartbeat";
    /** IPv4 loopback address. */
    public static final String LOCALHOST_IPV4 = "127.0.0.1";
    /** IPv6 loopback address. */
    public static final String LOCALHOST_IPV6 = "::1";
    /** Default host to bind or connect to: {@link #LOCALHOST_IPV4}. */
    public static final String DEFAULT_LOCALHOST = LOCALHOST_IPV4;
    /**
     * Deprecated alias of {@link #DEFAULT_LOCALHOST}, as in Python.
     *
     * @deprecated use {@link #DEFAULT_LOCALHOST} or {@link #LOCALHOST_IPV4}
     */
    @Deprecated
    public static final String LOCAL_HOST = DEFAULT_LOCALHOST;
    /** TCP keepalive: idle time before the first probe, 60 s. */
    public static final Duration KEEPALIVE_TIME = Duration.ofSeconds(60);
    /** TCP keepalive: time between probes, 15 s. */
    public static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(15);
    /** TCP keepalive: unanswered probes before the connection is dropped, 4. */
    public static final int KEEPALIVE_PROBES = 4;
    /** Default longest silence between client heartbeats before a monitoring server drops it: 10 s. */
    public static final Duration DEFAULT_MAX_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);
    /** Longest wait of {@link #closeSocket} for queued writes to reach a peer before closing without them: 1 s. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);
    /** Default limit of one delimited line, delimiter excluded: 64 KiB (asyncio's default limit). */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    private Tcpip() {
    }

    /**
     * Python's {@code set_socket_options}: turns on TCP keepalive with {@link #KEEPALIVE_TIME},
     * {@link #KEEPALIVE_INTERVAL} and {@link #KEEPALIVE_PROBES}, through Vert.x's own options. The
     * endpoints apply them to each socket they keep with {@link #applyKeepalive}, because Vert.x's NIO
     * transport only applies {@code SO_KEEPALIVE} itself. The default options of {@link ClientOptions} and
     * {@link ServerOptions} already have them.
     *
     * @param options NetClientOptions or NetServerOptions
     * @param <T>     the options type
     * @return the same options, for chaining
     */
    public static <T extends TCPSSLOptions> T setSocketOptions(T options) {
        options.setTcpKeepAlive(true);
        options.setTcpKeepAliveIdleSeconds((int) KEEPALIVE_TIME.toSeconds());
        options.setTcpKeepAliveIntervalSeconds((int) KEEPALIVE_INTERVAL.toSeconds());
        options.setTcpKeepAliveCount(KEEPALIVE_PROBES);
        return options;
    }

    /**
     * Applies the keepalive settings of {@code options} to one live socket. Vert.x's NIO transport turns
     * {@code SO_KEEPALIVE} on but leaves the idle time, interval and probe count at the kernel's defaults
     * (7200 s, 75 s, 9 on Linux); this sets them on the socket itself, where the platform supports them.
     * The endpoints call it for each accepted or connected socket they keep (never for a rejected extra
     * client, as in Python).
     *
     * Never throws: a socket the peer has already closed keeps the kernel's settings (a debug log says so).
     *
     * @param socket  a socket created by Vert.x
     * @param options the options it was created with
     */
    public static void applyKeepalive(NetSocket socket, TCPSSLOptions options) {
        Channel channel = options.isTcpKeepAlive() ? VertxInternals.channel(socket) : null;
        if (channel == null) {
            return;
        }
        ChannelConfig config = channel.config();
        try {
            config.setOption(ChannelOption.SO_KEEPALIVE, true);
        } catch (RuntimeException e) {
            // The peer has already closed: Netty throws "Socket is closed". Never let that abort the caller,
            // which is half-way through taking the socket on (its unread data and end of stream still count).
            LoggerHolder.LOG.debug("cannot set keepalive on {}: {}", socket.remoteAddress(), e.toString());
            return;
        }
        // Only the NIO transport needs this; native transports apply Vert.x's options themselves.
        if (channel instanceof io.netty.channel.socket.nio.NioSocketChannel) {
            setIfPositive(config, ExtendedSocketOptions.TCP_KEEPIDLE, options.getTcpKeepAliveIdleSeconds());
            setIfPositive(config, ExtendedSocketOptions.TCP_KEEPINTERVAL, options.getTcpKeepAliveIntervalSeconds());
            setIfPositive(config, ExtendedSocketOptions.TCP_KEEPCOUNT, options.getTcpKeepAliveCount());
        }
    }

    private static void setIfPositive(ChannelConfig config, java.net.SocketOption<Integer> option, int value) {
        if (value > 0) {
            try {
                config.setOption(NioChannelOption.of(option), value);
            } catch (RuntimeException e) {
                LoggerHolder.LOG.debug("cannot set {}: {}", option.name(), e.toString());
            }
        }
    }

    /** Lazily created, so the constants class stays cheap to load. */
    private static final class LoggerHolder {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Tcpip.class);
    }

    /**
     * Runs {@code action} on a context: directly when the caller is already there, else by hopping onto it.
     * Exceptions it throws become a failed future. Continuations of the returned future run on the context,
     * whatever thread completes the action's future (Netty's, for a socket close).
     *
     * @param context the context, or null to run the action on the calling thread
     * @param action  the work, returning a future (null counts as a success without a value)
     * @param <T>     the result type
     * @return the action's future
     */
    public static <T> Future<T> onContext(Context context, Supplier<Future<T>> action) {
        if (context == null) {
            return safely(action);
        }
        if (VertxInternals.isCurrent(context)) {
            Future<T> f = safely(action);
            if (f.isComplete()) {
                // Continuations of a completed future run at once, on this thread: no hop needed.
                return f;
            }
            Promise<T> promise = VertxInternals.promise(context);
            f.onComplete(promise);
            return promise.future();
        }
        Promise<T> promise = VertxInternals.promise(context);
        context.runOnContext(v -> safely(action).onComplete(promise));
        return promise.future();
    }

    private static <T> Future<T> safely(Supplier<Future<T>> action) {
        try {
            Future<T> f = action.get();
            return f == null ? Future.succeededFuture() : f;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Python's {@code close_stream_writer}: closes the socket after its queued writes are flushed and
     * completes once it is closed. A socket that is already closed, or fails while closing because the
     * peer reset it, is not an error; calling this twice is safe. Unlike Python, the wait is bounded: once
     * none of the queued writes has gone out for {@link #CLOSE_TIMEOUT} (a peer that stopped reading), the
     * socket is closed without them; a slow peer that reads is waited for.
     *
     * @param socket the socket, or null (nothing to do)
     * @return a future completed when the socket is closed; it never fails
     */
    public static Future<Void> closeSocket(NetSocket socket) {
        if (socket == null) {
            return Future.succeededFuture();
        }
        Future<Void> graceful = socket.close().otherwiseEmpty();
        Channel channel = VertxInternals.channel(socket);
        if (graceful.isComplete() || channel == null) {
            return graceful;
        }
        // Vert.x's close future waits for the queued writes, so after a forced close it may never complete:
        // the channel's own close is what counts.
        Promise<Void> closed = Promise.promise();
        graceful.onComplete(ar -> closed.tryComplete());
        channel.closeFuture().addListener(f -> closed.tryComplete());
        whileWriting(channel, closed.future(), () -> {
            if (channel.isOpen()) {
                LoggerHolder.LOG.info("unsent data to {} dropped: it did not read for {} ms; closing at once",
                    socket.remoteAddress(), CLOSE_TIMEOUT.toMillis());
                // From the head of the pipeline: Vert.x's own handler would wait for the writes again.
                io.netty.channel.ChannelHandlerContext first = channel.pipeline().firstContext();
                if (first != null) {
                    first.close();
                } else {
                    channel.close();
                }
            }
        });
        return closed.future();
    }

    /**
     * Waits for {@code done} while the channel's queued writes go out: every {@link #CLOSE_TIMEOUT} it looks
     * at what is still queued, and runs {@code stalled} once nothing went out in a whole period (a peer that
     * stopped reading). A slow peer that reads is waited for; one that does not costs at most a period.
     */
    private static void whileWriting(Channel channel, Future<?> done, Runnable stalled) {
        long[] before = {pendingBytes(channel)};
        Runnable[] check = new Runnable[1];
        ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
        check[0] = () -> {
            if (done.isComplete()) {
                return;
            }
            long now = pendingBytes(channel);
            if (now > 0 && now != before[0]) {   // any change: Vert.x may refill what Netty wrote out
                before[0] = now;
                timer[0] = channel.eventLoop().schedule(check[0], CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                stalled.run();
            }
        };
        timer[0] = channel.eventLoop().schedule(check[0], CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        done.onComplete(ar -> timer[0].cancel(false));
    }

    /** {@return the bytes Netty still holds for writing on the channel, 0 once it has none or is closed} */
    private static long pendingBytes(Channel channel) {
        io.netty.channel.ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    /**
     * {@return completed once {@code written} has, or once nothing more went out for {@link #CLOSE_TIMEOUT}:
     *     the wait of a graceful close}
     */
    static Future<Void> writtenWithinCloseTimeout(NetSocket socket, Future<Void> written) {
        Channel channel = VertxInternals.channel(socket);
        if (written.isComplete() || channel == null) {
            return Future.succeededFuture();
        }
        Promise<Void> settled = Promise.promise();
        written.onComplete(ar -> settled.tryComplete());
        whileWriting(channel, settled.future(), settled::tryComplete);
        return settled.future();
    }
}
