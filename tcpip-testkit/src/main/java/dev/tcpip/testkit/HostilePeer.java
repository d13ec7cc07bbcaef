package dev.tcpip.testkit;

import dev.tcpip.testsupport.RawSockets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A misbehaving peer on a plain blocking {@link Socket}, outside Vert.x, for tests that attack a server the
 * way a crashed or careless program does: it sends raw bytes, leaves in the middle of a message by closing,
 * resetting (RST) or half-closing the connection, or floods without reading. Loopback only.
 *
 * <pre>{@code
 * try (HostilePeer peer = HostilePeer.connect(server.port())) {
 *     peer.send("half a li".getBytes(StandardCharsets.US_ASCII));
 *     peer.leave(HostilePeer.Departure.RESET);             // the kernel sends RST, not FIN
 * }
 * }</pre>
 */
public final class HostilePeer implements AutoCloseable {
    /** The address every peer connects to. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Deadline of a connect and of each blocking read: 10 s. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** How a peer leaves a connection. */
    public enum Departure {
        /** An orderly close: FIN after the bytes sent. */
        CLOSE,
        /** {@code SO_LINGER} 0, then close: the kernel sends RST, as for a crashed process. */
        RESET,
        /** {@code shutdownOutput()}: FIN on the sending side only; the peer can still read. */
        HALF_CLOSE
    }

    private final Socket socket;

    private HostilePeer(Socket socket) {
        this.socket = socket;
    }

    /**
     * Connects a new peer to a port on {@link #LOOPBACK}, waiting at most {@link #TIMEOUT}.
     *
     * @param port a loopback port
     * @return a connected peer (no Nagle delay) whose reads fail after {@link #TIMEOUT}
     * @throws IOException if it cannot connect
     */
    public static HostilePeer connect(int port) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(LOOPBACK, port), (int) TIMEOUT.toMillis());
            s.setSoTimeout((int) TIMEOUT.toMillis());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new HostilePeer(s);
    }

    /**
     * {@return the socket, for anything not offered here}
     */
    public Socket socket() {
        return socket;
    }

    /**
     * Sends raw bytes and flushes them; nothing is added (no terminator).
     *
     * @param bytes sent in one write
     * @return this peer
     * @throws IOException on a socket error (a server that has closed the connection may reset it)
     */
    public HostilePeer send(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * Reads exactly {@code n} bytes.
     *
     * @param n the count
     * @return the bytes
     * @throws IOException on a socket error, or end of stream before {@code n} bytes (the message says how
     *     many came)
     */
    public byte[] receive(int n) throws IOException {
        byte[] out = socket.getInputStream().readNBytes(n);
        if (out.length != n) {
            throw new IOException("end of stream after " + out.length + " of " + n + " bytes");
        }
        return out;
    }

    /**
     * Reads until the server closes the connection. A reset counts as closed too: a server that closes a
     * connection with unread input sends RST, not FIN.
     *
     * @return what came before the end
     * @throws IOException on another socket error, such as the read timeout
     */
    public byte[] receiveUntilClosed() throws IOException {
        return receiveUntilClosed(socket.getInputStream());
    }

    /**
     * As {@link #receiveUntilClosed()}, for any socket's input.
     *
     * @param in the socket's input stream
     * @return what came before the end
     * @throws IOException on a socket error other than a reset, such as the read timeout
     */
    public static byte[] receiveUntilClosed(InputStream in) throws IOException {
        return RawSockets.receiveUntilClosed(in);
    }

    /**
     * Leaves the connection as asked. After {@link Departure#HALF_CLOSE} the peer can still read.
     *
     * @param how close, reset or half-close
     * @throws IOException on a socket error
     */
    public void leave(Departure how) throws IOException {
        switch (how) {
            case CLOSE:
                socket.close();
                break;
            case RESET:
                socket.setSoLinger(true, 0);
                socket.close();
                break;
            case HALF_CLOSE:
                socket.shutdownOutput();
                break;
            default:
                throw new IllegalArgumentException(String.valueOf(how));
        }
    }

    /** Closes the socket (FIN) if it is still open. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * Connects and sends {@code pattern} over and over, without reading and without blocking, until the
     * connection has taken nothing more for {@code quiet}: every buffer between the peer and a server that
     * stopped reading is full. The channel is left open (and non-blocking) for the caller to close.
     *
     * @param port     a loopback port
     * @param pattern  the bytes to repeat (not empty)
     * @param quiet    how long nothing must be taken before the flood counts as stalled
     * @param deadline the most the whole flood may take
     * @return the open channel, and how many bytes it sent
     * @throws IOException on a socket error
     * @throws AssertionError if the server is still taking bytes at the deadline
     */
    public static Flood floodUntilStalled(int port, byte[] pattern, Duration quiet, Duration deadline) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(LOOPBACK, port));
        try {
            return new Flood(channel, floodUntilStalled(channel, pattern, quiet, deadline));
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            throw e;
        }
    }

    /**
     * As {@link #floodUntilStalled(int, byte[], Duration, Duration)}, on a channel already connected (it is
     * switched to non-blocking mode).
     *
     * @param channel  a connected channel
     * @param pattern  the bytes to repeat (not empty)
     * @param quiet    how long nothing must be taken before the flood counts as stalled
     * @param deadline the most the whole flood may take
     * @return the bytes sent
     * @throws IOException on a socket error
     * @throws AssertionError if the server is still taking bytes at the deadline
     */
    public static long floodUntilStalled(SocketChannel channel, byte[] pattern, Duration quiet, Duration deadline)
        throws IOException {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("the pattern is empty");
        }
        channel.configureBlocking(false);
        // Several copies per write: fewer system calls.
        int copies = Math.max(1, (64 * 1024) / pattern.length);
        ByteBuffer chunk = ByteBuffer.allocate(copies * pattern.length);
        for (int i = 0; i < copies; i++) {
            chunk.put(pattern);
        }
        chunk.flip();
        long sent = 0;
        long end = System.nanoTime() + deadline.toNanos();
        long stuckSince = 0;
        while (true) {
            if (!chunk.hasRemaining()) {
                chunk.rewind();
            }
            int n = channel.write(chunk);
            long now = System.nanoTime();
            if (n > 0) {
                sent += n;
                stuckSince = 0;
            } else if (stuckSince == 0) {
                stuckSince = now;
            } else if (now - stuckSince > quiet.toNanos()) {
                return sent;
            } else {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            if (now - end > 0) {
                throw new AssertionError("the server was still taking bytes after " + deadline + ": " + sent + " sent");
            }
        }
    }

    /**
     * A flood that has stalled: its channel, still open, and what it sent.
     *
     * @param channel the connected channel (non-blocking)
     * @param sent    the bytes sent
     */
    public record Flood(SocketChannel channel, long sent) implements AutoCloseable {
        /** Closes the channel. */
        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
