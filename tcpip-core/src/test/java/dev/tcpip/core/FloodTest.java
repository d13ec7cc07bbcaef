package dev.tcpip.core;

import ch.qos.logback.classic.Level;
import dev.tcpip.core.stream.StreamReader;
import dev.tcpip.core.stream.StreamWriter;
import dev.tcpip.testsupport.LeakCheck;
import dev.tcpip.testsupport.StrictLeakDetection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5, floods and backpressure: a peer that sends without reading meets TCP backpressure instead of
 * growing the server's memory; a reader slower than its peer loses nothing; closing a connection in the
 * middle of a flood releases every buffer.
 */
@ExtendWith(StrictLeakDetection.class)
class FloodTest extends TestSupport {
    private static Channel channel(BaseClientOrServer endpoint) {
        return ((NetSocketInternal) endpoint.socket()).channelHandlerContext().channel();
    }

    @Test
    void aPeerThatSendsButNeverReadsStallsAnEchoServerWhoseBuffersStayBoundedAndThenGetsEveryEcho() throws Exception {
        LineEcho server = deploy(new LineEcho(null));
        byte[] line = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\r\n".getBytes(StandardCharsets.US_ASCII);
        try (SocketChannel peer = SocketChannel.open(new InetSocketAddress(Tcpip.LOCALHOST_IPV4, server.port()))) {
            await(server.connectedFuture());
            peer.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocate(line.length * 1024);
            while (chunk.hasRemaining()) {
                chunk.put(line);
            }
            long written = 0;
            int refusals = 0;
            long deadline = System.nanoTime() + TIMEOUT_SECONDS * 1_000_000_000L;
            while (refusals < 1000) {
                assertTrue(System.nanoTime() < deadline, "the flood did not stall in time");
                assertTrue(written < 1L << 30, "the server never pushed back");
                int n = peer.write(chunk);
                written += n;
                if (!chunk.hasRemaining()) {
                    chunk.clear();
                }
                refusals = n == 0 ? refusals + 1 : 0;
            }
            // Stalled: the echo waits for its writes to drain, so the reader stops reading, so the kernel
            // stops accepting. What the server holds is bounded by its limits, not by what was sent.
            int buffered = await(server.onContext(() -> Future.succeededFuture(server.streamReader().available())));
            ChannelOutboundBuffer out = channel(server).unsafe().outboundBuffer();
            long queuedForWrite = out == null ? 0 : out.totalPendingWriteBytes();
            assertTrue(buffered <= StreamReader.READ_AHEAD + 64 * 1024, "reader holds " + buffered + " bytes");
            long writeBound = channel(server).config().getWriteBufferHighWaterMark() + StreamWriter.GATHER_LIMIT + 16L * 64 * 1024;
            assertTrue(queuedForWrite <= writeBound, "write queue holds " + queuedForWrite + " bytes, bound " + writeBound);
            // Now read: every line comes back, complete and in order.
            peer.configureBlocking(true);
            peer.shutdownOutput();
            ByteBuffer in = ByteBuffer.allocate(1 << 16);
            long read = 0;
            long expected = written - written % line.length;
            while (read < expected) {
                in.clear();
                int n = peer.read(in);
                assertTrue(n > 0, "echo ended after " + read + " of " + expected + " bytes");
                for (int i = 0; i < n; i++) {
                    if (in.get(i) != line[(int) ((read + i) % line.length)]) {
                        throw new AssertionError("echo byte " + (read + i) + " differs");
                    }
                }
                read += n;
            }
            assertEquals(expected, read);
        }
    }

    @Test
    void aReaderSlowerThanItsPeerLosesNoJsonLine() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        int lines = 400;
        String padding = "x".repeat(1000);
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                all.append(new JsonObject().put("seq", i).put("pad", padding).encode()).append("\r\n");
            }
            // Everything at once (400 kB, six times the read-ahead); the server reads one line per timer tick.
            Thread sender = new Thread(() -> {
                try {
                    send(peer, all.toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sender.start();
            Promise<Integer> done = Promise.promise();
            slowRead(server, 0, lines, done);
            assertEquals(lines, await(done.future()));
            sender.join(TIMEOUT_SECONDS * 1000);
        }
    }

    private void slowRead(OneClientServer server, int seq, int lines, Promise<Integer> done) {
        if (seq == lines) {
            done.complete(seq);
            return;
        }
        server.readJson().onComplete(ar -> {
            if (ar.failed()) {
                done.fail(ar.cause());
            } else if (((JsonObject) ar.result()).getInteger("seq") != seq) {
                done.fail(new AssertionError("line " + seq + " was " + ar.result()));
            } else {
                vertx.setTimer(1, id -> slowRead(server, seq + 1, lines, done));
            }
        });
    }

    @Test
    void closingConnectionsInTheMiddleOfAFloodReleasesEveryBufferAndLeaksNothing() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        LeakCheck leaks = null;
        try (LogCapture warnings = LogCapture.atLeast(Level.WARN)) {
            for (int cycle = 0; cycle < 35; cycle++) {
                if (cycle == 5) {
                    leaks = new LeakCheck(vertx);
                }
                try (SocketChannel peer = SocketChannel.open(new InetSocketAddress(Tcpip.LOCALHOST_IPV4, server.port()))) {
                    await(server.connectedFuture());
                    Channel channel = channel(server);
                    if (leaks != null) {
                        leaks.track(server.socket());
                        leaks.track(server.streamReader());
                    }
                    peer.configureBlocking(false);
                    floodUntilStalled(peer, 1L << 30);
                    // Vert.x has stopped reading too: its queue of pooled buffers is full.
                    awaitCondition("the server stopped reading", () -> !channel.config().isAutoRead());
                    await(server.closeClient());
                }
                if (cycle % 5 == 4) {
                    System.gc();   // lets Netty's leak detector find buffers that were never released
                }
            }
            leaks.assertNothingLeaked(5);
            for (int i = 0; i < 10; i++) {
                // Netty reports leaks it finds when buffers are allocated: allocate some after the last GC.
                System.gc();
                io.vertx.core.impl.buffer.VertxByteBufAllocator.POOLED_ALLOCATOR.directBuffer(1024).release();
            }
            List<String> problems = warnings.lines();
            assertEquals(List.of(), problems, "no leak reports, warnings or errors");
        }
    }

    @Test
    void aClientThatFloodsThenResetsWhileItsEchoesAreQueuedIsDroppedQuietlyAndTheNextClientIsServed() throws Exception {
        ConnectLog log = new ConnectLog();
        LineEcho server = deploy(new LineEcho(log.callback()));
        try (LogCapture warnings = LogCapture.atLeast(Level.WARN)) {
            try (SocketChannel peer = SocketChannel.open(new InetSocketAddress(Tcpip.LOCALHOST_IPV4, server.port()))) {
                await(server.connectedFuture());
                peer.configureBlocking(false);
                byte[] line = "flood flood flood flood flood flood flood flood flood flood\r\n".getBytes(StandardCharsets.US_ASCII);
                ByteBuffer chunk = ByteBuffer.allocate(line.length * 1000);
                while (chunk.hasRemaining()) {
                    chunk.put(line);
                }
                int refusals = 0;
                long deadline = System.nanoTime() + TIMEOUT_SECONDS * 1_000_000_000L;
                while (refusals < 1000) {   // echoes queue up on the server: nobody reads them
                    assertTrue(System.nanoTime() < deadline, "the flood did not stall in time");
                    chunk.clear();
                    refusals = peer.write(chunk) == 0 ? refusals + 1 : 0;
                }
                peer.socket().setSoLinger(true, 0);
            }
            log.awaitCalls(true, false);
            try (Socket next = rawConnect(server.port())) {
                send(next, "hello\r\n");
                assertEquals("hello\r\n", new String(receive(next, 7), StandardCharsets.US_ASCII));
            }
            assertEquals(List.of(), warnings.lines(), "a client's reset is routine: no warning, no stack trace");
        }
    }
}
