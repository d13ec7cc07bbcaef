package dev.tcpip.echo;

import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.echo.Frames.assertFrameEchoed;
import static dev.tcpip.echo.Frames.frame;
import static dev.tcpip.echo.Frames.frames;
import static dev.tcpip.echo.Frames.header;
import static dev.tcpip.echo.Frames.readFrame;
import static dev.tcpip.echo.Sockets.connect;
import static dev.tcpip.echo.Sockets.receiveUntilClosed;
import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frame echo ({@code --framing length --clients many}) in-process, on port 0, driven by blocking sockets. */
@ExtendWith(VertxExtension.class)
class FrameEchoServerTest {
    /** The largest frame of these tests' server: 1 MiB, so that a 1 MiB frame is exactly at the limit. */
    private static final int MAX = 1024 * 1024;

    private Vertx vertx;
    private FrameEchoServer server;

    @BeforeEach
    void deploy(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.server = new FrameEchoServer(Sockets.HOST, 0, MAX);
        await(vertx.deployVerticle(server));
    }

    @Test
    void listensOnAFreePortWhenAskedForPortZeroAndKeepsItsMaximum() {
        assertTrue(server.port() > 0, "port " + server.port());
        assertEquals(MAX, server.maxFrame());
        assertEquals(5000, new FrameEchoServer(Sockets.HOST, 5000, 10).port(), "before deployment, the port asked for");
    }

    @Test
    void severalClientsAtOnceEachGetTheirOwnFramesBack() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                clients.add(connect(server.port()));
            }
            // Every client sends before any reads: they are all being served at the same time.
            for (int i = 0; i < clients.size(); i++) {
                send(clients.get(i), frame("client " + i + " first"));
            }
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < clients.size(); i++) {
                    String expected = round == 0 ? "client " + i + " first" : "client " + i + " round " + round;
                    assertArrayEquals(frame(expected), receive(clients.get(i), frame(expected).length));
                    if (round < 2) {
                        send(clients.get(i), frame("client " + i + " round " + (round + 1)));
                    }
                }
            }
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    @Test
    void framesCoalescedInOneWriteComeBackAsTheSameFrames() throws Exception {
        try (Socket s = connect(server.port())) {
            byte[] three = frames("one", "two", "three");
            send(s, three);
            assertArrayEquals(three, receive(s, three.length));
        }
    }

    @Test
    void aFrameSplitOneBytePerWriteIsEchoedWhole() throws Exception {
        try (Socket s = connect(server.port())) {
            byte[] frame = frame("split into single bytes");
            for (byte b : frame) {
                send(s, new byte[] {b});
            }
            assertArrayEquals(frame, receive(s, frame.length));
        }
    }

    @Test
    void aZeroLengthFrameIsEchoedAsAZeroLengthFrame() throws Exception {
        try (Socket s = connect(server.port())) {
            send(s, frame(new byte[0]));
            assertArrayEquals(new byte[] {0, 0, 0, 0}, receive(s, 4));
            assertFrameEchoed(s, "and the next one");
        }
    }

    @Test
    void aOneMiBFrameAtTheMaximumIsEchoedByteForByte() throws Exception {
        byte[] payload = new byte[MAX];
        new Random(13).nextBytes(payload);
        try (Socket s = connect(server.port())) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    send(s, frame(payload));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertArrayEquals(payload, readFrame(s));
            sent.get(Sockets.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aNegativeLengthDropsOnlyThatClient() throws Exception {
        assertDropsOnlyThatClient(header(-1));
        assertDropsOnlyThatClient(header(Integer.MIN_VALUE));
    }

    @Test
    void aLengthOverTheMaximumDropsOnlyThatClient() throws Exception {
        assertDropsOnlyThatClient(header(MAX + 1));
        assertDropsOnlyThatClient(header(Integer.MAX_VALUE));
    }

    /** A bystander served before and after; the offender gets nothing back and is closed. */
    private void assertDropsOnlyThatClient(byte[] offence) throws Exception {
        try (Socket bystander = connect(server.port()); Socket offender = connect(server.port())) {
            assertFrameEchoed(bystander, "before");
            assertFrameEchoed(offender, "a good frame first");
            send(offender, offence);
            assertEquals(0, receiveUntilClosed(offender).length, "the offender is closed, nothing echoed");
            assertFrameEchoed(bystander, "after");
        }
        try (Socket next = connect(server.port())) {
            assertFrameEchoed(next, "a new client is served too");
        }
    }

    @Test
    void aClientThatHalfClosesAfterWholeFramesGetsTheirEchoesThenEndOfStream() throws Exception {
        try (Socket s = connect(server.port())) {
            byte[] two = frames("last", "words");
            send(s, two);
            s.shutdownOutput();
            assertArrayEquals(two, receiveUntilClosed(s));
        }
    }

    @Test
    void undeployingClosesTheClientsAndReleasesThePort() throws Exception {
        int port = server.port();
        try (Socket s = connect(port)) {
            assertFrameEchoed(s, "about to stop");
            await(vertx.undeploy(vertx.deploymentIDs().iterator().next()));
            assertEquals(0, receiveUntilClosed(s).length, "the client sees the server close");
        }
        // Not at once: the JDK closes the listening channel at the acceptor's next select (see RawSockets).
        RawSockets.assertRefusedEventually(port);
    }
}
