package dev.tcpip.services.endpoint;

import dev.tcpip.core.LineTooLongException;
import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** pysocklib's wire: delimited messages, as a plain socket sees them. */
class LineWireTest extends EndpointTest {
    private static QueueEndpointOptions oneClient() {
        return serverOptions().setReconnect(ReconnectPolicy.never());
    }

    @Test
    void aSentStringIsEncodedInTheCharsetAndFollowedByTheDelimiter() throws Exception {
        ServerSender<String> server = started(ServerSender.create(vertx, oneClient()));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            server.offer("héllo", WAIT);
            byte[] expected = "h\u00e9llo\r\n".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, RawSockets.receive(peer, expected.length));
        }
    }

    @Test
    void aSentStringIsEncodedInAnotherCharsetWhenConfigured() throws Exception {
        ServerSender<String> server = started(ServerSender.create(vertx, oneClient().setCharset(StandardCharsets.ISO_8859_1)));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            server.offer("héllo", WAIT);
            assertArrayEquals(new byte[] {'h', (byte) 0xE9, 'l', 'l', 'o', '\r', '\n'}, RawSockets.receive(peer, 7));
        }
    }

    @Test
    void sentBytesAreFollowedByTheDelimiterAndOtherwiseUnchanged() throws Exception {
        ServerSender<Buffer> server = started(new ServerSender<>(vertx, oneClient(), PayloadCodec.bytes(), null));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            byte[] raw = {0, (byte) 0xFF, 'r', 'a', 'w', 1};
            server.offer(Buffer.buffer(raw), WAIT);
            assertArrayEquals(new byte[] {0, (byte) 0xFF, 'r', 'a', 'w', 1, '\r', '\n'}, RawSockets.receive(peer, 8));
        }
    }

    @Test
    void theReceiverDeliversEachFrameWithoutTheDelimiterAsBytesInOrder() throws Exception {
        ServerReceiver<Buffer> server = started(new ServerReceiver<>(vertx, oneClient(), PayloadCodec.bytes(), null));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            RawSockets.send(peer, "one\r\ntwo\r\n\r\nthree\r\n");
            List<String> got = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                got.add(server.receive(WAIT).toString(StandardCharsets.UTF_8));
            }
            assertEquals(List.of("one", "two", "", "three"), got);
        }
    }

    @Test
    void aFrameSplitAcrossManyReadsIsReassembled() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, oneClient()));
        String big = "x".repeat(10_000);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            peer.setTcpNoDelay(true);
            byte[] bytes = (big + "\r\n").getBytes(StandardCharsets.US_ASCII);
            OutputStream out = peer.getOutputStream();
            for (int at = 0; at < bytes.length; at += 1024) {
                out.write(bytes, at, Math.min(1024, bytes.length - at));
                out.flush();
            }
            assertEquals(big, server.receive(WAIT));
        }
    }

    @Test
    void severalFramesArrivingInOneReadAreDeliveredAsSeparateMessages() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, oneClient()));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            RawSockets.send(peer, "a\r\nb\r\nc\r\n");
            assertEquals(List.of("a", "b", "c"), take(server, 3));
        }
    }

    @Test
    void aCustomDelimiterIsHonouredForSearchingAndSplitting() throws Exception {
        Server<String> server = started(Server.create(vertx, oneClient().setDelimiter("\n")));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            RawSockets.send(peer, "one\ntwo\n");
            assertEquals(List.of("one", "two"), take(server, 2));
            server.offer("three", WAIT);
            assertArrayEquals("three\n".getBytes(StandardCharsets.US_ASCII), RawSockets.receive(peer, 6));
        }
    }

    @Test
    void aFrameLongerThanTheMaximumFailsTheConnectionWithAClearError() throws Exception {
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        ServerReceiver<String> server = ServerReceiver.create(vertx, serverOptions().setMaxMessageLength(100));
        server.exceptionHandler(error::complete);
        started(server);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            // Never a delimiter: the connection fails once the maximum is passed, not when memory runs out.
            RawSockets.send(peer, "y".repeat(5000));
            assertInstanceOf(LineTooLongException.class, error.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            RawSockets.assertClosedByPeer(peer);
        }
        assertEquals(0, server.received().size());
        // It serves the next client: one bad peer does not end a reconnecting server.
        try (Socket next = RawSockets.rawConnect(server.port())) {
            RawSockets.send(next, "fine\r\n");
            assertEquals("fine", server.receive(WAIT));
        }
    }

    @Test
    void aTrailingPartialFrameAtEndOfStreamIsReportedNotDroppedSilently() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions()));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            RawSockets.send(peer, "complete\r\npartial");
        }
        assertEquals("complete", server.receive(WAIT));
        awaitCondition("the partial message counted", () -> server.partialMessages() == 1);
        assertNull(server.received().take(java.time.Duration.ofMillis(50)), "the partial message is not queued");
    }

    @Test
    void aMessageLongerThanTheMaximumIsNotSentAndIsReported() throws Exception {
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        ServerSender<String> server = ServerSender.create(vertx, oneClient().setMaxMessageLength(10));
        server.exceptionHandler(error::complete);
        started(server);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedWithin(WAIT));
            server.offer("much too long for ten", WAIT);
            server.offer("ok", WAIT);
            assertArrayEquals("ok\r\n".getBytes(StandardCharsets.US_ASCII), RawSockets.receive(peer, 4));
            assertInstanceOf(IllegalArgumentException.class, error.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(1, server.unsendableMessages());
        }
    }
}
