package dev.tcpip.docs;

import io.vertx.core.Future;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waiting in tests: on futures, queues and sockets, always with a deadline; never a fixed sleep.
 * Test code runs on JUnit's own thread, where {@code Future.await(timeout, unit)} blocks.
 */
final class Wait {
    /** The deadline for anything a test waits for. */
    static final long SECONDS = 10;

    private Wait() {
    }

    /** The future's result, or its failure rethrown; fails the test after {@link #SECONDS}. */
    static <T> T await(Future<T> future) throws TimeoutException {
        return future.await(SECONDS, TimeUnit.SECONDS);
    }

    /** Waits for the future to fail with the given type and returns that failure. */
    static <E extends Throwable> E failure(Future<?> future, Class<E> type) throws TimeoutException {
        try {
            Object result = await(future);
            throw new AssertionError("expected " + type.getSimpleName() + ", got the result " + result);
        } catch (TimeoutException e) {
            throw e;
        } catch (Throwable t) {
            if (!type.isInstance(t)) {
                throw new AssertionError("expected " + type.getSimpleName() + ", got " + t, t);
            }
            return type.cast(t);
        }
    }

    /** The next element of the queue, waiting at most {@link #SECONDS}. */
    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(SECONDS, TimeUnit.SECONDS);
        assertNotNull(value, "nothing arrived within " + SECONDS + " s");
        return value;
    }

    /** Polls a condition (every millisecond) until it holds; fails after {@link #SECONDS}. */
    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not true within " + SECONDS + " s: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Waits until connecting to the port is refused. Not at once: the JDK closes a listening channel that is
     * registered with a selector only at the acceptor's next select, a moment after Vert.x reports it closed.
     */
    static void refusedEventually(int port) {
        until("connections to port " + port + " refused", () -> {
            try (Socket s = connect(port)) {
                return false;
            } catch (java.net.ConnectException refused) {
                return true;
            } catch (IOException other) {
                return false;
            }
        });
    }

    /** A plain blocking socket to a loopback port; its read timeout is the deadline. */
    static Socket connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), (int) TimeUnit.SECONDS.toMillis(SECONDS));
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(SECONDS));
        return socket;
    }

    static Socket connect(int port) throws IOException {
        return connect("127.0.0.1", port);
    }

    static void send(Socket socket, String text) throws IOException {
        send(socket, text.getBytes(StandardCharsets.UTF_8));
    }

    static void send(Socket socket, byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Exactly n bytes from the socket (fails on end of stream or after the deadline). */
    static byte[] receive(Socket socket, int n) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(n);
        assertEquals(n, bytes.length, "stream ended early");
        return bytes;
    }

    /** Reads from the socket through the next "\n" and returns the text (UTF-8), "\n" included. */
    static String receiveLine(Socket socket) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                fail("stream ended before a \\n; got " + out.toString(StandardCharsets.UTF_8));
            }
            out.write(b);
            if (b == '\n') {
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** Everything until the peer closes. */
    static byte[] receiveAll(Socket socket) throws IOException {
        return socket.getInputStream().readAllBytes();
    }
}
