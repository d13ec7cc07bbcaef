package dev.tcpip.echo;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.message.MessageListener;
import dev.tcpip.core.message.MessageListenerOptions;
import dev.tcpip.core.message.MessageSocket;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * An echo server for length-prefixed frames and any number of clients at once, on tcpip-core's
 * {@link MessageListener}: every frame a client sends comes back to it as the same frame.
 *
 * <p>The wire format, both ways: each frame is a 4-byte signed big-endian length N (Python's
 * {@code struct.pack("!i", n)}), {@code 0 <= N <= maxFrame}, followed by N payload bytes, which may be
 * anything. Frames may arrive split across TCP segments or several in one; each is echoed once it is whole.
 *
 * <p>Misbehaving clients cost the server nothing but that client: a header that declares a negative length
 * or more than the maximum closes that client's connection (before any of the payload is buffered, with one
 * WARN line from {@code MessageSocket}), as does a frame cut short by the client's close or reset; the other
 * clients are served on. A client that sends without reading meets TCP backpressure: its next frame is read
 * once the previous echo is queued for writing. At most {@link MessageListenerOptions#DEFAULT_MAX_CONNECTIONS}
 * clients are open at once; one more is closed as soon as it is accepted.
 *
 * <p>It is a Vert.x verticle: deploy it, and undeploy it (or close Vert.x) to stop listening and close every
 * client.
 * <pre>{@code
 * FrameEchoServer server = new FrameEchoServer("127.0.0.1", 0, FrameEchoServer.DEFAULT_MAX_FRAME);
 * vertx.deployVerticle(server).onSuccess(id -> log.info("listening on {}", server.port()));
 * }</pre>
 *
 * <p>Logging (SLF4J, logger {@code dev.tcpip.echo.FrameEchoServer}): INFO once per client when it connects
 * and once when it has gone, DEBUG once per frame.
 */
public final class FrameEchoServer extends VerticleBase {
    /** The default largest payload of a frame: 16 MiB, tcpip-core's default. */
    public static final int DEFAULT_MAX_FRAME = MessageListenerOptions.DEFAULT_MAX_FRAME_LENGTH;

    private static final Logger LOG = LoggerFactory.getLogger(FrameEchoServer.class);

    private final MessageListenerOptions options;
    private MessageListener<MessageSocket<Buffer>> listener;

    /**
     * An echo server for frames, not yet listening: deploy it.
     *
     * @param host     the address to listen on, e.g. "127.0.0.1"
     * @param port     0..65535; 0 picks a free port ({@link #port()} tells which once deployed)
     * @param maxFrame the largest payload a frame may declare, in bytes, &gt;= 0
     * @throws IllegalArgumentException if the port or the maximum is out of range, or the host empty
     */
    public FrameEchoServer(String host, int port, int maxFrame) {
        this.options = new MessageListenerOptions().setName("frame-echo")
            .setHost(Objects.requireNonNull(host, "host")).setPort(port).setMaxFrameLength(maxFrame);
    }

    /**
     * Binds the port and starts echoing to every client that connects.
     *
     * @return completed once listening; failed with the reason if the port cannot be bound
     */
    @Override
    public Future<?> start() {
        listener = MessageListener.create(vertx, options, PayloadCodec.bytes());
        listener.connectionHandler(FrameEchoServer::serve);
        return listener.listen();
    }

    /**
     * Stops listening and closes every client.
     *
     * @return completed once the port is released and every client closed
     */
    @Override
    public Future<?> stop() {
        return listener == null ? Future.succeededFuture() : listener.close();
    }

    /** {@return the port listened on once deployed (the one picked for port 0); before, the port asked for} */
    public int port() {
        return listener == null || listener.port() < 0 ? options.getPort() : listener.port();
    }

    /** {@return the largest payload a frame may declare, in bytes} */
    public int maxFrame() {
        return options.getMaxFrameLength();
    }

    /** Echoes every frame of one client; on the listener's context. */
    private static void serve(MessageSocket<Buffer> socket) {
        Client client = new Client(socket.remoteAddress());
        LOG.info("client {} connected", client.address);
        socket.closeHandler(cause -> LOG.info("client {} gone after {} frame(s), {} payload byte(s) echoed{}",
            client.address, client.frames, client.bytes, cause == null ? "" : " (" + cause.getMessage() + ")"));
        socket.handler(frame -> echo(socket, client, frame));
    }

    /** Sends the frame back; the next frame is read once this one is queued for writing (backpressure). */
    private static Future<Void> echo(MessageSocket<Buffer> socket, Client client, Buffer frame) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("client {}: frame of {} byte(s): {}", client.address, frame.length(), EchoServer.preview(frame));
        }
        return socket.send(frame)
            .onSuccess(v -> {
                client.frames++;
                client.bytes += frame.length();
            })
            // Fails only once the socket is closing (the client went): its close hook says so; no WARN here.
            .recover(e -> Future.succeededFuture());
    }

    /** One client's counters; touched on the listener's context only. */
    private static final class Client {
        final SocketAddress address;
        long frames;
        long bytes;

        Client(SocketAddress address) {
            this.address = address;
        }
    }
}
