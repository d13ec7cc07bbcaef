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
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.tcpip.echo.EchoProcess.assertNoStackTrace;
import static dev.tcpip.echo.Frames.assertFrameEchoed;
import static dev.tcpip.echo.Frames.frame;
import static dev.tcpip.echo.Frames.frames;
import static dev.tcpip.echo.Frames.header;
import static dev.tcpip.echo.Sockets.connect;
import static dev.tcpip.echo.Sockets.connectionRefused;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The echo-server jar in frame mode ({@code --framing length --clients many --max-frame 65536}, 32 MiB heap)
 * attacked from outside: random bytes, frames split byte by byte, half-closes and resets in the middle of a
 * frame, negative lengths and lengths over the maximum. A bystander client stays connected through each
 * attack and is served after it; then the process is alive, has logged no stack trace, and serves a new
 * client. At the end stdout holds exactly the running line, and SIGTERM gives 143.
 */
class FrameEchoHostilePeersIT {
    private static final int MAX = 65536;

    @TempDir
    static Path dir;

    static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = EchoProcess.start(EchoProcess.jar(), dir, EchoServerHostilePeersIT.SMALL_HEAP,
            "--port", "0", "--framing", "length", "--clients", "many", "--max-frame", Integer.toString(MAX));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server == null) {
            return;
        }
        try {
            int status = server.terminate();
            assertEquals(143, status, "after SIGTERM, as --help says");
            assertEquals(List.of("Echo server running on port " + server.port()), server.stdoutLines(),
                "stdout has the running line and nothing else");
            assertNoStackTrace(server.stderrText());
            assertTrue(connectionRefused(server.port()), "the port is released");
        } finally {
            server.close();
        }
    }

    /** Where this test's part of the log starts. */
    private int logMark;
    /** A client connected before the attack, which must be served through it. */
    private Socket bystander;

    @BeforeEach
    void markTheLogAndConnectABystander() throws Exception {
        logMark = server.stderrText().length();
        bystander = connect(server.port());
        assertFrameEchoed(bystander, "bystander before");
    }

    /** The proof after every attack: alive, the bystander and a new client are served, no stack trace. */
    @AfterEach
    void theServerIsAliveAndServesTheBystanderAndANewClient() throws Exception {
        try {
            assertTrue(server.isAlive(), "the server process is still running");
            assertFrameEchoed(bystander, "bystander after");
        } finally {
            bystander.close();
        }
        try (Socket s = connect(server.port())) {
            assertFrameEchoed(s, "a normal client");
            byte[] three = frames("one", "two", "three");
            send(s, three);
            assertArrayEquals(three, receive(s, three.length));
        }
        assertNoStackTrace(server.stderrText().substring(logMark));
    }

    /** Sends, ignoring a reset or broken pipe: the server may drop the peer while it is still sending. */
    private static void sendRegardless(HostilePeer peer, byte[] bytes) {
        try {
            peer.send(bytes);
        } catch (IOException dropped) {
            // expected when the server has closed the connection first
        }
    }

    /** The server's log line for the peer's end: "client 127.0.0.1:PORT gone after ...". */
    private static String awaitGone(int clientPort) throws IOException {
        return server.awaitStderr("client 127.0.0.1:" + clientPort + " gone after");
    }

    @Test
    void randomBytesCostOnlyThatClient() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] garbage = new byte[1 + random.nextInt(8192)];
            random.nextBytes(garbage);
            try (HostilePeer peer = HostilePeer.connect(server.port())) {
                int clientPort = peer.socket().getLocalPort();
                sendRegardless(peer, garbage);
                peer.leave(Departure.HALF_CLOSE);
                // Whatever frames the garbage happened to hold come back; then the server closes.
                peer.receiveUntilClosed();
                awaitGone(clientPort);
            }
        }
    }

    @Test
    void framesSplitOneBytePerWriteAreEchoedWhole() throws Exception {
        try (HostilePeer peer = HostilePeer.connect(server.port())) {
            byte[] two = frames("split", "byte by byte");
            for (byte b : two) {
                peer.send(new byte[] {b});
            }
            assertArrayEquals(two, peer.receive(two.length));
        }
    }

    @Test
    void aHalfCloseMidFrameDropsOnlyThatClientWithAWarning() throws Exception {
        try (HostilePeer peer = HostilePeer.connect(server.port())) {
            int clientPort = peer.socket().getLocalPort();
            byte[] partial = Arrays.copyOf(frame("a frame that never ends"), 10);
            peer.send(partial);
            peer.leave(Departure.HALF_CLOSE);
            assertEquals(0, peer.receiveUntilClosed().length, "nothing of the cut frame is echoed");
            server.awaitStderr("127.0.0.1:" + clientPort + ": closing: end of stream after");
            awaitGone(clientPort);
        }
    }

    @Test
    void resetsMidFrameDropOnlyThoseClients() throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            HostilePeer peer = HostilePeer.connect(server.port());
            try {
                ports.add(peer.socket().getLocalPort());
                peer.send(header(1000));
                peer.send(new byte[1 + i]);
                peer.leave(Departure.RESET);
            } finally {
                peer.close();
            }
        }
        for (int port : ports) {
            server.awaitStderr("client 127.0.0.1:" + port + " gone after");
        }
    }

    @Test
    void aNegativeLengthDropsOnlyThatClientWithOneWarning() throws Exception {
        try (HostilePeer peer = HostilePeer.connect(server.port())) {
            int clientPort = peer.socket().getLocalPort();
            peer.send(frame("fine so far"));
            assertArrayEquals(frame("fine so far"), peer.receive(frame("fine so far").length));
            sendRegardless(peer, header(-5));
            assertEquals(0, peer.receiveUntilClosed().length);
            String log = server.awaitStderr("127.0.0.1:" + clientPort + ": closing: a frame header declares a length of -5");
            assertTrue(log.contains("WARN  MessageSocket - frame-echo 127.0.0.1:" + clientPort), log);
            awaitGone(clientPort);
        }
    }

    @Test
    void aLengthOverTheMaximumDropsOnlyThatClientBeforeItsPayloadIsBuffered() throws Exception {
        try (HostilePeer peer = HostilePeer.connect(server.port())) {
            int clientPort = peer.socket().getLocalPort();
            sendRegardless(peer, header(MAX + 1));
            assertEquals(0, peer.receiveUntilClosed().length);
            server.awaitStderr("127.0.0.1:" + clientPort + ": closing: a frame header declares " + (MAX + 1)
                + " bytes, more than the maximum of " + MAX);
        }
        try (HostilePeer peer = HostilePeer.connect(server.port())) {
            byte[] atTheMax = frame(new byte[MAX]);
            peer.send(atTheMax);
            assertArrayEquals(atTheMax, peer.receive(atTheMax.length), "a frame of exactly --max-frame is echoed");
        }
    }

    @Test
    void aHundredClientsAtOnceAreEachServed() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                clients.add(connect(server.port()));
            }
            for (int i = 0; i < clients.size(); i++) {
                send(clients.get(i), frame("client " + i));
            }
            for (int i = 0; i < clients.size(); i++) {
                byte[] expected = frame("client " + i);
                assertArrayEquals(expected, receive(clients.get(i), expected.length), "client " + i);
            }
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }
}
