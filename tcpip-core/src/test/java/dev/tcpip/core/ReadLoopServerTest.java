package dev.tcpip.core;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.Await.awaitNext;
import static dev.tcpip.testsupport.RawSockets.assertClosedByPeer;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviours 25 and 26: the read-loop server and the heartbeat monitor. */
class ReadLoopServerTest extends TestSupport {

    /** Queues each line; "fail" makes the loop fail; "heartbeat" feeds the monitor; "echo x" answers x. */
    static class LineServer extends OneClientReadLoopServer {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final AtomicInteger calls = new AtomicInteger();

        LineServer(ServerOptions options, ConnectCallback<? super OneClientServer> callback) {
            super(options, callback);
        }

        @Override
        protected Future<Void> readAndDispatch() {
            calls.incrementAndGet();
            return readStr().compose(line -> {
                if (line.equals("fail")) {
                    throw new IllegalStateException("asked to fail");
                }
                if (line.equals(Tcpip.HEARTBEAT)) {
                    return handleReceivedHeartbeat();
                }
                lines.add(line);
                return line.startsWith("echo ") ? writeStr(line.substring(5)) : Future.succeededFuture();
            });
        }

        String next() {
            return awaitNext("line", lines);
        }
    }

    @Test
    void b25_defaultsToLoopbackWithNoConnectionMonitor() throws Exception {
        LineServer server = deploy(new LineServer(new ServerOptions(), null));
        assertEquals("127.0.0.1", server.host());
        assertEquals(Duration.ZERO, server.options().getMonitorConnectionInterval());
    }

    @Test
    void b25_theReadLoopCallsReadAndDispatchWhileConnectedAfterTheConnectCallback() throws Exception {
        AtomicBoolean loopStartedBeforeCallback = new AtomicBoolean();
        AtomicInteger callbackCalls = new AtomicInteger();
        LineServer[] holder = new LineServer[1];
        ConnectCallback<OneClientServer> callback = s -> {
            if (s.connected() && holder[0].calls.get() > 0) {
                loopStartedBeforeCallback.set(true);
            }
            callbackCalls.incrementAndGet();
            return Future.succeededFuture();
        };
        holder[0] = new LineServer(new ServerOptions(), callback);
        LineServer server = deploy(holder[0]);
        try (Socket peer = rawConnect(server.port())) {
            send(peer, "one\r\ntwo\r\necho three\r\n");
            assertEquals("one", server.next());
            assertEquals("two", server.next());
            assertEquals("echo three", server.next());
            assertArrayEquals("three\r\n".getBytes(StandardCharsets.US_ASCII), receive(peer, 7));
        }
        assertFalse(loopStartedBeforeCallback.get(), "the read loop started before the connect callback ran");
        awaitCondition("disconnect reported", () -> callbackCalls.get() == 2);
    }

    @Test
    void b25_aFailureInTheLoopDropsThatClientAndTheServerServesTheNext() throws Exception {
        ConnectLog log = new ConnectLog();
        LineServer server = deploy(new LineServer(new ServerOptions(), log.callback()));
        try (Socket first = rawConnect(server.port())) {
            send(first, "before\r\nfail\r\nnever read\r\n");
            assertEquals("before", server.next());
            assertEquals(-1, first.getInputStream().read(), "the failing client was dropped");
        }
        log.awaitCalls(true, false);
        try (Socket second = rawConnect(server.port())) {
            send(second, "second client\r\n");
            assertEquals("second client", server.next());
        }
        // A client arriving before the server has seen the previous one's end of stream is an extra
        // client and is rejected, so wait for the drop to be seen.
        log.awaitCalls(true, false, true, false);
        try (Socket third = rawConnect(server.port())) {
            send(third, "x".repeat(70_000) + "\r\n");
            assertClosedByPeer(third);
        }
        log.awaitCalls(true, false, true, false, true, false);
        try (Socket fourth = rawConnect(server.port())) {
            send(fourth, "fourth\r\n");
            assertEquals("fourth", server.next());
        }
        assertTrue(server.lines.isEmpty());
    }

    @Test
    void b26_theHeartbeatMonitorDropsAClientThatSendsNoHeartbeats() throws Exception {
        ConnectLog log = new ConnectLog();
        LineServer server = deploy(new LineServer(new ServerOptions().setHeartbeatMonitor(true)
            .setMaxHeartbeatInterval(Duration.ofMillis(200)), log.callback()));
        try (Socket silent = rawConnect(server.port())) {
            assertEquals(-1, silent.getInputStream().read(), "silent client dropped");
        }
        log.awaitCalls(true, false);
    }

    @Test
    void b26_aClientSendingHeartbeatsStaysAndIsDroppedWhenItStops() throws Exception {
        ConnectLog log = new ConnectLog();
        LineServer server = deploy(new LineServer(new ServerOptions().setHeartbeatMonitor(true)
            .setMaxHeartbeatInterval(Duration.ofMillis(300)), log.callback()));
        Client client = deploy(new Client(new ClientOptions().setPort(server.port()).setHeartbeatSend(true)
            .setHeartbeatSendInterval(Duration.ofMillis(20))));
        // Many heartbeat intervals' worth of traffic while the client keeps beating.
        for (int i = 0; i < 20; i++) {
            await(client.writeStr("echo " + i));
            assertEquals(String.valueOf(i), await(client.readStr()));
        }
        assertTrue(server.connected());
        await(client.basicClose());
        log.awaitCalls(true, false);
        // The monitor stopped with the client: a new silent client gets its own full interval,
        // and an idle server with no client is never "dropped" again.
        try (Socket silent = rawConnect(server.port())) {
            assertEquals(-1, silent.getInputStream().read());
        }
        log.awaitCalls(true, false, true, false);
    }

    @Test
    void b26_aHeartbeatWithTheMonitorOffIsAnErrorThatDropsTheClient() throws Exception {
        ConnectLog log = new ConnectLog();
        LineServer server = deploy(new LineServer(new ServerOptions(), log.callback()));
        awaitFailure(server.handleReceivedHeartbeat(), IllegalStateException.class);
        try (Socket peer = rawConnect(server.port())) {
            send(peer, "heartbeat\r\n");
            assertEquals(-1, peer.getInputStream().read());
        }
        log.awaitCalls(true, false);
        assertEquals(List.of(), List.copyOf(server.lines));
    }

    /** Fails each client's first read with the given error. */
    static final class FailingOnce extends OneClientReadLoopServer {
        private final Throwable error;

        FailingOnce(Throwable error) {
            super(new ServerOptions().setName("failing"));
            this.error = error;
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return readStr().compose(line -> Future.failedFuture(error));
        }
    }

    @Test
    void b25_howADroppedClientIsLoggedDependsOnWhoseFaultItIs() throws Exception {
        // (A client that went away, by end of stream or a reset, is one INFO line: see b25_aClientThatResets...)
        List<Throwable> causes = List.of(
            new LineTooLongException(10),                             // the client's bad input: one WARN line
            new IllegalStateException("bug in readAndDispatch"),      // ours: a WARN with the stack trace
            // An I/O error of the server's own (a file, another service), not of the client's socket: ours too.
            new java.nio.file.NoSuchFileException("/etc/hexapod/limits.json"));
        List<String> levels = new java.util.ArrayList<>();
        for (Throwable cause : causes) {
            FailingOnce server = deploy(new FailingOnce(cause));
            try (LogCapture capture = LogCapture.atLeast(ch.qos.logback.classic.Level.INFO);
                 Socket peer = rawConnect(server.port())) {
                send(peer, "go\r\n");
                assertClosedByPeer(peer);
                awaitCondition("the drop logged", () -> capture.events().stream().anyMatch(e -> e.getFormattedMessage().contains("failing:")
                    && (e.getFormattedMessage().contains("read loop") || e.getFormattedMessage().contains("dropping"))));
                var drop = capture.events().stream().filter(e -> e.getFormattedMessage().contains("read loop")
                    || e.getFormattedMessage().contains("dropping")).findFirst().orElseThrow();
                levels.add(drop.getLevel() + (drop.getThrowableProxy() == null ? "" : " with stack trace"));
            }
            await(server.close());
        }
        assertEquals(List.of("WARN", "WARN with stack trace", "WARN with stack trace"), levels);
    }

    /** Answers each line with 1 MiB writes until one has to wait for the write queue to drain. */
    static final class BigReplies extends OneClientReadLoopServer {
        BigReplies(ConnectCallback<? super OneClientServer> callback) {
            super(new ServerOptions().setName("big"), callback);
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return readStr().compose(line -> {
                Future<Void> written;
                do {
                    written = write(io.vertx.core.buffer.Buffer.buffer(new byte[1 << 20]));
                } while (written.succeeded());
                return written;
            });
        }
    }

    @Test
    void b25_aClientThatResetsWhileAReplyWaitsForTheWriteQueueToDrainIsLoggedAsOneInfoLine() throws Exception {
        ConnectLog log = new ConnectLog();
        BigReplies server = deploy(new BigReplies(log.callback()));
        try (LogCapture capture = LogCapture.atLeast(ch.qos.logback.classic.Level.INFO)) {
            try (Socket peer = rawConnect(server.port())) {
                send(peer, "go\r\n");   // and never read the reply
                awaitCondition("the reply waits for the write queue to drain", () -> {
                    try {
                        return await(server.onContext(() -> Future.succeededFuture(server.socket() != null && server.socket().writeQueueFull())));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                peer.setSoLinger(true, 0);
            }
            log.awaitCalls(true, false);
            List<String> ends = capture.events().stream()
                .filter(e -> e.getFormattedMessage().contains("read loop") || e.getFormattedMessage().contains("dropping"))
                .map(e -> e.getLevel() + (e.getThrowableProxy() == null ? "" : " with stack trace") + ": " + e.getFormattedMessage())
                .toList();
            assertEquals(1, ends.size(), String.valueOf(ends));
            assertTrue(ends.get(0).startsWith("INFO: big: client"), ends.get(0));
        }
    }
}
