package dev.tcpip.core;

import ch.qos.logback.classic.Level;
import dev.tcpip.core.stream.StreamReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.assertClosedByPeer;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5, limits: the line limit bounds what one line may make the reader hold, whatever the peer sends;
 * an overlong line costs a read-loop server only that client; JSON lines are bounded the same way and
 * hostile JSON fails as documented. (The basic limit behaviours are in {@link LimitsAndArgumentsTest}.)
 */
class LimitsTest extends TestSupport {

    /** Echoes every line as text; a failed read drops the client (OneClientReadLoopServer's rule). */
    static final class StrEcho extends OneClientReadLoopServer {
        StrEcho(ServerOptions options) {
            super(options);
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return readStr().compose(this::writeStr);
        }
    }

    @Test
    void anOverlongLineMakesAReadLoopServerDropThatClientWithOneClearLogLineAndServeTheNext() throws Exception {
        StrEcho server = deploy(new StrEcho(new ServerOptions().setName("echo")));
        try (LogCapture warnings = LogCapture.atLeast(Level.WARN)) {
            try (SocketChannel hostile = SocketChannel.open(new InetSocketAddress(Tcpip.LOCALHOST_IPV4, server.port()))) {
                await(server.connectedFuture());
                hostile.configureBlocking(false);
                ByteBuffer junk = ByteBuffer.allocate(1 << 20);   // 1 MiB, no terminator
                Arrays.fill(junk.array(), (byte) 'x');
                try {
                    long deadline = System.nanoTime() + TIMEOUT_SECONDS * 1_000_000_000L;
                    while (junk.hasRemaining() && System.nanoTime() < deadline) {
                        hostile.write(junk);   // the server may drop us (a reset) before all of it is sent
                    }
                } catch (java.io.IOException dropped) {
                    // expected sooner or later
                }
                hostile.configureBlocking(true);
                hostile.socket().setSoTimeout((int) (TIMEOUT_SECONDS * 1000));
                assertClosedByPeer(hostile.socket());
            }
            try (Socket next = rawConnect(server.port())) {
                send(next, "hello\r\n");
                assertEquals("hello\r\n", new String(receive(next, 7), java.nio.charset.StandardCharsets.US_ASCII));
            }
            assertEquals(List.of("WARN dev.tcpip.core.LimitsTest$StrEcho - echo: dropping the client: "
                + "line too long: no delimiter within 65536 bytes"), warnings.lines());
        }
    }

    @Test
    void aLineOfManyMegabytesIsDiscardedAsItArrivesAndTheReaderNeverHoldsMoreThanABound() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setMaxLineLength(1000)));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            Future<String> overlong = server.readStr();
            Future<String> next = server.readStr();
            AtomicInteger most = new AtomicInteger();
            Thread sender = new Thread(() -> {
                try {
                    byte[] mib = new byte[1 << 20];
                    Arrays.fill(mib, (byte) 'y');
                    for (int i = 0; i < 32; i++) {
                        send(peer, mib);
                    }
                    send(peer, "\r\nnext\r\n");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            sender.start();
            long deadline = System.nanoTime() + TIMEOUT_SECONDS * 1_000_000_000L;
            while (!next.isComplete()) {
                assertTrue(System.nanoTime() < deadline, "the line after the overlong one was not read in time");
                int held = await(server.onContext(() -> Future.succeededFuture(server.streamReader().available())));
                most.accumulateAndGet(held, Math::max);
            }
            sender.join(TIMEOUT_SECONDS * 1000);
            awaitFailure(overlong, LineTooLongException.class);
            assertEquals("next", await(next));
            assertTrue(most.get() <= StreamReader.READ_AHEAD + 64 * 1024,
                "the reader held " + most.get() + " bytes of a 32 MiB line with a 1000-byte limit");
        }
    }

    @Test
    void aJsonLineLongerThanTheLimitFailsWithLineTooLongAndTheNextJsonLineIsRead() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setMaxLineLength(1000)));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, new JsonObject().put("big", "z".repeat(5000)).encode() + "\r\n" + "{\"small\":1}\r\n");
            awaitFailure(server.readJson(), LineTooLongException.class);
            assertEquals(new JsonObject().put("small", 1), await(server.readJson()));
        }
    }

    @Test
    void hostileJsonWithinTheLimitFailsAsJsonLineDecodeExceptionAndTheConnectionStaysUsable() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setMaxLineLength(1 << 20)));
        List<String> hostile = List.of(
            "[".repeat(200_000),                                  // nesting far past any parser's stack
            "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000),
            "1".repeat(100_000),                                  // a number of 100,000 digits
            "\"" + "\\u12".repeat(1000),                          // broken escapes
            "{\"a\":1}{\"b\":2}",                                 // two values on one line
            "");
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            for (String line : hostile) {
                send(peer, line + "\r\n");
                JsonLineDecodeException e = awaitFailure(server.readJson(), JsonLineDecodeException.class);
                assertTrue(e.getMessage().length() < 2000, "the message stays short: " + e.getMessage().length() + " chars");
                send(peer, "{\"ok\":true}\r\n");
                assertEquals(new JsonObject().put("ok", true), await(server.readJson()), "after " + line.substring(0, Math.min(20, line.length())));
            }
        }
    }
}
