package dev.tcpip.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The udp mode's servers and client load, in this JVM: the three servers echo and count, the client checks
 * every echo, counts the lost ones, and fails on a wrong one. Tiny runs; no timing is checked.
 */
class DatagramLoadsTest {
    private Vertx vertx;
    private DatagramSocket fake;
    private Thread fakeThread;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
            fakeThread.join(TimeUnit.SECONDS.toMillis(10));
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static int await(Future<Integer> port) throws Exception {
        return port.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDatagramIsNumberedInPrintableAscii() {
        byte[] d = new byte[64];
        DatagramLoads.fill(d, DatagramEchoServers.ECHO, 0x1234_5678_9abcL);
        String text = new String(d, StandardCharsets.US_ASCII);
        assertTrue(text.matches("E0000123456789abc[a-z]{47}"), text);
        assertEquals(0x1234_5678_9abcL, DatagramLoads.number(d, d.length));
        assertEquals(-1, DatagramLoads.number(d, 5));
    }

    @Test
    void roundTripsAgainstEachServerCheckEveryEchoAndTheServersCountThem() throws Exception {
        for (ServerKind kind : new ServerKind[] {ServerKind.DATAGRAM, ServerKind.DATAGRAM_TEXT, ServerKind.DATAGRAM_SOCKET}) {
            DatagramEchoServers.Counter counter = new DatagramEchoServers.Counter();
            int port = await(kind == ServerKind.DATAGRAM_SOCKET ? DatagramEchoServers.bareSocket(vertx, counter)
                : DatagramEchoServers.datagramServer(vertx, kind == ServerKind.DATAGRAM_TEXT, counter));
            try (DatagramSocket socket = DatagramLoads.connect(port)) {
                DatagramLoads.firstEcho(socket, 10_000);
                counter.reset();
                DatagramLoads.RoundTrips r = DatagramLoads.roundTrips(socket, 1024, TimeUnit.MILLISECONDS.toNanos(50), 1, "test");
                assertTrue(r.roundTrips > 0, kind.title());
                assertEquals(0, r.lost, kind.title());
                assertEquals(r.roundTrips, r.sortedLatencies.length);
                assertTrue(r.percentileMicros(50) <= r.percentileMicros(99));
                assertEquals(r.roundTrips, counter.datagrams(), kind.title());
                DatagramLoads.RoundTrips again = DatagramLoads.roundTrips(socket, 64, TimeUnit.MILLISECONDS.toNanos(20),
                    1 + r.roundTrips, "test");
                assertTrue(again.roundTrips > 0, "a second run on the same socket");
            }
        }
    }

    @Test
    void oneWayDatagramsAreCountedNotEchoed() throws Exception {
        DatagramEchoServers.Counter counter = new DatagramEchoServers.Counter();
        int port = await(DatagramEchoServers.datagramServer(vertx, false, counter));
        try (DatagramSocket socket = DatagramLoads.connect(port)) {
            assertTrue(DatagramLoads.blast(socket, 64, 100, 0, null, "test") > 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (counter.datagrams() < 100 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(100, counter.datagrams(), "loopback, 100 small datagrams, a 1 MiB queue: none lost");
            assertTrue(counter.stats().matches("datagrams=100 firstDatagram=-?\\d+ lastDatagram=-?\\d+ statsAt=-?\\d+ cpu=\\d+"), counter.stats());
            socket.setSoTimeout(50);
            assertThrows(java.net.SocketTimeoutException.class, () -> socket.receive(new DatagramPacket(new byte[100], 100)),
                "nothing is echoed");
            counter.reset();
            assertTrue(counter.stats().startsWith("datagrams=0 firstDatagram=0 lastDatagram=0 statsAt="), counter.stats());
        }
    }

    /** A fake echo server on a plain socket: {@code reply} says what to send back for the n-th datagram (null: nothing). */
    private int fake(BiFunction<Integer, byte[], byte[]> reply) throws SocketException {
        fake = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        fakeThread = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n = 0; ; n++) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    fake.receive(p);
                    byte[] data = java.util.Arrays.copyOf(buf, p.getLength());
                    byte[] answer = reply.apply(n, data);
                    if (answer != null) {
                        fake.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "fake-udp-echo");
        fakeThread.start();
        return fake.getLocalPort();
    }

    @Test
    void aWrongEchoFailsTheRunAndSaysWhich() throws Exception {
        int port = fake((n, data) -> {
            if (n == 3) {
                data[30] ^= 1;
            }
            return data;
        });
        try (DatagramSocket socket = DatagramLoads.connect(port)) {
            LoadException e = assertThrows(LoadException.class,
                () -> DatagramLoads.roundTrips(socket, 64, TimeUnit.SECONDS.toNanos(10), 0, "test"));
            assertTrue(e.getMessage().contains("the echo of datagram 3 differs"), e.getMessage());
        }
    }

    @Test
    void aLostEchoIsCountedAndItsLateArrivalSkipped() throws Exception {
        byte[][] held = new byte[1][];
        int port = fake((n, data) -> {
            if (n == 2) {
                held[0] = data;                      // "lost" for now
                return null;
            }
            if (n == 3) {
                try {                                // the lost one comes late, just before this one's echo
                    fake.send(new DatagramPacket(held[0], held[0].length, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        fakePeerPort)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return data;
        });
        try (DatagramSocket socket = DatagramLoads.connect(port)) {
            fakePeerPort = socket.getLocalPort();
            socket.setSoTimeout(100);
            DatagramLoads.RoundTrips r = DatagramLoads.roundTrips(socket, 64, TimeUnit.MILLISECONDS.toNanos(400), 0, "test");
            assertEquals(1, r.lost);
            assertTrue(r.roundTrips >= 3, "it went on: " + r.roundTrips);
        }
    }

    private volatile int fakePeerPort;

    @Test
    void aServerThatStopsAnsweringFailsTheRun() throws Exception {
        int port = fake((n, data) -> n < 2 ? data : null);
        try (DatagramSocket socket = DatagramLoads.connect(port)) {
            socket.setSoTimeout(10);
            LoadException e = assertThrows(LoadException.class,
                () -> DatagramLoads.roundTrips(socket, 64, TimeUnit.SECONDS.toNanos(10), 0, "test"));
            assertTrue(e.getMessage().contains("no echo of 10 datagrams in a row"), e.getMessage());
        }
    }
}
