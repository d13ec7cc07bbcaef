package dev.tcpip.echo;

import dev.tcpip.core.ServerOptions;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.echo.Sockets.assertEchoes;
import static dev.tcpip.echo.Sockets.connect;
import static dev.tcpip.echo.Sockets.receiveText;
import static dev.tcpip.echo.Sockets.receiveUntilClosed;
import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The echo server in-process, on port 0, driven by plain blocking sockets. */
@ExtendWith(VertxExtension.class)
class EchoServerTest {
    private static final int LIMIT = 64 * 1024;

    private Vertx vertx;
    private EchoServer server;

    @BeforeEach
    void deploy(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.server = new EchoServer(Sockets.HOST, 0);
        await(vertx.deployVerticle(server));
    }

    /** Waits until the server has let its client go, so the next connection is served, not rejected. */
    private void awaitNoClient() {
        awaitCondition("the server has no client", () -> !server.connected() && server.remoteAddress() == null);
    }

    @Test
    void listensOnAFreePortWhenAskedForPortZero() {
        assertTrue(server.port() > 0, "port " + server.port());
        assertEquals(EchoServer.DEFAULT_PORT, new EchoServer(Sockets.HOST, EchoServer.DEFAULT_PORT).port());
    }

    @Test
    void echoesSeveralLines() throws Exception {
        try (Socket s = connect(server.port())) {
            assertEchoes(s, "hello\r\n");
            assertEchoes(s, "\r\n");
            assertEchoes(s, "héllo wörld ✓\r\n");
            assertEchoes(s, "a line with a bare \n inside and a tab\t\r\n");
        }
    }

    @Test
    void echoesALineSplitAcrossWrites() throws Exception {
        try (Socket s = connect(server.port())) {
            send(s, "hel");
            send(s, "lo wor");
            send(s, "ld\r");
            send(s, "\nnext");
            send(s, " line\r\n");
            assertEquals("hello world\r\nnext line\r\n", receiveText(s, "hello world\r\nnext line\r\n"));
        }
    }

    @Test
    void echoesSeveralLinesSentInOneWrite() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            all.append("line ").append(i).append("\r\n");
        }
        try (Socket s = connect(server.port())) {
            send(s, all.toString());
            assertEquals(all.toString(), receiveText(s, all.toString()));
            assertEchoes(s, "still there\r\n");
        }
    }

    @Test
    void echoesManyLinesFromAClientThatWritesFasterThanItReads() throws Exception {
        // 2 MB of lines written by one thread while another reads: the echo must come back whole and in
        // order, whatever backpressure the server applies.
        byte[] line = ("x".repeat(98) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int lines = 20_000;
        try (Socket s = connect(server.port())) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < lines; i++) {
                        s.getOutputStream().write(line);
                    }
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] echoed = receive(s, line.length * lines);
            writer.get(Sockets.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < lines; i++) {
                assertArrayEquals(line, Arrays.copyOfRange(echoed, i * line.length, (i + 1) * line.length), "line " + i);
            }
        }
    }

    @Test
    void echoesBinaryGarbageByteForByte() throws Exception {
        byte[] garbage = new byte[16 * 1024];
        new Random(42).nextBytes(garbage);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (int b = 0; b < 256; b++) {
            message.write(b); // every byte value, NUL and bare CR and LF included
        }
        message.write(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        message.writeBytes(garbage);
        message.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] sent = message.toByteArray();
        try (Socket s = connect(server.port())) {
            send(s, sent);
            assertArrayEquals(sent, receive(s, sent.length));
            assertEchoes(s, "text after garbage\r\n");
        }
    }

    @Test
    void echoesALineExactlyAtTheLimit() throws Exception {
        String line = "a".repeat(LIMIT) + "\r\n";
        try (Socket s = connect(server.port())) {
            assertEchoes(s, line);
            assertEchoes(s, "short\r\n");
        }
    }

    @Test
    void rejectsASecondClientWhileTheFirstKeepsWorking() throws Exception {
        try (Socket first = connect(server.port())) {
            assertEchoes(first, "first\r\n");
            try (Socket second = connect(server.port())) {
                assertEquals(-1, second.getInputStream().read(), "the second client reads end of stream");
            }
            assertEchoes(first, "first again\r\n");
            assertEquals(first.getLocalSocketAddress(), toJava(server.remoteAddress()));
        }
    }

    @Test
    void servesTheNextClientAfterADisconnectMidLine() throws Exception {
        try (Socket first = connect(server.port())) {
            assertEchoes(first, "whole\r\n");
            send(first, "half a li");
            first.shutdownOutput();
            assertEquals(0, receiveUntilClosed(first).length, "the unterminated rest is not echoed");
        }
        awaitNoClient();
        try (Socket next = connect(server.port())) {
            assertEchoes(next, "next client\r\n");
        }
    }

    @Test
    void servesTheNextClientAfterAnAbruptClose() throws Exception {
        Socket first = connect(server.port());
        assertEchoes(first, "one\r\n");
        send(first, "never finished");
        first.setSoLinger(true, 0); // close with RST, the rudest way to leave
        first.close();
        awaitNoClient();
        try (Socket next = connect(server.port())) {
            assertEchoes(next, "next client\r\n");
        }
    }

    @Test
    void anOverlongLineDropsThatClientAndTheNextIsServed() throws Exception {
        try (Socket first = connect(server.port())) {
            assertEchoes(first, "before\r\n");
            send(first, "y".repeat(LIMIT + 10_000));
            assertEquals(0, receiveUntilClosed(first).length, "the overlong line is not echoed; the client is closed");
        }
        awaitNoClient();
        try (Socket next = connect(server.port())) {
            assertEchoes(next, "after the overlong line\r\n");
        }
    }

    @Test
    void anOverlongLineWithItsTerminatorAlsoDropsTheClient() throws Exception {
        try (Socket first = connect(server.port())) {
            send(first, "z".repeat(LIMIT + 1) + "\r\nsecond line\r\n");
            assertEquals(0, receiveUntilClosed(first).length);
        }
        awaitNoClient();
        try (Socket next = connect(server.port())) {
            assertEchoes(next, "served\r\n");
        }
    }

    @Test
    void honoursTheLineLimitAndTerminatorOfItsOptions() throws Exception {
        EchoServer custom = new EchoServer(new ServerOptions().setHost(Sockets.HOST).setPort(0)
            .setTerminator("\n").setMaxLineLength(8));
        await(vertx.deployVerticle(custom));
        try (Socket s = connect(custom.port())) {
            assertEchoes(s, "12345678\n");
            assertEchoes(s, "a\r\n");
            send(s, "123456789\n");
            assertEquals(0, receiveUntilClosed(s).length);
        }
    }

    @Test
    void undeployingClosesTheClientAndReleasesThePort() throws Exception {
        int port = server.port();
        try (Socket s = connect(port)) {
            assertEchoes(s, "bye\r\n");
            String id = server.deploymentID();
            await(vertx.undeploy(id));
            assertEquals(0, receiveUntilClosed(s).length);
        }
        assertTrue(server.doneFuture().isComplete());
        // Not at once: the JDK closes the listening channel at the acceptor's next select (see RawSockets).
        RawSockets.assertRefusedEventually(port);
    }

    @Test
    void previewEscapesAndBoundsLogText() {
        assertEquals("\"ab\\r\\n\"", EchoServer.preview(Buffer.buffer("ab\r\n")));
        assertEquals("\"\\x00\\xff\\\"\\\\\"", EchoServer.preview(Buffer.buffer(new byte[] {0, (byte) 0xFF, '"', '\\'})));
        String longPreview = EchoServer.preview(Buffer.buffer("q".repeat(1000)));
        assertTrue(longPreview.endsWith("\"..."), longPreview);
        assertFalse(longPreview.length() > 70, longPreview);
    }

    private static java.net.SocketAddress toJava(io.vertx.core.net.SocketAddress address) {
        return new java.net.InetSocketAddress(address.host(), address.port());
    }
}
