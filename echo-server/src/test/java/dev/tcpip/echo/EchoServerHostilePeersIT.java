package dev.tcpip.echo;

import dev.tcpip.testkit.HostilePeer;
import dev.tcpip.testkit.HostilePeer.Departure;
import dev.tcpip.testkit.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.echo.EchoProcess.assertNoStackTrace;
import static dev.tcpip.echo.Sockets.assertEchoes;
import static dev.tcpip.echo.Sockets.connect;
import static dev.tcpip.echo.Sockets.connectServed;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The echo-server jar attacked from outside, as a process started with a 32 MiB heap: overlong lines, binary
 * garbage, a connection storm, a flood that never reads, and hundreds of resets and half-closes in the middle
 * of a line. After each attack the process is alive, has logged no stack trace, and serves a normal client.
 */
class EchoServerHostilePeersIT {
    /** A small heap, and death on OutOfMemoryError rather than a half-working process. */
    static final List<String> SMALL_HEAP = List.of("-Xmx32m", "-XX:+ExitOnOutOfMemoryError");
    static final int MIB = 1024 * 1024;

    @TempDir
    static Path dir;

    static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EchoProcess.start(EchoProcess.jar(), dir, SMALL_HEAP, "--port", "0");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server == null) {
            return;
        }
        try {
            int status = server.terminate();
            assertEquals(143, status, "after SIGTERM, as --help says");
        } finally {
            server.close();
        }
    }

    /** Where this test's part of the log starts. */
    private int logMark;

    @BeforeEach
    void markTheLog() throws Exception {
        logMark = server.stderrText().length();
    }

    /** The proof after every attack: alive, no stack trace in its part of the log, and a normal client is served. */
    @AfterEach
    void theServerIsAliveAndServesANormalClient() throws Exception {
        assertTrue(server.isAlive(), "the server process is still running");
        try (Socket s = connectServed(server.port())) {
            assertEchoes(s, "a normal client\r\n");
            String three = "one\r\ntwo\r\nthree\r\n";
            send(s, three);
            assertEquals(three, new String(receive(s, three.length()), StandardCharsets.US_ASCII));
        }
        assertNoStackTrace(server.stderrText().substring(logMark));
    }

    /** A HostilePeer that the server serves (it echoed a ping), not one turned away as an extra client. */
    private static HostilePeer servedPeer() throws Exception {
        long deadline = System.nanoTime() + EchoProcess.DEADLINE.toNanos();
        byte[] ping = "ping\r\n".getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() - deadline < 0) {
            HostilePeer peer = HostilePeer.connect(server.port());
            try {
                peer.send(ping);
                assertArrayEquals(ping, peer.receive(ping.length));
                return peer;
            } catch (IOException rejected) {
                peer.close();
            }
        }
        throw new AssertionError("no client served within " + EchoProcess.DEADLINE);
    }

    /** Sends, ignoring a reset or broken pipe: the server may drop the peer while it is still sending. */
    private static void sendRegardless(HostilePeer peer, byte[] bytes) {
        try {
            peer.send(bytes);
        } catch (IOException dropped) {
            // expected when the server has closed the connection first
        }
    }

    @Test
    void aLineOverTheLimitDropsOnlyThatClientWithALogLineNamingIt() throws Exception {
        byte[] unterminated = new byte[MIB];
        Arrays.fill(unterminated, (byte) 'x');
        byte[] terminated = Arrays.copyOf(unterminated, MIB + 2);
        terminated[MIB] = '\r';
        terminated[MIB + 1] = '\n';
        for (byte[] line : List.of(unterminated, terminated)) {
            try (HostilePeer peer = servedPeer()) {
                int clientPort = peer.socket().getLocalPort();
                sendRegardless(peer, line);
                assertEquals(0, peer.receiveUntilClosed().length, "nothing of the overlong line is echoed");
                server.awaitStderr("dropping client 127.0.0.1:" + clientPort
                    + ": line too long: no delimiter within 65536 bytes");
            }
        }
    }

    @Test
    void binaryGarbageIsEchoedByteForByteLineByLine() throws Exception {
        Random random = new Random(5);
        byte[] garbage = new byte[256 * 1024];
        random.nextBytes(garbage);
        // A CRLF at least every 4000 bytes (random bytes hold more by chance): no line reaches the limit.
        for (int at = random.nextInt(4000); at < garbage.length - 2; at += 2 + random.nextInt(4000)) {
            garbage[at] = '\r';
            garbage[at + 1] = '\n';
        }
        garbage[garbage.length - 2] = '\r';
        garbage[garbage.length - 1] = '\n';
        try (HostilePeer peer = servedPeer()) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> sendRegardless(peer, garbage));
            assertArrayEquals(garbage, peer.receive(garbage.length));
            sent.get(10, TimeUnit.SECONDS);
            // And an unterminated tail of garbage, then gone: dropped, not echoed.
            peer.send(Arrays.copyOf(garbage, 1000));
        }
        server.awaitStderr("left in the middle of a line");
    }

    /**
     * While a first client streams 20,000 lines, 300 more connect: each reads end of stream (within its
     * 10 s read timeout), and the first gets every echo, complete and in order.
     */
    @Test
    void aStormOf300ExtraClientsIsTurnedAwayAndTheStreamingClientLosesNothing() throws Exception {
        int lines = 20_000;
        try (Socket first = connectServed(server.port())) {
            CompletableFuture<Void> streamed = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = first.getOutputStream();
                    for (int i = 0; i < lines; i++) {
                        out.write(("line " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            CompletableFuture<String> echoed = CompletableFuture.supplyAsync(() -> {
                try {
                    InputStream in = new java.io.BufferedInputStream(first.getInputStream());
                    for (int i = 0; i < lines; i++) {
                        byte[] expected = ("line " + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
                        byte[] got = in.readNBytes(expected.length);
                        if (!Arrays.equals(expected, got)) {
                            return "echo " + i + " was '" + new String(got, StandardCharsets.US_ASCII) + "'";
                        }
                    }
                    return "ok";
                } catch (IOException e) {
                    return e.toString();
                }
            });
            List<Socket> extras = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    extras.add(connect(server.port()));
                }
                for (Socket extra : extras) {
                    assertEquals(0, HostilePeer.receiveUntilClosed(extra.getInputStream()).length,
                        "an extra client reads end of stream and nothing else");
                }
            } finally {
                for (Socket extra : extras) {
                    extra.close();
                }
            }
            streamed.get(20, TimeUnit.SECONDS);
            assertEquals("ok", echoed.get(20, TimeUnit.SECONDS), "the first client's echoes");
        }
    }

    /**
     * A client that sends lines and never reads the echoes, until every buffer is full and the server (32 MiB
     * of heap) has stopped reading; then it resets the connection. The server lives on.
     */
    @Test
    void aFloodThatNeverReadsCannotExhaustTheHeapAndTheNextClientIsServed() throws Exception {
        byte[] line = ("h".repeat(1022) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + EchoProcess.DEADLINE.toNanos();
        while (true) {
            SocketChannel flood = SocketChannel.open(new InetSocketAddress(HostilePeer.LOOPBACK, server.port()));
            try {
                Socket s = flood.socket();
                s.setSoTimeout(10_000);
                s.getOutputStream().write(line);
                if (Arrays.equals(line, s.getInputStream().readNBytes(line.length))) {
                    // Served: now flood, never reading again.
                    long sent = HostilePeer.floodUntilStalled(flood, line, Duration.ofMillis(500), Duration.ofSeconds(30));
                    assertTrue(sent > MIB, "the flood sent " + sent + " bytes before stalling");
                    assertTrue(server.isAlive(), "alive while the flood is held back");
                    s.setSoLinger(true, 0);
                    return;
                }
            } catch (IOException rejected) {
                // turned away as an extra client: try again
            } finally {
                flood.close();
            }
            assertTrue(System.nanoTime() - deadline < 0, "the flooder was never served");
        }
    }

    /**
     * 300 clients each send half a line and leave: by reset, half-close and close in turn. The server's open
     * file descriptors come back to what they were (within a slack of 5), and it logs each one's half line.
     */
    @Test
    void resetsAndHalfClosesMidLineLeakNoFileDescriptors() throws Exception {
        try (Socket s = connectServed(server.port())) {
            assertEchoes(s, "settle\r\n");
        }
        int before = server.awaitOpenFileDescriptors("a settled count", n -> true);
        Departure[] ways = Departure.values();
        for (int i = 0; i < 300; i++) {
            HostilePeer peer = servedPeer();
            try {
                peer.send("half a li".getBytes(StandardCharsets.US_ASCII));
                Departure how = ways[i % ways.length];
                peer.leave(how);
                if (how == Departure.HALF_CLOSE) {
                    assertEquals(0, peer.receiveUntilClosed().length, "a half-closed client reads end of stream");
                }
            } finally {
                peer.close();
            }
        }
        if (before >= 0) {
            server.awaitOpenFileDescriptors("at most " + (before + 5) + " (" + before + " before)", n -> n <= before + 5);
        }
    }

    /** A client that half-closes after whole lines still gets their echoes, then end of stream. */
    @Test
    void aHalfClosedClientGetsTheEchoesOfItsLastLines() throws Exception {
        try (HostilePeer peer = servedPeer()) {
            byte[] last = "last words\r\nreally the last\r\n".getBytes(StandardCharsets.US_ASCII);
            peer.send(last);
            peer.leave(Departure.HALF_CLOSE);
            assertArrayEquals(last, peer.receiveUntilClosed());
        }
    }
}
