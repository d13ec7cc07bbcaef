package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviours 4 and 7: raw bytes, no framing added; read(n) and readLine semantics. */
class BytesTest extends TestSupport {

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void b04_writeLinesSendsBuffersBackToBackInOneWriteWithNoFraming() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            byte[] a = pattern(22, 1);
            byte[] b = pattern(22, 2);
            byte[] c = pattern(5, 3);
            await(server.writeLines(List.of(Buffer.buffer(a), Buffer.buffer(b), Buffer.buffer(c))));
            assertArrayEquals(Buffer.buffer(a).appendBytes(b).appendBytes(c).getBytes(), receive(peer, 49));
        }
    }

    @Test
    void b04_readExactlyReadsExactlyTheSizeAskedForFromOneStream() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            byte[] three = Buffer.buffer(pattern(22, 1)).appendBytes(pattern(22, 2)).appendBytes(pattern(22, 3)).getBytes();
            send(peer, three);
            assertArrayEquals(pattern(22, 1), await(server.readExactly(22)).getBytes());
            assertArrayEquals(pattern(22, 2), await(server.readExactly(22)).getBytes());
            assertArrayEquals(pattern(22, 3), await(server.readExactly(22)).getBytes());
            assertEquals(0, await(server.readExactly(0)).length());
            // A struct split over many small writes is reassembled.
            Future<Buffer> big = server.readExactly(10_000);
            byte[] payload = pattern(10_000, 9);
            for (int i = 0; i < payload.length; i += 1024) {
                send(peer, java.util.Arrays.copyOfRange(payload, i, Math.min(payload.length, i + 1024)));
            }
            assertArrayEquals(payload, await(big).getBytes());
        }
    }

    @Test
    void b07_readReturnsUpToNBytesAsSoonAsAnyAreThereAndLeavesTheRest() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            Future<Buffer> pending = server.read(100);
            send(peer, "abcdef");
            Buffer first = await(pending);
            assertTrue(first.length() >= 1 && first.length() <= 6, "got " + first);
            Buffer all = first.copy();
            List<Integer> sizes = new ArrayList<>();
            while (all.length() < 6) {
                Buffer more = await(server.read(2));
                sizes.add(more.length());
                all.appendBuffer(more);
            }
            assertEquals("abcdef", all.toString());
            assertTrue(sizes.stream().allMatch(n -> n >= 1 && n <= 2), "read(2) sizes " + sizes);
            send(peer, "ghij");
            Buffer two = await(server.read(2));
            assertEquals(2, two.length(), "read(n) with more available returns exactly n");
            assertEquals("gh", two.toString());
            assertEquals("ij", await(server.readExactly(2)).toString());
        }
    }

    @Test
    void b07_atEndOfStreamReadReturnsEmptyAndDoesNotClose() throws Exception {
        ConnectLog log = new ConnectLog();
        OneClientServer server = deploy(new OneClientServer(
            new ServerOptions().setMonitorConnectionInterval(java.time.Duration.ZERO), log.callback()));
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        send(peer, "xyz");
        peer.close();
        assertEquals("xyz", await(server.readExactly(3)).toString());
        assertEquals(0, await(server.read(10)).length());
        assertEquals(0, await(server.read(10)).length());
        assertEquals(List.of(true), log.calls(), "read(n) at end of stream must not close or call back");
        assertTrue(server.shouldBeConnected());
    }

    @Test
    void b07_readLineReturnsThePartialLineThenEmptyAtEndOfStream() throws Exception {
        OneClientServer server = deploy(new OneClientServer(
            new ServerOptions().setMonitorConnectionInterval(java.time.Duration.ZERO)));
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        send(peer, "line one\r\nno newline");
        peer.close();
        assertEquals("line one\r\n", await(server.readLine()).toString());
        assertEquals("no newline", await(server.readLine()).toString());
        assertEquals("", await(server.readLine()).toString());
    }
}
