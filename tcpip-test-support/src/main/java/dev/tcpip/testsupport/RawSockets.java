package dev.tcpip.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Plain blocking sockets for tests: a peer that is not an endpoint of the library, on loopback, whose every
 * connect and read has {@link Await#DEFAULT_TIMEOUT} as its deadline (a read that gets nothing in time fails
 * with a {@link java.net.SocketTimeoutException} instead of hanging). Text is UTF-8.
 */
public final class RawSockets {
    /** The IPv4 loopback address, where tests listen and connect. */
    public static final String LOOPBACK = "127.0.0.1";

    private RawSockets() {
    }

    /**
     * Connects a blocking socket to a loopback port.
     *
     * @param port the port
     * @return the socket, connected; its reads time out after {@link Await#DEFAULT_TIMEOUT}
     * @throws IOException if the connection fails (refused, or not made within the deadline)
     */
    public static Socket rawConnect(int port) throws IOException {
        return rawConnect(LOOPBACK, port);
    }

    /**
     * Connects a blocking socket to a host and port (keep it a loopback address).
     *
     * @param host the host
     * @param port the port
     * @return the socket, connected; its reads time out after {@link Await#DEFAULT_TIMEOUT}
     * @throws IOException if the connection fails (refused, or not made within the deadline)
     */
    public static Socket rawConnect(String host, int port) throws IOException {
        int millis = (int) Await.DEFAULT_TIMEOUT.toMillis();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /**
     * Writes text, UTF-8, and flushes.
     *
     * @param socket the socket
     * @param text   the text, sent as it is (add the line ending yourself)
     * @throws IOException on a socket error
     */
    public static void send(Socket socket, String text) throws IOException {
        send(socket, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes and flushes.
     *
     * @param socket the socket
     * @param bytes  the bytes
     * @throws IOException on a socket error
     */
    public static void send(Socket socket, byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /**
     * Reads exactly {@code n} bytes.
     *
     * @param socket the socket
     * @param n      how many
     * @return the bytes
     * @throws AssertionError if the stream ends first
     * @throws IOException on a socket error, the read timeout included
     */
    public static byte[] receive(Socket socket, int n) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(n);
        if (bytes.length != n) {
            throw new AssertionError("expected " + n + " bytes, the stream ended after " + bytes.length);
        }
        return bytes;
    }

    /**
     * Reads through the next {@code "\n"} and returns the text, {@code "\n"} included.
     *
     * @param socket the socket
     * @return the line, UTF-8
     * @throws AssertionError if the stream ends first
     * @throws IOException on a socket error, the read timeout included
     */
    public static String receiveLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the stream ended before a \\n; got " + out.toString(StandardCharsets.UTF_8));
            }
            out.write(b);
            if (b == '\n') {
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * Reads until the peer closes the connection (end of stream) and returns everything read.
     *
     * @param socket the socket
     * @return what came before the end
     * @throws IOException on a socket error, a reset or the read timeout included
     */
    public static byte[] receiveAll(Socket socket) throws IOException {
        return socket.getInputStream().readAllBytes();
    }

    /**
     * Reads until the peer closes the connection and returns what came before. A reset counts as closed too:
     * the kernel sends one instead of a FIN when the closing side still had unread bytes.
     *
     * @param in a socket's input stream
     * @return what came before the end
     * @throws IOException on a socket error other than a reset, such as the read timeout
     */
    public static byte[] receiveUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
            }
        } catch (SocketException e) {
            if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reset")) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    /**
     * Asserts that the peer closes the connection: reads (and drops) what comes until the end of stream or a
     * reset.
     *
     * @param socket the socket
     * @throws IOException on a socket error other than a reset, such as the read timeout (the peer did not
     *     close in time)
     */
    public static void assertClosedByPeer(Socket socket) throws IOException {
        receiveUntilClosed(socket.getInputStream());
    }

    /**
     * A loopback port where connections are refused for as long as the returned socket is open: the socket
     * is bound to it and never listens, so no other socket (of this process or another) can take the port,
     * unlike a port found free and then released. Close it to free the port, for example to start a server
     * there.
     *
     * @return the bound, unconnected socket; {@code getLocalPort()} is the port
     * @throws IOException if no port can be bound
     */
    public static Socket reserveRefusingPort() throws IOException {
        Socket socket = new Socket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(LOOPBACK, 0));
        return socket;
    }

    /**
     * Waits, polling with a deadline, until connecting to a loopback port is refused. Not at once after a
     * server closes: the JDK closes a listening channel registered with a selector only at the acceptor's
     * next select, a moment after Vert.x reports it closed.
     *
     * @param port the port
     * @throws AssertionError if connections are still accepted after {@link Await#DEFAULT_TIMEOUT}
     */
    public static void assertRefusedEventually(int port) {
        Await.awaitCondition("connections to port " + port + " refused", () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(LOOPBACK, port), 1000);
                return false;
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                return false;
            }
        });
    }
}
