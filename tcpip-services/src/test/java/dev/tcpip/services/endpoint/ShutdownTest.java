package dev.tcpip.services.endpoint;

import dev.tcpip.core.reconnect.ConnectionState;
import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.testsupport.LeakCheck;
import dev.tcpip.testsupport.RawSockets;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.time.Duration;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pysocklib's shutdown() hung in accept, recv and queue.get, and left sockets open; these must not. */
class ShutdownTest extends EndpointTest {
    @Test
    void closeIsBoundedWhileAServerWaitsForAPeerAndReleasesThePort() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions()));
        assertEquals(ConnectionState.CONNECTING, server.state());
        await(server.close(), BOUND);
        await(server.done(), BOUND);
        assertEquals(ConnectionState.CLOSED, server.state());
        RawSockets.assertRefusedEventually(server.port());
    }

    @Test
    void closeIsBoundedWhileAClientBacksOff() throws Exception {
        try (Socket reserved = RawSockets.reserveRefusingPort()) {
            ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(reserved.getLocalPort())
                .setReconnect(ReconnectPolicy.defaults().withInitialDelay(Duration.ofSeconds(30)))));
            awaitCondition("backing off", () -> client.state() == ConnectionState.BACKING_OFF);
            await(client.close(), BOUND);
            assertEquals(ConnectionState.CLOSED, client.state());
        }
    }

    @Test
    void closeIsBoundedWhileASenderWaitsOnAnEmptySendQueueAndClosesTheSocket() throws Exception {
        ServerSender<String> server = started(ServerSender.create(vertx, serverOptions()));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedWithin(WAIT));
            await(server.close(), BOUND);
            RawSockets.assertClosedByPeer(peer);
        }
    }

    @Test
    void closeIsBoundedWhileAReceiverIsBlockedOnAFullInboundQueueAndReportsTheAbandonedMessage() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions().setInboundCapacity(2)));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            RawSockets.send(peer, "1\r\n2\r\n3\r\n4\r\n");
            awaitCondition("the queue full and a put waiting", () -> server.received().size() == 2 && server.received().waitingPuts() == 1);
            await(server.close(), BOUND);
            RawSockets.assertClosedByPeer(peer);
            assertEquals(1, server.abandonedMessages());
            assertEquals(2, server.received().size(), "what was queued stays queued");
        }
    }

    @Test
    void closeIsBoundedWhileAClientIsConnectedAndClosesTheSocket() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Client<String> client = started(Client.create(vertx, clientOptions(listener.getLocalPort())));
            try (Socket peer = listener.accept()) {
                await(client.connectedWithin(WAIT));
                await(client.close(), BOUND);
                RawSockets.assertClosedByPeer(peer);
            }
        }
    }

    @Test
    void afterCloseNoTimerRemainsNorAnyOpenSocket() throws Exception {
        int socketsBefore = openSockets();
        Server<String> server = started(Server.create(vertx, serverOptions().setHeartbeat("Alive")
            .setHeartbeatInterval(Duration.ofMillis(50)).setIdleTimeout(Duration.ofSeconds(5))));
        Client<String> client = started(Client.create(vertx, clientOptions(server.port()).setHeartbeat("Alive")
            .setHeartbeatInterval(Duration.ofMillis(50)).setIdleTimeout(Duration.ofSeconds(5)).setSendWait(Duration.ofMillis(10))));
        client.offer("one", WAIT);
        assertEquals("one", server.receive(WAIT));
        try (Socket reserved = RawSockets.reserveRefusingPort()) {
            ClientSender<String> backingOff = started(ClientSender.create(vertx, clientOptions(reserved.getLocalPort())
                .setReconnect(ReconnectPolicy.defaults().withInitialDelay(Duration.ofSeconds(30)))));
            awaitCondition("backing off", () -> backingOff.state() == ConnectionState.BACKING_OFF);
            assertTrue(LeakCheck.timers(vertx) > 0, "heartbeats, idle timers and the back-off delay are timers");
            await(backingOff.close(), BOUND);
        }
        await(client.close(), BOUND);
        await(server.close(), BOUND);
        awaitCondition("no timer left", () -> LeakCheck.timers(vertx) == 0);
        if (socketsBefore >= 0) {
            awaitCondition("every socket closed", () -> openSockets() <= socketsBefore);
        }
    }

    /**
     * The process's open TCP sockets (Linux: the /proc/self/fd links to "socket:[inode]" whose inode is in
     * /proc/self/net/tcp or tcp6; Vert.x's DNS resolver holds a UDP socket, which does not count), or -1
     * where that cannot be read.
     */
    private static int openSockets() {
        java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
        if (!java.nio.file.Files.isDirectory(fds)) {
            return -1;
        }
        try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.list(fds)) {
            java.util.Set<String> tcp = new java.util.HashSet<>();
            for (String table : new String[] {"/proc/self/net/tcp", "/proc/self/net/tcp6"}) {
                java.nio.file.Path path = java.nio.file.Path.of(table);
                if (java.nio.file.Files.exists(path)) {
                    for (String line : java.nio.file.Files.readAllLines(path)) {
                        String[] fields = line.trim().split("\\s+");
                        if (fields.length > 9) {
                            tcp.add(fields[9]);
                        }
                    }
                }
            }
            return (int) all.filter(fd -> {
                try {
                    String link = java.nio.file.Files.readSymbolicLink(fd).toString();
                    return link.startsWith("socket:[") && tcp.contains(link.substring(8, link.length() - 1));
                } catch (java.io.IOException gone) {
                    return false;
                }
            }).count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }


    @Test
    void undeployingAnEndpointDeployedAsAVerticleClosesIt() throws Exception {
        ServerReceiver<String> server = ServerReceiver.create(vertx, serverOptions());
        String id = await(vertx.deployVerticle(server));
        assertEquals(ConnectionState.CONNECTING, server.state());
        await(vertx.undeploy(id), BOUND);
        assertEquals(ConnectionState.CLOSED, server.state());
        await(server.done(), BOUND);
    }

    @Test
    void afterThePeerDisconnectsAndWhileBackingOffCpuStaysNearZero() throws Exception {
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Server<String> server = started(Server.create(vertx, serverOptions()));
        // pysocklib's two-way Client spun at 80 % of a core once its peer had gone.
        Client<String> client = started(Client.create(vertx, clientOptions(server.port())
            .setReconnect(ReconnectPolicy.defaults().withInitialDelay(Duration.ofSeconds(1)).withMaxDelay(Duration.ofSeconds(1)))));
        await(client.connectedWithin(WAIT));
        await(server.close(), BOUND);
        awaitCondition("backing off", () -> client.state() == ConnectionState.BACKING_OFF);
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        awaitCondition("two seconds", () -> System.nanoTime() - wallBefore > 2_000_000_000L, Duration.ofSeconds(5));
        long cpu = os.getProcessCpuTime() - cpuBefore;
        // A busy loop takes a whole core for 2 s; two connect attempts and the JVM's own threads take a few ms.
        assertTrue(cpu < 500_000_000L, "CPU time over 2 s after the peer left: " + cpu / 1_000_000 + " ms");
    }
}
