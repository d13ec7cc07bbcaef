package dev.tcpip.echo;

import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.LineTooLongException;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;

import java.io.IOException;

/**
 * The echo server of the lsst.ts.tcpip user guide, on the public API of tcpip-core: it serves one
 * client at a time and writes every line it reads back to that client, byte for byte, terminator
 * included.
 *
 * <p>Lines end with the options' terminator ({@code \r\n} by default) and are echoed as raw bytes, so
 * text in any encoding, invalid UTF-8 and binary garbage come back exactly as they were sent. While a
 * client is connected, any other client is accepted and closed at once (it reads end of stream).
 *
 * <p>Misbehaving clients cost the server nothing but that client:
 * <ul>
 *   <li>a client that disconnects, even in the middle of a line, is dropped and the server waits for
 *       the next one (the unterminated rest is not echoed); so is a client that resets the connection,
 *       also while echoes are still queued for it (logged at INFO, without a stack trace);</li>
 *   <li>a line longer than the options' line limit (64 KiB by default, terminator excluded) drops the
 *       client;</li>
 *   <li>a client that sends without reading meets TCP backpressure: the next line is read only once
 *       the previous echo has been written.</li>
 * </ul>
 *
 * <p>It is a Vert.x verticle: deploy it, and undeploy it (or close Vert.x) to stop it.
 * <pre>{@code
 * EchoServer server = new EchoServer(new ServerOptions().setPort(0));
 * vertx.deployVerticle(server)
 *     .onSuccess(id -> log.info("Echo server running on port {}", server.port()));
 * }</pre>
 *
 * <p>Logging (SLF4J, logger {@code dev.tcpip.echo.EchoServer}): INFO once per client, DEBUG once per
 * line.
 */
public class EchoServer extends OneClientReadLoopServer {
    /** The port {@link Main} listens on when no {@code --port} is given. */
    public static final int DEFAULT_PORT = 5000;

    /** Longest preview of a line in DEBUG messages, in bytes. */
    private static final int PREVIEW_BYTES = 60;

    /** Routes connect and disconnect events to the instance (a constructor cannot pass {@code this}). */
    private static final ConnectCallback<OneClientServer> CONNECT_CALLBACK =
        ConnectCallback.of(server -> ((EchoServer) server).connectionChanged());

    /**
     * The line terminator, read once from the options: {@link #terminator()} returns a fresh copy on each
     * call, and a constructor must not call it (a subclass may override it).
     */
    private final Buffer terminator;

    // Per-client state; touched on the server's context only.
    /** The current or, once it has gone, the last client (remoteAddress() is null once it has gone). */
    private SocketAddress clientAddress;
    private long linesEchoed;
    private long bytesEchoed;

    /**
     * An echo server on 127.0.0.1 and a free port ({@link #port()} tells which once deployed).
     */
    public EchoServer() {
        this(new ServerOptions());
    }

    /**
     * An echo server on the given address.
     *
     * @param host the address to listen on, e.g. "127.0.0.1", "::1" or "0.0.0.0"
     * @param port 0..65535; 0 picks a free port
     * @throws IllegalArgumentException if the port is out of range
     * @throws NullPointerException     if host is null
     */
    public EchoServer(String host, int port) {
        this(new ServerOptions().setHost(host).setPort(port));
    }

    /**
     * An echo server with full options (host, port, terminator, line limit, Vert.x server options...).
     *
     * @param options the options (copied)
     */
    public EchoServer(ServerOptions options) {
        super(options, CONNECT_CALLBACK);
        this.terminator = options.getTerminator();
    }

    private void connectionChanged() {
        if (connected()) {
            clientAddress = remoteAddress();
            linesEchoed = 0;
            bytesEchoed = 0;
        } else if (clientAddress != null) {
            log.info("{}client {} gone after {} line(s), {} byte(s) echoed",
                logPrefix(), clientAddress, linesEchoed, bytesEchoed);
        }
    }

    /**
     * Reads one line, through the terminator, and writes it back unchanged.
     *
     * @return a future completed once the echo is written; failed (which ends this client's read loop)
     *     when the client has gone; a line over the limit, or a socket error while the echo is written (a
     *     client that reset the connection), drops the client and completes normally
     */
    @Override
    protected Future<Void> readAndDispatch() {
        return readUntil(terminator)
            .compose(this::echo)
            .recover(this::handleFailure);
    }

    private Future<Void> echo(Buffer line) {
        if (log.isDebugEnabled()) {
            log.debug("{}read {} byte(s): {}", logPrefix(), line.length(), preview(line));
        }
        return write(line).onSuccess(v -> {
            linesEchoed++;
            bytesEchoed += line.length();
        });
    }

    private Future<Void> handleFailure(Throwable cause) {
        if (cause instanceof LineTooLongException) {
            log.warn("{}dropping client {}: {}", logPrefix(), clientAddress, cause.getMessage());
            return closeClient();
        }
        if (cause instanceof IncompleteReadException) {
            int partial = ((IncompleteReadException) cause).partial().length();
            if (partial > 0) {
                log.info("{}client {} left in the middle of a line; {} unterminated byte(s) not echoed",
                    logPrefix(), clientAddress, partial);
            }
            return Future.failedFuture(cause);
        }
        if (cause instanceof IOException) {
            // The echo could not be written: the socket failed under it, typically because the client reset
            // the connection while echoes were still queued for it (a client that sent without reading, then
            // went). The client's doing, not a fault of the server: no stack trace.
            log.info("{}client {} gone while its echo was being written: {}", logPrefix(), clientAddress,
                cause.getMessage());
            return closeClient();
        }
        if (cause instanceof NotConnectedException) {
            // The client went away between reading a line and echoing it: the read loop sees that
            // connected() is false and ends normally.
            log.debug("{}client gone before its line could be echoed", logPrefix());
            return Future.succeededFuture();
        }
        return Future.failedFuture(cause);
    }

    /**
     * A printable, bounded rendering of a line for log messages: printable ASCII as is, everything
     * else as {@code \xNN} (and {@code \r}, {@code \n}, {@code \t}).
     *
     * @param line the raw bytes
     * @return at most about {@value #PREVIEW_BYTES} bytes of it, escaped, with "..." if cut
     */
    static String preview(Buffer line) {
        int n = Math.min(line.length(), PREVIEW_BYTES);
        StringBuilder sb = new StringBuilder(n + 8).append('"');
        for (int i = 0; i < n; i++) {
            int b = line.getByte(i) & 0xFF;
            switch (b) {
                case '\r': sb.append("\\r"); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                default:
                    if (b >= 0x20 && b < 0x7F) {
                        sb.append((char) b);
                    } else {
                        sb.append(String.format("\\x%02x", b));
                    }
            }
        }
        sb.append('"');
        if (line.length() > n) {
            sb.append("...");
        }
        return sb.toString();
    }
}
