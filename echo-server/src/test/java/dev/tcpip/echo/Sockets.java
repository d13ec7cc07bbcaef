package dev.tcpip.echo;

import dev.tcpip.testkit.HostilePeer;

import io.vertx.core.Future;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Blocking-socket helpers and deadline waits for the tests: loopback only, never a fixed sleep. */
final class Sockets {
    static final String HOST = "127.0.0.1";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Sockets() {
    }

    /** Waits for a future, with a deadline; returns its result or throws its failure. */
    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("future not complete within " + TIMEOUT, e);
        }
    }

    /** Polls a condition (every millisecond) until it holds; fails the test at the deadline. */
    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not true within " + TIMEOUT + ": " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** A blocking socket to a loopback port, whose reads fail after {@link #TIMEOUT}. */
    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(HOST, port), (int) TIMEOUT.toMillis());
        socket.setSoTimeout((int) TIMEOUT.toMillis());
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

    static void send(Socket socket, String text) throws IOException {
        send(socket, text.getBytes(StandardCharsets.UTF_8));
    }

    static void send(Socket socket, byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads exactly n bytes; fails on end of stream or at the read timeout. */
    static byte[] receive(Socket socket, int n) throws IOException {
        byte[] out = socket.getInputStream().readNBytes(n);
        assertEquals(n, out.length, "stream ended after " + out.length + " of " + n + " bytes");
        return out;
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
        return HostilePeer.receiveUntilClosed(socket.getInputStream());
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
