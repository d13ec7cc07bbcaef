package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.TCPSSLOptions;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
    /** Default limit of one delimited line, delimiter excluded: 64 KiB (asyncio's default limit). */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    private Tcpip() {
    }

    /**
     * Python's {@code set_socket_options}: turns on TCP keepalive with {@link #KEEPALIVE_TIME},
     * {@link #KEEPALIVE_INTERVAL} and {@link #KEEPALIVE_PROBES}, through Vert.x's own options. Vert.x
     * applies them to every socket it creates with these options, where the transport supports them
     * (Linux NIO and epoll do).
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
     * Python's {@code close_stream_writer}: closes the socket after its queued writes are flushed and
     * completes once it is closed. A socket that is already closed, or fails while closing because the
     * peer reset it, is not an error; calling this twice is safe.
     *
     * @param socket the socket, or null (nothing to do)
     * @return a future completed when the socket is closed; it never fails
     */
    public static Future<Void> closeSocket(NetSocket socket) {
        if (socket == null) {
            return Future.succeededFuture();
        }
        return socket.close().otherwiseEmpty();
    }
}
