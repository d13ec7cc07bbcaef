package dev.tcpip.echo;

import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The echo tests' own blocking-socket helpers, on tcpip-test-support's ({@link RawSockets}, {@link Await}):
 * loopback only, never a fixed sleep.
 */
final class Sockets {
    static final String HOST = RawSockets.LOOPBACK;
    static final Duration TIMEOUT = Await.DEFAULT_TIMEOUT;

    private Sockets() {
    }

    /** A blocking socket to a loopback port, whose reads fail after {@link #TIMEOUT}. */
    static Socket connect(int port) throws IOException {
        Socket socket = RawSockets.rawConnect(HOST, port);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /**
     * Connects until the server serves this client (a client that arrives before the server has let the
     * previous one go is closed at once), and checks one echo.
     */
    static Socket connectServed(int port) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        byte[] ping = "ping\r\n".getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() - deadline < 0) {
            Socket s = connect(port);
            try {
                send(s, ping);
                byte[] got = s.getInputStream().readNBytes(ping.length);
                if (got.length == ping.length) {
                    assertArrayEquals(ping, got);
                    return s;
                }
            } catch (IOException e) {
                // rejected: closed (or reset) before the echo; try again
            }
            s.close();
        }
        throw new AssertionError("no client served on port " + port + " within " + TIMEOUT);
    }

    /** Reads exactly as many bytes as {@code expected} has and returns them as UTF-8 text. */
    static String receiveText(Socket socket, String expected) throws IOException {
        return new String(receive(socket, expected.getBytes(StandardCharsets.UTF_8).length), StandardCharsets.UTF_8);
    }

    /** Sends a line and checks that exactly it comes back. */
    static void assertEchoes(Socket socket, String line) throws IOException {
        send(socket, line);
        assertEquals(line, receiveText(socket, line));
    }

    /**
     * Reads until the peer closes the connection, and returns what came before. A reset by the peer
     * also counts as closed (a server that closes with unread input sends RST instead of FIN).
     */
    static byte[] receiveUntilClosed(Socket socket) throws IOException {
        return RawSockets.receiveUntilClosed(socket.getInputStream());
    }

    /** True if a listening socket can be bound to the loopback port (so nothing else holds it). */
    static boolean portIsFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True if nothing accepts connections on the loopback port. */
    static boolean connectionRefused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), (int) TIMEOUT.toMillis());
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
