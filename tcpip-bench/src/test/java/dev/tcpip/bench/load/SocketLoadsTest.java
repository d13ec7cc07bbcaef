package dev.tcpip.bench.load;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The socket loads against small blocking echo servers, correct and faulty: a correct one gives numbers,
 * a faulty one an error.
 */
class SocketLoadsTest {
    private ServerSocket listener;
    private Thread server;

    /** What the test echo server does to each byte: returns the byte to echo, or -1 to drop it. */
    interface Fault {
        int apply(long offset, int b);
    }

    private static final Fault NONE = (offset, b) -> b;

    /**
     * Starts a one-connection echo server on 127.0.0.1 that passes every byte through {@code fault} and
     * closes after reading {@code closeAfter} bytes.
     */
    private int echo(Fault fault, long closeAfter) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server = new Thread(() -> {
            try (Socket s = listener.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[8192];
                byte[] echo = new byte[8192];
                long offset = 0;
                while (offset < closeAfter) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, closeAfter - offset));
                    if (n < 0) {
                        break;
                    }
                    int m = 0;
                    for (int k = 0; k < n; k++, offset++) {
                        int b = fault.apply(offset, buf[k] & 0xFF);
                        if (b >= 0) {
                            echo[m++] = (byte) b;
                        }
                    }
                    out.write(echo, 0, m);
                }
            } catch (IOException e) {
                // the client went away
            }
        }, "test-echo");
        server.start();
        return listener.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (listener != null) {
            listener.close();
        }
        if (server != null) {
            server.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    @Test
    void pingPongAgainstACorrectEchoCountsRoundTripsWithLatencies() throws Exception {
        try (Socket s = SocketLoads.connect(echo(NONE, Long.MAX_VALUE))) {
            SocketLoads.PingPong r = SocketLoads.pingPong(s, TimeUnit.MILLISECONDS.toNanos(50), 0);
            assertTrue(r.roundTrips > 0);
            assertEquals(r.roundTrips, r.sortedLatencies.length);
            assertTrue(r.percentileMicros(50) <= r.percentileMicros(99));
        }
    }

    @Test
    void pingPongFailsOnACorruptedEcho() throws Exception {
        // byte 200 (in line 3) comes back with its lowest bit flipped
        try (Socket s = SocketLoads.connect(echo((o, b) -> o == 200 ? b ^ 1 : b, Long.MAX_VALUE))) {
            LoadException e = assertThrows(LoadException.class,
                () -> SocketLoads.pingPong(s, TimeUnit.SECONDS.toNanos(30), 0));
            assertTrue(e.getMessage().contains("echo of line 3 differs"), e.getMessage());
        }
    }

    @Test
    void pingPongFailsWhenTheServerCloses() throws Exception {
        try (Socket s = SocketLoads.connect(echo(NONE, 64 * 10))) {
            LoadException e = assertThrows(LoadException.class,
                () -> SocketLoads.pingPong(s, TimeUnit.SECONDS.toNanos(30), 0));
            assertTrue(e.getMessage().startsWith("ping-pong: "), e.getMessage());
        }
    }

    @Test
    void pipelinedAgainstACorrectEchoReturnsItsTime() throws Exception {
        try (Socket s = SocketLoads.connect(echo(NONE, Long.MAX_VALUE))) {
            assertTrue(SocketLoads.pipelined(s, 5000) > 0);
            assertTrue(SocketLoads.pipelined(s, 3000) > 0, "a second run on the same connection");
        }
    }

    @Test
    void pipelinedFailsOnACorruptedByteAndSaysWhere() throws Exception {
        long bad = 1000 * 64 + 5; // line 1000, column 5
        try (Socket s = SocketLoads.connect(echo((o, b) -> o == bad ? b ^ 1 : b, Long.MAX_VALUE))) {
            LoadException e = assertThrows(LoadException.class, () -> SocketLoads.pipelined(s, 5000));
            assertTrue(e.getMessage().contains("line 1000, column 5"), e.getMessage());
        }
    }

    @Test
    void pipelinedFailsOnALostByte() throws Exception {
        try (Socket s = SocketLoads.connect(echo((o, b) -> o == 7000 ? -1 : b, Long.MAX_VALUE))) {
            LoadException e = assertThrows(LoadException.class, () -> SocketLoads.pipelined(s, 5000));
            assertTrue(e.getMessage().contains("echoed byte 7000"), e.getMessage());
        }
    }

    @Test
    void pipelinedFailsWhenEchoesStopShort() throws Exception {
        try (Socket s = SocketLoads.connect(echo(NONE, 64 * 4000))) {
            LoadException e = assertThrows(LoadException.class, () -> SocketLoads.pipelined(s, 5000));
            assertTrue(e.getMessage().contains(" of 320000 bytes"), e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("try") // the server thread's accepted socket is only held open, never read: that is the stall
    void aFloodThatIsNeverReadStallsAndSaysHowMuchWentThrough() throws Exception {
        CountDownLatch flooded = new CountDownLatch(1);
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server = new Thread(() -> {
            try (Socket s = listener.accept()) {
                flooded.await(60, TimeUnit.SECONDS); // never reads
            } catch (IOException e) {
                // the client went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-server-never-reads");
        server.start();
        SocketLoads.FloodSource source = SocketLoads.echoFlood(1L << 30);
        SocketLoads.Flood f = SocketLoads.flood(listener.getLocalPort(), source, TimeUnit.MILLISECONDS.toNanos(300));
        flooded.countDown();
        assertTrue(f.stalled);
        assertTrue(f.accepted > 0 && f.accepted < f.length, f.accepted + " of " + f.length);
    }

    @Test
    void aSinkFloodChecksTheAnswer() throws Exception {
        SocketLoads.FloodSource source = SocketLoads.structFlood(32 * 10);
        assertEquals("OK 10 " + Items.structChecksum(10), source.expectedAnswer());
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server = new Thread(() -> {
            try (Socket s = listener.accept()) {
                s.getInputStream().readNBytes((int) source.length());
                s.getOutputStream().write("OK 10 12345\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the client went away
            }
        }, "test-wrong-sink");
        server.start();
        LoadException e = assertThrows(LoadException.class,
            () -> SocketLoads.flood(listener.getLocalPort(), source, TimeUnit.SECONDS.toNanos(10)));
        assertTrue(e.getMessage().contains("answered 'OK 10 12345'"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
