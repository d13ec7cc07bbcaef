package dev.tcpip.core;

import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.time.Duration;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fresh Vert.x per test, and {@link #deploy} on it. The waits with a deadline (never a fixed sleep), the leak
 * checks and the plain-socket helpers are tcpip-test-support's ({@link Await}, {@link RawSockets}), shared with
 * the other modules' tests and the test kit.
 */
public abstract class TestSupport {
    /** The deadline of the waits, in seconds: {@link Await#DEFAULT_TIMEOUT}. */
    static final long TIMEOUT_SECONDS = Await.DEFAULT_TIMEOUT.toSeconds();

    protected Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stopVertx() throws Exception {
        await(vertx.close());
    }

    /** Deploys an endpoint and waits for it to start. */
    protected <T extends BaseClientOrServer> T deploy(T endpoint) throws Exception {
        await(vertx.deployVerticle(endpoint));
        return endpoint;
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
}
