package dev.tcpip.core.reconnect;

import dev.tcpip.core.NotConnectedException;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reconnector dialling real loopback sockets: failures, back-off, a server restart, close, CPU while waiting. */
class ReconnectorTest {
    private static final ReconnectPolicy FAST = ReconnectPolicy.defaults().withInitialDelay(Duration.ofMillis(20))
        .withMaxDelay(Duration.ofMillis(100)).withJitter(0).withConnectTimeout(Duration.ofSeconds(2));

    private Vertx vertx;
    private Context context;
    private NetClient client;
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private Reconnector<NetSocket> reconnector(ReconnectPolicy policy, int port) {
        return new Reconnector<NetSocket>(context, policy, timeout -> {
            attempts.incrementAndGet();
            return client.connect(port, "127.0.0.1");
        }, NetSocket::close, "test").stateHandler(states::add);
    }

    /** Held while a test needs connections to its port refused; released before a server listens there. */
    private Socket reserved;

    /** A port where connections are refused until {@link #listen} starts a server on it. */
    private int refusingPort() throws Exception {
        reserved = RawSockets.reserveRefusingPort();
        return reserved.getLocalPort();
    }

    @AfterEach
    void release() throws Exception {
        if (reserved != null) {
            reserved.close();
        }
    }

    private ServerSocket listen(int port) throws Exception {
        if (reserved != null) {
            reserved.close();
            reserved = null;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    @Test
    void itGivesUpAfterMaxAttemptsAndReportsTheLastError() throws Exception {
        Reconnector<NetSocket> r = reconnector(FAST.withMaxAttempts(3), refusingPort());
        Throwable failed = awaitFailure(r.start(), Throwable.class);
        assertTrue(failed.getMessage().toLowerCase().contains("refused"), failed.toString());
        assertEquals(3, attempts.get());
        assertEquals(ConnectionState.FAILED, r.state());
        assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.BACKING_OFF, ConnectionState.CONNECTING,
            ConnectionState.BACKING_OFF, ConnectionState.CONNECTING, ConnectionState.FAILED), states);
        awaitFailure(r.connected(), Throwable.class);
    }

    @Test
    void itConnectsOnceTheServerAppears() throws Exception {
        int port = refusingPort();
        Reconnector<NetSocket> r = reconnector(FAST, port);
        Future<NetSocket> first = r.start();
        awaitCondition("a few failed attempts", () -> attempts.get() >= 3);
        try (ServerSocket server = listen(port)) {
            NetSocket socket = await(first);
            try (Socket accepted = server.accept()) {
                assertEquals(socket.localAddress().port(), accepted.getPort());
            }
            assertEquals(ConnectionState.CONNECTED, r.state());
            assertEquals(socket, await(r.connectedWithin(Duration.ofSeconds(1))));
        }
    }

    @Test
    void afterALostConnectionItReconnectsToTheServerRestartedOnTheSamePort() throws Exception {
        int port = refusingPort();
        Reconnector<NetSocket> r = reconnector(FAST, port);
        NetSocket first;
        try (ServerSocket server = listen(port)) {
            first = await(r.start());
            server.accept().close();
        }
        r.lost(first, null);
        awaitCondition("backing off, the server gone", () -> attempts.get() >= 3);
        try (ServerSocket restarted = listen(port)) {
            NetSocket second = await(r.connectedWithin(Duration.ofSeconds(10)));
            assertTrue(second != first);
            restarted.accept().close();
        }
        assertTrue(states.contains(ConnectionState.BACKING_OFF));
    }

    @Test
    void connectedWithinFailsInTimeWhileTheReconnectorGoesOnTrying() throws Exception {
        Reconnector<NetSocket> r = reconnector(FAST, refusingPort());
        r.start();
        awaitFailure(r.connectedWithin(Duration.ofMillis(200)), TimeoutException.class);
        int before = attempts.get();
        awaitCondition("still trying", () -> attempts.get() > before);
        await(r.close());
    }

    @Test
    void closeWhileBackingOffIsPromptStopsTheAttemptsAndFailsTheWaiters() throws Exception {
        Reconnector<NetSocket> r = reconnector(ReconnectPolicy.defaults().withInitialDelay(Duration.ofSeconds(30))
            .withMaxDelay(Duration.ofSeconds(30)), refusingPort());
        Future<NetSocket> first = r.start();
        awaitCondition("backing off", () -> r.state() == ConnectionState.BACKING_OFF);
        await(r.close(), Duration.ofSeconds(1));
        assertEquals(ConnectionState.CLOSED, r.state());
        awaitFailure(first, NotConnectedException.class);
        awaitFailure(r.connected(), NotConnectedException.class);
        assertEquals(1, attempts.get(), "no attempt after the close");
    }

    @Test
    void closeWhenConnectedDiscardsTheConnection() throws Exception {
        int port = refusingPort();
        try (ServerSocket server = listen(port)) {
            Reconnector<NetSocket> r = reconnector(FAST, port);
            await(r.start());
            try (Socket accepted = server.accept()) {
                await(r.close());
                assertEquals(-1, accepted.getInputStream().read(), "the connection is closed");
            }
        }
    }

    @Test
    void backingOffUsesNoCpu() throws Exception {
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Reconnector<NetSocket> r = reconnector(ReconnectPolicy.defaults().withInitialDelay(Duration.ofSeconds(1))
            .withMaxDelay(Duration.ofSeconds(1)), refusingPort());
        r.start();
        awaitCondition("backing off", () -> r.state() == ConnectionState.BACKING_OFF);
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        awaitCondition("two seconds of backing off", () -> System.nanoTime() - wallBefore > 2_000_000_000L,
            Duration.ofSeconds(5));
        long cpu = os.getProcessCpuTime() - cpuBefore;
        await(r.close());
        // A busy loop would take a whole core, 2 s; two connect attempts and the JVM's own threads take a few ms.
        assertTrue(cpu < 500_000_000L, "CPU time while backing off for 2 s: " + cpu / 1_000_000 + " ms");
    }
}
