package dev.tcpip.testkit;

import dev.tcpip.testkit.HostilePeer.Departure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostilePeerTest {

    private static ServerSocket listener() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static Socket accept(ServerSocket listener) throws IOException {
        Socket s = listener.accept();
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void eachDepartureLooksToTheServerAsItsName() throws Exception {
        try (ServerSocket listener = listener()) {
            for (Departure how : Departure.values()) {
                HostilePeer peer = HostilePeer.connect(listener.getLocalPort());
                try (Socket server = accept(listener)) {
                    peer.send(new byte[] {1, 2, 3});
                    InputStream in = server.getInputStream();
                    assertArrayEquals(new byte[] {1, 2, 3}, in.readNBytes(3), how.name());
                    peer.leave(how);
                    switch (how) {
                        case RESET -> {
                            SocketException e = assertThrows(SocketException.class, in::read);
                            assertTrue(e.getMessage().toLowerCase().contains("reset"), e.getMessage());
                        }
                        case CLOSE -> assertEquals(-1, in.read());
                        case HALF_CLOSE -> {
                            assertEquals(-1, in.read());
                            server.getOutputStream().write(7);   // the half-closed peer still reads
                            server.shutdownOutput();             // ... up to the FIN that follows
                            assertArrayEquals(new byte[] {7}, peer.receiveUntilClosed());
                        }
                    }
                } finally {
                    peer.close();
                }
            }
        }
    }

    @Test
    void aFloodStallsAgainstAServerThatDoesNotRead() throws Exception {
        try (ServerSocket listener = listener()) {
            listener.setReceiveBufferSize(16 * 1024);
            try (HostilePeer.Flood flood = HostilePeer.floodUntilStalled(listener.getLocalPort(), new byte[] {'x'},
                     Duration.ofMillis(200), Duration.ofSeconds(10));
                 Socket server = accept(listener)) {
                assertTrue(flood.sent() > 0);
                byte[] all = server.getInputStream().readNBytes((int) Math.min(flood.sent(), 4096));
                assertEquals('x', all[all.length - 1]);
            }
        }
    }
}
