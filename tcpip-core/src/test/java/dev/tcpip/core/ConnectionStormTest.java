package dev.tcpip.core;

import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.assertClosedByPeer;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5, connection storms: hundreds of extra clients against a one-client server. Every extra is closed
 * at once, whatever it does (sends a line, resets, half-closes); the client being served loses nothing, gets
 * nothing of theirs, the connect callback sees only its arrival, and nothing is logged above INFO.
 */
class ConnectionStormTest extends TestSupport {
    private static final int EXTRAS = 300;

    /** What one extra client does after connecting. */
    private static void misbehave(Socket extra, int i) throws Exception {
        switch (i % 3) {
            case 0:
                send(extra, "intruder " + i + "\r\n");
                break;
            case 1:
                extra.setSoLinger(true, 0);   // close with a reset, at once
                extra.close();
                break;
            default:
                send(extra, "half a line from " + i);
                extra.shutdownOutput();
                break;
        }
    }

    @Test
    void hundredsOfExtraClientsWhileOneStreamsAreAllClosedAndTheStreamLosesNothing() throws Exception {
        ConnectLog log = new ConnectLog();
        LineEcho server = deploy(new LineEcho(log.callback()));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Socket first = rawConnect(server.port()); LogCapture warnings = LogCapture.atLeast(Level.WARN)) {
            await(server.connectedFuture());
            AtomicBoolean stormOver = new AtomicBoolean();
            // The first client streams lines until the storm is over, then a last line.
            CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    OutputStream out = first.getOutputStream();
                    int n = 0;
                    while (!stormOver.get() || n < 20_000) {
                        StringBuilder batch = new StringBuilder();
                        for (int j = 0; j < 100; j++, n++) {
                            batch.append("line ").append(n).append("\r\n");
                        }
                        out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("END\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return n;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            CompletableFuture<Integer> echoed = CompletableFuture.supplyAsync(() -> {
                try {
                    BufferedReader in = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.US_ASCII));
                    int n = 0;
                    for (String line = in.readLine(); !"END".equals(line); line = in.readLine(), n++) {
                        assertEquals("line " + n, line, "echo " + n);
                    }
                    return n;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads);

            List<Socket> extras = new ArrayList<>();
            try {
                for (int i = 0; i < EXTRAS; i++) {
                    Socket extra = rawConnect(server.port());
                    extras.add(extra);
                    misbehave(extra, i);
                }
                stormOver.set(true);
                for (int i = 0; i < EXTRAS; i++) {
                    if (i % 3 != 1) {
                        assertClosedByPeer(extras.get(i));
                    }
                }
            } finally {
                stormOver.set(true);
                for (Socket extra : extras) {
                    extra.close();
                }
            }
            int n = sent.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(n, echoed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "every streamed line echoed, in order");
            assertTrue(server.connected());
            assertEquals(first.getLocalPort(), server.remoteAddress().port());
            assertEquals(List.of(true), log.calls(), "the callback saw only the first client's arrival");
            assertEquals(List.of(), warnings.lines(), "turning extras away is routine: nothing logged as a warning or error");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void ofHundredsOfClientsConnectingAtOnceExactlyOneIsServedAndTheRestAreClosed() throws Exception {
        ConnectLog log = new ConnectLog();
        LineEcho server = deploy(new LineEcho(log.callback()));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Socket>> connecting = new ArrayList<>();
        for (int i = 0; i < EXTRAS; i++) {
            Callable<Socket> connect = () -> rawConnect(server.port());
            connecting.add(threads.submit(connect));
        }
        List<Socket> clients = new ArrayList<>();
        try {
            for (java.util.concurrent.Future<Socket> f : connecting) {
                clients.add(f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            await(server.connectedFuture());
            SocketAddress served = null;
            for (Socket client : clients) {
                if (server.remoteAddress().port() == client.getLocalPort()) {
                    served = client.getLocalSocketAddress();
                    send(client, "hello\r\n");
                    assertEquals("hello\r\n", new String(receive(client, 7), StandardCharsets.US_ASCII));
                } else {
                    assertClosedByPeer(client);
                }
            }
            assertTrue(served != null, "one of the clients is the served one");
            assertEquals(List.of(true), log.calls());
        } finally {
            threads.shutdownNow();
            for (Socket client : clients) {
                client.close();
            }
        }
    }
}
