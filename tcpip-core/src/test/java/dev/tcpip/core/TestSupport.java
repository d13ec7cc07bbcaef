package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A fresh Vert.x per test, and ways to wait with a deadline (never a fixed sleep). */
public abstract class TestSupport {
    static final long TIMEOUT_SECONDS = 10;

    protected Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() throws Exception {
        await(vertx.close());
    }

    /** Waits for a future, with a deadline, and returns its result or throws its failure. */
    public static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("future not complete within " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Waits for a future to fail and returns the failure, checking its type. */
    public static <E extends Throwable> E awaitFailure(Future<?> future, Class<E> type) throws Exception {
        try {
            Object result = await(future);
            throw new AssertionError("expected " + type.getSimpleName() + ", got result " + result);
        } catch (Exception e) {
            if (!type.isInstance(e)) {
                throw new AssertionError("expected " + type.getSimpleName() + ", got " + e, e);
            }
            return type.cast(e);
        }
    }

    /** Polls a condition until it holds or the deadline passes. */
    public static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(TIMEOUT_SECONDS).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not true within " + TIMEOUT_SECONDS + " s: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Deploys an endpoint and waits for it to start. */
    protected <T extends BaseClientOrServer> T deploy(T endpoint) throws Exception {
        await(vertx.deployVerticle(endpoint));
        return endpoint;
    }

    /** A plain blocking socket to a local port, with a read timeout as deadline. */
    public static Socket rawConnect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        return socket;
    }

    public static Socket rawConnect(int port) throws IOException {
        return rawConnect(Tcpip.LOCALHOST_IPV4, port);
    }

    public static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    public static void send(Socket socket, byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Reads exactly n bytes from a raw socket (fails on end of stream or timeout). */
    public static byte[] receive(Socket socket, int n) throws IOException {
        byte[] out = socket.getInputStream().readNBytes(n);
        assertTrue(out.length == n, "expected " + n + " bytes, stream ended after " + out.length);
        return out;
    }

    /**
     * Asserts the peer closed the connection: end of stream, or a reset (the kernel sends one instead of
     * a FIN when the closing side still had unread bytes from us).
     */
    public static void assertClosedByPeer(Socket socket) throws IOException {
        try {
            int b;
            do {
                b = socket.getInputStream().read();
            } while (b != -1);
        } catch (java.net.SocketException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("reset"), "expected end of stream or reset, got " + e);
        }
    }

    /**
     * Waits until connecting to the port is refused. Not at once: the JDK closes a listening channel that is
     * registered with a selector only at the acceptor's next select, a moment after Vert.x reports it closed.
     */
    public static void assertRefusedEventually(int port) throws InterruptedException {
        eventually("connections to port " + port + " refused", () -> {
            try (Socket s = new Socket()) {
                s.connect(new java.net.InetSocketAddress(Tcpip.LOCALHOST_IPV4, port), 1000);
                return false;
            } catch (java.net.ConnectException refused) {
                return true;
            } catch (IOException other) {
                return false;
            }
        });
    }

    /**
     * Writes from a non-blocking channel until the kernel has refused a thousand times in a row, i.e. the
     * other end stopped reading and every buffer on the way is full. Byte {@code i} of the stream is
     * {@code i % 251}. Fails past {@code limit} bytes (the other end never pushed back) or the deadline.
     *
     * @return the number of bytes the kernel accepted
     */
    public static long floodUntilStalled(java.nio.channels.SocketChannel peer, long limit) throws IOException {
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(64 * 1024);
        long written = 0;
        int refusals = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(TIMEOUT_SECONDS).toNanos();
        while (refusals < 1000) {
            assertTrue(written < limit, "the other end never pushed back: " + written + " bytes accepted");
            assertTrue(System.nanoTime() < deadline, "the flood did not stall within " + TIMEOUT_SECONDS + " s");
            for (int i = 0; i < chunk.capacity(); i++) {
                chunk.put(i, (byte) ((written + i) % 251));
            }
            chunk.clear();
            int n = peer.write(chunk);
            written += n;
            refusals = n == 0 ? refusals + 1 : 0;
            if (n == 0) {
                Thread.onSpinWait();
            }
        }
        return written;
    }

    /** Reads until the peer closes; returns everything read. */
    public static byte[] receiveAll(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
