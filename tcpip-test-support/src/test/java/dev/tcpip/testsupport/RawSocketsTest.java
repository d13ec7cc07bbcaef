package dev.tcpip.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static dev.tcpip.testsupport.RawSockets.assertClosedByPeer;
import static dev.tcpip.testsupport.RawSockets.assertRefusedEventually;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.receiveAll;
import static dev.tcpip.testsupport.RawSockets.receiveLine;
import static dev.tcpip.testsupport.RawSockets.receiveUntilClosed;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RawSocketsTest {
    private static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 5, InetAddress.getByName(RawSockets.LOOPBACK));
    }

    @Test
    void bytesAndLinesGoBothWays() throws Exception {
        try (ServerSocket listener = listen();
             Socket client = rawConnect(listener.getLocalPort());
             Socket server = listener.accept()) {
            assertEquals(Await.DEFAULT_TIMEOUT.toMillis(), client.getSoTimeout());
            send(client, "héllo\n");
            assertEquals("héllo\n", receiveLine(server));
            send(server, new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, receive(client, 3));
        }
    }

    @Test
    void aReservedPortRefusesConnectionsUntilReleased() throws Exception {
        int port;
        try (Socket reserved = RawSockets.reserveRefusingPort()) {
            port = reserved.getLocalPort();
            assertThrows(java.net.ConnectException.class, () -> rawConnect(port).close());
        }
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            try (Socket client = rawConnect(port)) {
                assertEquals(port, client.getPort(), "released: a server can listen there");
            }
        }
    }

    @Test
    void readingToTheEndReturnsWhatCameBefore() throws Exception {
        try (Socket client = clientOfAPeerThatSaid("last words")) {
            assertArrayEquals("last words".getBytes(StandardCharsets.UTF_8), receiveAll(client));
        }
    }

    /** A client whose peer sent {@code text} and closed; the listener is closed already. */
    private static Socket clientOfAPeerThatSaid(String text) throws IOException {
        try (ServerSocket listener = listen()) {
            Socket client = rawConnect(listener.getLocalPort());
            try (Socket server = listener.accept()) {
                send(server, text);
            }
            return client;
        }
    }

    @Test
    void anEndBeforeTheBytesOrTheLineFailsTheTest() throws Exception {
        try (Socket client = clientOfAPeerThatSaid("ab")) {
            AssertionError e = assertThrows(AssertionError.class, () -> receive(client, 3));
            assertEquals("expected 3 bytes, the stream ended after 2", e.getMessage());
        }
        try (Socket client = clientOfAPeerThatSaid("no end")) {
            AssertionError e = assertThrows(AssertionError.class, () -> receiveLine(client));
            assertEquals("the stream ended before a \\n; got no end", e.getMessage());
        }
    }

    @Test
    void aResetCountsAsClosedByThePeer() throws Exception {
        try (ServerSocket listener = listen();
             Socket client = rawConnect(listener.getLocalPort())) {
            try (Socket server = listener.accept()) {
                send(server, "bye");
                server.setSoLinger(true, 0);   // close with a reset
            }
            byte[] before = receiveUntilClosed(client.getInputStream());
            // A reset may discard what was still in flight: what came is a prefix of what was sent.
            assertEquals("bye".substring(0, before.length), new String(before, StandardCharsets.UTF_8));
        }
        try (ServerSocket listener = listen();
             Socket client = rawConnect(listener.getLocalPort())) {
            listener.accept().close();
            assertClosedByPeer(client);
        }
    }

    @Test
    void connectionsToAClosedListenerAreRefused() throws Exception {
        int port;
        try (ServerSocket listener = listen()) {
            port = listener.getLocalPort();
        }
        assertRefusedEventually(port);
    }
}
