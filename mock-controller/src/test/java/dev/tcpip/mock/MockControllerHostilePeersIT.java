package dev.tcpip.mock;

import dev.tcpip.struct.Structs;
import dev.tcpip.struct.message.StandardHeader;
import dev.tcpip.testkit.HostilePeer;
import dev.tcpip.testkit.HostilePeer.Departure;
import dev.tcpip.testkit.ServerProcess;
import io.vertx.core.buffer.Buffer;
import javolution.io.Struct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tcpip.mock.MockProcess.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mock-controller jar attacked from outside, as a process started with a 32 MiB heap: unknown ids, wrong
 * and absurd body sizes, random garbage, a connection storm, a command flood that never reads, and hundreds
 * of resets and half-closes in the middle of a message. After each attack the process is alive, has logged no
 * stack trace, and serves a normal client (a command is acked, telemetry flows).
 */
class MockControllerHostilePeersIT {
    /** A small heap, and death on OutOfMemoryError rather than a half-working process. */
    static final List<String> SMALL_HEAP = List.of("-Xmx32m", "-XX:+ExitOnOutOfMemoryError");

    @TempDir
    static Path dir;

    static ServerProcess controller;

    /** Where this test's part of the log starts. */
    private int logMark;

    @BeforeAll
    static void startController() throws Exception {
        controller = MockProcess.start(MockProcess.jar(), dir, SMALL_HEAP, "--port", "0");
    }

    @AfterAll
    static void stopController() throws Exception {
        if (controller == null) {
            return;
        }
        try {
            int status = controller.terminate();
            assertEquals(143, status, "after SIGTERM, as --help says");
        } finally {
            controller.close();
        }
    }

    @BeforeEach
    void markTheLog() throws Exception {
        logMark = controller.stderrText().length();
    }

    private String log() throws IOException {
        return controller.stderrText().substring(logMark);
    }

    /** The proof after every attack: alive, no stack trace in its part of the log, and a normal client is served. */
    @AfterEach
    void theControllerIsAliveAndServesANormalClient() throws Exception {
        assertTrue(controller.isAlive(), "the controller process is still running");
        try (Client client = Client.served()) {
            client.send(MockProtocol.MOVE, 2, move(10, 10));
            Ack ack = client.nextAck();
            assertEquals(MockProtocol.MOVE, ack.commandId.get());
            assertEquals(2, ack.commandSequence.get());
            assertEquals(MockProtocol.ACCEPTED, ack.result.get(), ack.text.get());
            assertTrue(client.nextTelemetry().counter.get() >= 1, "telemetry flows");
        }
        assertNoStackTrace(log());
    }

    static MoveCommand move(double azimuth, double elevation) {
        MoveCommand m = new MoveCommand();
        m.azimuth.set(azimuth);
        m.elevation.set(elevation);
        return m;
    }

    static byte[] frame(long id, long sequence, Struct body) {
        return Structs.encode(Peer.header(id, sequence, body.size()), body).getBytes();
    }

    static byte[] header(long id, long sequence, long bodySize) {
        return Structs.encode(Peer.header(id, sequence, bodySize)).getBytes();
    }

    /** A raw client of the controller on a blocking socket: commands out, messages in, read by the caller. */
    static final class Client implements AutoCloseable {
        final HostilePeer peer;
        final InputStream in;
        /** The header sequence of the last message read, to check that none is missing. */
        long lastSequence;
        long lastCounter;

        Client(HostilePeer peer) throws IOException {
            this.peer = peer;
            this.in = new BufferedInputStream(peer.socket().getInputStream());
        }

        /** Connects until the controller serves this client (it acks a stop command, sequence 1). */
        static Client served() throws Exception {
            long deadline = System.nanoTime() + MockProcess.DEADLINE.toNanos();
            while (System.nanoTime() - deadline < 0) {
                Client c = new Client(HostilePeer.connect(controller.port()));
                try {
                    c.send(MockProtocol.STOP, 1, StopCommand.of(MockProtocol.AXIS_BOTH));
                    Ack ack = c.nextAck();
                    assertEquals(1, ack.commandSequence.get());
                    return c;
                } catch (IOException rejected) {
                    c.close();   // turned away as an extra client: try again
                }
            }
            throw new AssertionError("no client served within " + MockProcess.DEADLINE);
        }

        void send(long id, long sequence, Struct body) throws IOException {
            peer.send(frame(id, sequence, body));
        }

        /** The next message: its header, and its body's bytes. Checks that sequences go up by one. */
        Buffer next(StandardHeader header) throws IOException {
            byte[] h = in.readNBytes(StandardHeader.SIZE);
            if (h.length < StandardHeader.SIZE) {
                throw new IOException("end of stream inside a header");
            }
            Structs.decode(Buffer.buffer(h), 0, header);
            int size = (int) header.bodySize();
            byte[] body = in.readNBytes(size);
            if (body.length < size) {
                throw new IOException("end of stream inside a body");
            }
            if (lastSequence != 0) {
                assertEquals(lastSequence + 1, header.sequence(), "the controller's header sequence has no gap");
            }
            lastSequence = header.sequence();
            return Buffer.buffer(body);
        }

        Ack nextAck() throws IOException {
            StandardHeader h = new StandardHeader();
            while (true) {
                Buffer body = next(h);
                if (h.messageId() == MockProtocol.ACK) {
                    return Structs.decode(body, 0, new Ack());
                }
                checkTelemetry(h, body);
            }
        }

        Telemetry nextTelemetry() throws IOException {
            StandardHeader h = new StandardHeader();
            while (true) {
                Buffer body = next(h);
                if (h.messageId() == MockProtocol.TELEMETRY) {
                    return checkTelemetry(h, body);
                }
                throw new AssertionError("an unexpected " + h);
            }
        }

        private Telemetry checkTelemetry(StandardHeader h, Buffer body) {
            assertEquals(MockProtocol.TELEMETRY, h.messageId(), "not an ack: telemetry");
            Telemetry t = Structs.decode(body, 0, new Telemetry());
            assertEquals(lastCounter + 1, t.counter.get(), "the telemetry counter has no gap");
            lastCounter = t.counter.get();
            return t;
        }

        @Override
        public void close() throws IOException {
            peer.close();
        }
    }

    /** Sends, ignoring a reset or broken pipe: the controller may drop the peer while it is still sending. */
    private static void sendRegardless(HostilePeer peer, byte[] bytes) {
        try {
            peer.send(bytes);
        } catch (IOException dropped) {
            // expected when the controller has closed the connection first
        }
    }

    @Test
    void unknownIdsAndWrongSizesWithinTheLimitAreRejectedAndTheClientIsStillServed() throws Exception {
        try (Client client = Client.served()) {
            client.peer.send(header(77, 5, 3)).send(new byte[] {1, 2, 3});
            client.peer.send(header(MockProtocol.MOVE, 6, 8)).send(new byte[8]);
            client.peer.send(header(MockProtocol.ACK, 7, 74)).send(new byte[74]);
            client.peer.send(header(0xFFFF_FFFFL, 8, 0));
            long[][] expected = {
                {77, 5, MockProtocol.REJECTED_UNKNOWN_COMMAND},
                {MockProtocol.MOVE, 6, MockProtocol.REJECTED_BAD_SIZE},
                {MockProtocol.ACK, 7, MockProtocol.REJECTED_UNKNOWN_COMMAND},
                {0xFFFF_FFFFL, 8, MockProtocol.REJECTED_UNKNOWN_COMMAND},
            };
            for (long[] e : expected) {
                Ack ack = client.nextAck();
                assertEquals(e[0], ack.commandId.get(), ack.text.get());
                assertEquals(e[1], ack.commandSequence.get());
                assertEquals(e[2], ack.result.get(), ack.text.get());
            }
            client.send(MockProtocol.MOVE, 9, move(1, 1));
            assertEquals(MockProtocol.ACCEPTED, client.nextAck().result.get(), "still in step");
        }
    }

    /**
     * Body sizes no command has and that are above the 64 KiB limit (for unknown and known ids, with or
     * without the body sent), and random garbage: the client is dropped, and the log says which client and
     * why; the controller never reads, buffers or allocates such a body.
     */
    @Test
    void absurdSizesAndGarbageDropOnlyThatClientWithALogLineNamingIt() throws Exception {
        long[][] headers = {
            {77, 0xFFFF_FFFFL},
            {MockProtocol.MOVE, 0x8000_0000L},
            {MockProtocol.TELEMETRY, 65_537},
            {MockProtocol.CONFIGURE, 1 << 20},
        };
        for (long[] h : headers) {
            try (Client client = Client.served()) {
                int clientPort = client.peer.socket().getLocalPort();
                sendRegardless(client.peer, header(h[0], 9, h[1]));
                if (h[1] == 1 << 20) {
                    sendRegardless(client.peer, new byte[1 << 20]);
                }
                client.peer.receiveUntilClosed();
                controller.awaitStderr("dropping client 127.0.0.1:" + clientPort + ": message id " + h[0]
                    + " (sequence 9) declares a body of " + h[1] + " bytes");
            }
        }
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        try (Client client = Client.served()) {
            int clientPort = client.peer.socket().getLocalPort();
            sendRegardless(client.peer, garbage);
            client.peer.receiveUntilClosed();
            controller.awaitStderr("dropping client 127.0.0.1:" + clientPort + ": ");
        }
    }

    /**
     * While a first client receives telemetry, 300 more connect: each reads end of stream (within its 10 s read
     * timeout), nothing of the first client's connection changes (no gap in its telemetry counter or header
     * sequence, no disconnect in the log), and its commands are acked in order afterwards.
     */
    @Test
    void aStormOf300ExtraClientsIsTurnedAwayAndTheServedClientNoticesNothing() throws Exception {
        try (Client first = Client.served()) {
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Long> telemetryRead = CompletableFuture.supplyAsync(() -> {
                long samples = 0;
                try {
                    while (!stop.get()) {
                        first.nextTelemetry();
                        samples++;
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
                return samples;
            });
            List<Socket> extras = new ArrayList<>();
            try {
                for (int i = 0; i < 300; i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress(HostilePeer.LOOPBACK, controller.port()), 10_000);
                    s.setSoTimeout(10_000);
                    extras.add(s);
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
            stop.set(true);
            assertTrue(telemetryRead.get(10, TimeUnit.SECONDS) >= 1, "telemetry went on during the storm");
            for (long s = 100; s < 120; s++) {
                first.send(MockProtocol.STOP, s, StopCommand.of(MockProtocol.AXIS_AZIMUTH));
            }
            for (long s = 100; s < 120; s++) {
                Ack ack = first.nextAck();
                assertEquals(s, ack.commandSequence.get());
                assertEquals(MockProtocol.ACCEPTED, ack.result.get(), ack.text.get());
            }
            String storm = log();
            // Only this client: under load the line of the client of the check before may land in this part.
            String served = "client 127.0.0.1:" + first.peer.socket().getLocalPort() + " gone after";
            assertFalse(storm.contains(served), "the served client was not disturbed:\n" + storm);
            assertTrue(storm.split("rejecting client", -1).length - 1 >= 300, "each extra is rejected");
        }
    }

    /**
     * A client that sends commands and never reads the acks and telemetry, until every buffer is full and the
     * controller (32 MiB of heap) has stopped reading; then it resets the connection. The controller lives on.
     */
    @Test
    void aCommandFloodThatNeverReadsCannotExhaustTheHeapAndTheNextClientIsServed() throws Exception {
        byte[] stop = frame(MockProtocol.STOP, 1, StopCommand.of(MockProtocol.AXIS_BOTH));
        long deadline = System.nanoTime() + MockProcess.DEADLINE.toNanos();
        while (true) {
            SocketChannel flood = SocketChannel.open(new InetSocketAddress(HostilePeer.LOOPBACK, controller.port()));
            try {
                Socket s = flood.socket();
                s.setSoTimeout(10_000);
                s.getOutputStream().write(stop);
                byte[] first = s.getInputStream().readNBytes(StandardHeader.SIZE);
                if (first.length == StandardHeader.SIZE) {
                    // Served (a message came): now flood, never reading again.
                    long sent = HostilePeer.floodUntilStalled(flood, stop, Duration.ofMillis(500), Duration.ofSeconds(30));
                    assertTrue(sent > 1 << 20, "the flood sent " + sent + " bytes before stalling");
                    assertTrue(controller.isAlive(), "alive while the flood is held back");
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
     * 300 clients each send part of a message (7 bytes of a header, or a header and 4 of its 16 body bytes)
     * and leave: by reset, half-close and close in turn. The controller's open file descriptors come back to
     * what they were (within a slack of 5).
     */
    @Test
    void resetsAndHalfClosesMidMessageLeakNoFileDescriptors() throws Exception {
        try (Client settle = Client.served()) {
            settle.nextTelemetry();
        }
        int before = controller.awaitOpenFileDescriptors("a settled count", n -> true);
        byte[] move = frame(MockProtocol.MOVE, 2, move(3, 3));
        Departure[] ways = Departure.values();
        for (int i = 0; i < 300; i++) {
            Client client = Client.served();
            try {
                client.peer.send(Arrays.copyOf(move, i % 2 == 0 ? 7 : StandardHeader.SIZE + 4));
                Departure how = ways[(i / 2) % ways.length];
                client.peer.leave(how);
                if (how == Departure.HALF_CLOSE) {
                    client.peer.receiveUntilClosed();   // telemetry, then end of stream: not left hanging
                }
            } finally {
                client.close();
            }
        }
        if (before >= 0) {
            controller.awaitOpenFileDescriptors("at most " + (before + 5) + " (" + before + " before)",
                n -> n <= before + 5);
        }
    }
}
