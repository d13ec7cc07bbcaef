package dev.tcpip.services.endpoint;

import dev.tcpip.core.reconnect.ConnectionState;
import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.testsupport.FixedPorts;
import dev.tcpip.testsupport.RawSockets;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pysocklib's test_reconnect, and what its reconnecting lacked. */
class ReconnectTest extends EndpointTest {
    /** A server on a given port: the same port again after a restart. */
    private static QueueEndpointOptions serverOn(int port) {
        return new QueueEndpointOptions().setPort(port);
    }

    @Test
    void aServerReceiverWithReconnectServesClient1ThenAcceptsClient2AfterClient1Disconnects() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions()));
        try (Socket client1 = RawSockets.rawConnect(server.port())) {
            RawSockets.send(client1, "msg 1\r\n");
            assertEquals("msg 1", server.receive(WAIT));
        }
        try (Socket client2 = RawSockets.rawConnect(server.port())) {
            RawSockets.send(client2, "msg 2\r\n");
            assertEquals("msg 2", server.receive(WAIT));
        }
        awaitCondition("two clients served", () -> server.connections() == 2);
    }

    @Test
    void aServerSenderWithReconnectSendsToClient2AfterClient1Leaves() throws Exception {
        ServerSender<String> server = started(ServerSender.create(vertx, serverOptions().setOutboundCapacity(1500)));
        for (int i = 1; i <= 1500; i++) {
            assertTrue(server.offer("msg " + i, WAIT));
        }
        String first;
        try (Socket client1 = RawSockets.rawConnect(server.port())) {
            first = RawSockets.receiveLine(client1).strip();
        }
        try (Socket client2 = RawSockets.rawConnect(server.port())) {
            String next = RawSockets.receiveLine(client2);
            assertTrue(next.startsWith("msg "), next);
        }
        assertEquals("msg 1", first);
    }

    @Test
    void aClientWaitingWhileAnotherIsServedIsAcceptedNotRefusedAndServedNext() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions()));
        try (Socket client2 = connectWhileAnotherIsServed(server)) {
            RawSockets.send(client2, "from 2\r\n");
            assertEquals("from 2", server.receive(WAIT));
        }
    }

    @Test
    void theServerKeepsListeningBetweenClientsSoAThousandConnectCloseCyclesSeeNoRefusedConnection() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions()));
        int refused = 0;
        for (int i = 0; i < 1000; i++) {
            // Each client is served, then leaves as the next one connects: the moment pysocklib's server
            // had closed its listening socket and refused connections until it had bound again.
            try (Socket s = RawSockets.rawConnect(server.port())) {
                RawSockets.send(s, "cycle " + i + "\r\n");
                assertEquals("cycle " + i, server.receive(WAIT));
            } catch (java.net.ConnectException e) {
                refused++;
            }
        }
        assertEquals(0, refused, "refused connections");
        awaitCondition("every client served", () -> server.connections() == 1000);
    }

    @Test
    void aClientReceiverWithReconnectResumesReceivingAfterTheServerRestartsOnTheSamePort() throws Exception {
        // A port below the ephemeral range: a client retrying a dead ephemeral port can connect to itself
        // (TCP simultaneous open) and hold it, and the second server could not bind it.
        int port = FixedPorts.free(1).get(0);
        ServerSender<String> server1 = started(ServerSender.create(vertx, serverOn(port)));
        ClientReceiver<String> client = started(ClientReceiver.create(vertx, clientOptions(port)));
        server1.offer("msg 1", WAIT);
        assertEquals("msg 1", client.receive(WAIT));
        await(server1.close(), BOUND);

        ServerSender<String> server2 = started(ServerSender.create(vertx, serverOn(port)));
        server2.offer("msg 2", WAIT);
        assertEquals("msg 2", client.receive(WAIT));
        assertEquals(2, client.connections());
    }

    @Test
    void aClientSenderWithReconnectResumesSendingAfterTheServerRestartsOnTheSamePort() throws Exception {
        // A port below the ephemeral range: a client retrying a dead ephemeral port can connect to itself
        // (TCP simultaneous open) and hold it, and the second server could not bind it.
        int port = FixedPorts.free(1).get(0);
        ServerReceiver<String> server1 = started(ServerReceiver.create(vertx, serverOn(port)));
        ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(port).setResendWindow(Duration.ZERO)));
        client.offer("msg 1", WAIT);
        assertEquals("msg 1", server1.receive(WAIT));
        await(server1.close(), BOUND);
        awaitCondition("the client noticed", () -> client.state() != ConnectionState.CONNECTED);

        ServerReceiver<String> server2 = started(ServerReceiver.create(vertx, serverOn(port)));
        client.offer("msg 2", WAIT);
        assertEquals("msg 2", server2.receive(WAIT));
    }

    @Test
    void aTwoWayClientWithReconnectResumesBothWaysAfterTheServerRestartsOnTheSamePort() throws Exception {
        // A port below the ephemeral range: a client retrying a dead ephemeral port can connect to itself
        // (TCP simultaneous open) and hold it, and the second server could not bind it.
        int port = FixedPorts.free(1).get(0);
        Server<String> server1 = started(Server.create(vertx, serverOn(port)));
        Client<String> client = started(Client.create(vertx, clientOptions(port).setResendWindow(Duration.ZERO)));
        client.offer("up 1", WAIT);
        server1.offer("down 1", WAIT);
        assertEquals("up 1", server1.receive(WAIT));
        assertEquals("down 1", client.receive(WAIT));
        await(server1.close(), BOUND);
        awaitCondition("the client noticed", () -> client.state() != ConnectionState.CONNECTED);

        Server<String> server2 = started(Server.create(vertx, serverOn(port)));
        client.offer("up 2", WAIT);
        server2.offer("down 2", WAIT);
        assertEquals("up 2", server2.receive(WAIT));
        assertEquals("down 2", client.receive(WAIT));
    }

    @Test
    void aSenderThatLosesItsServerMidStreamOf10000MessagesDeliversAllInOrderAfterTheRestart() throws Exception {
        // A port below the ephemeral range: a client retrying a dead ephemeral port can connect to itself
        // (TCP simultaneous open) and hold it, and the second server could not bind it.
        int port = FixedPorts.free(1).get(0);
        // A small inbound queue: the first server stops reading while the test takes its first 3000, so the rest
        // is still in flight (in the sockets' buffers, in the client's queue) when it closes, never all of it
        // already queued here (which made the restart vacuous on a fast run and the test fail).
        ServerReceiver<String> server1 = started(ServerReceiver.create(vertx, serverOn(port).setInboundCapacity(100)));
        ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(port).setOutboundCapacity(20_000)));
        await(client.connectedWithin(WAIT));
        List<String> got = new ArrayList<>();
        // The server goes after about a third of the stream has arrived, while the rest is in flight.
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < 10_000; i++) {
                    if (!client.offer("m" + i, WAIT)) {
                        throw new AssertionError("queue full for " + WAIT);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "producer");
        producer.start();
        while (got.size() < 3000) {
            got.add(server1.receive(WAIT));
        }
        await(server1.close(), BOUND);
        String m;
        while ((m = server1.received().take(Duration.ZERO)) != null) {
            got.add(m);   // received before the close: still in its queue
        }
        int beforeRestart = got.size();
        ServerReceiver<String> server2 = started(ServerReceiver.create(vertx, serverOn(port).setInboundCapacity(20_000)));
        while (!got.contains("m9999")) {
            String next = server2.receive(WAIT);
            if (next == null) {
                throw new AssertionError("m9999 never came; last: " + got.get(got.size() - 1));
            }
            got.add(next);
        }
        producer.join(WAIT.toMillis());

        // Every message, in order, at least once: the second connection starts again at most from a message
        // the first one had delivered (a duplicate from the resend window), never after a gap.
        int restartAt = Integer.parseInt(got.get(beforeRestart).substring(1));
        int lastBefore = Integer.parseInt(got.get(beforeRestart - 1).substring(1));
        assertTrue(restartAt <= lastBefore + 1, "gap: first connection ended at m" + lastBefore + ", second began at m" + restartAt);
        for (int i = 0; i < beforeRestart; i++) {
            assertEquals("m" + i, got.get(i));
        }
        for (int i = beforeRestart; i < got.size(); i++) {
            assertEquals("m" + (restartAt + i - beforeRestart), got.get(i));
        }
        long duplicates = got.size() - 10_000L;
        assertEquals(lastBefore + 1 - restartAt, duplicates);
        assertTrue(duplicates <= client.resentMessages(), duplicates + " duplicates, " + client.resentMessages() + " resent");
    }

    @Test
    void connectedWithinFailsWithATimeoutWhenNothingListensAndTheClientGoesOnTrying() throws Exception {
        try (Socket reserved = RawSockets.reserveRefusingPort()) {
            ClientReceiver<String> client = started(ClientReceiver.create(vertx, clientOptions(reserved.getLocalPort())));
            awaitFailure(client.connectedWithin(Duration.ofMillis(200)), TimeoutException.class);
            assertTrue(client.state() == ConnectionState.BACKING_OFF || client.state() == ConnectionState.CONNECTING, "" + client.state());
        }
    }

    @Test
    void aConnectAttemptThatHangsFailsAfterThePolicysConnectTimeout() throws Exception {
        // A listener that never accepts, its backlog filled: the kernel drops further SYNs and a connect hangs.
        try (java.net.ServerSocket stuck = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            List<Socket> filling = new ArrayList<>();
            try {
                while (filling.size() < 20) {
                    Socket s = new Socket();
                    try {
                        s.connect(stuck.getLocalSocketAddress(), 200);
                        filling.add(s);
                    } catch (java.net.SocketTimeoutException full) {
                        s.close();
                        break;
                    }
                }
                org.junit.jupiter.api.Assumptions.assumeTrue(filling.size() < 20, "this kernel does not drop SYNs on a full backlog");
                ClientReceiver<String> client = started(ClientReceiver.create(vertx, clientOptions(stuck.getLocalPort())
                    .setReconnect(ReconnectPolicy.never().withConnectTimeout(Duration.ofMillis(300)))));
                java.net.ConnectException e = awaitFailure(client.done(), java.net.ConnectException.class, WAIT);
                assertTrue(e.getMessage().contains("127.0.0.1:" + stuck.getLocalPort()), e.getMessage());
                assertEquals(ConnectionState.FAILED, client.state());
            } finally {
                for (Socket s : filling) {
                    s.close();
                }
            }
        }
    }

    @Test
    void whenThePolicyGivesUpTheStateIsFailedAndDoneFailsWithTheLastError() throws Exception {
        try (Socket reserved = RawSockets.reserveRefusingPort()) {
            ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(reserved.getLocalPort())
                .setReconnect(ReconnectPolicy.defaults().withInitialDelay(Duration.ofMillis(10)).withMaxAttempts(3))));
            awaitFailure(client.done(), java.net.ConnectException.class);
            assertEquals(ConnectionState.FAILED, client.state());
        }
    }

    @Test
    void aClientWithoutReconnectThatCannotConnectFails() throws Exception {
        try (Socket reserved = RawSockets.reserveRefusingPort()) {
            ClientReceiver<String> client = started(ClientReceiver.create(vertx, clientOptions(reserved.getLocalPort())
                .setReconnect(ReconnectPolicy.never())));
            awaitFailure(client.done(), java.net.ConnectException.class);
            assertEquals(ConnectionState.FAILED, client.state());
        }
    }

    @Test
    void aStateHandlerSeesConnectingConnectedBackingOffAndClosed() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions()));
        List<ConnectionState> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        ClientSender<String> client = ClientSender.create(vertx, clientOptions(server.port())
            .setReconnect(ReconnectPolicy.defaults().withInitialDelay(Duration.ofSeconds(5))));
        client.stateHandler(seen::add);
        started(client);
        await(client.connectedWithin(WAIT));
        await(server.close(), BOUND);
        awaitCondition("backing off", () -> client.state() == ConnectionState.BACKING_OFF);
        await(client.close(), BOUND);
        assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTED, ConnectionState.BACKING_OFF, ConnectionState.CLOSED), seen);
    }

    /** Client 1 connects and is served; client 2 connects meanwhile and is returned once client 1 has left. */
    private static Socket connectWhileAnotherIsServed(ServerReceiver<String> server) throws Exception {
        Socket client2;
        try (Socket client1 = RawSockets.rawConnect(server.port())) {
            RawSockets.send(client1, "from 1\r\n");
            assertEquals("from 1", server.receive(WAIT));
            client2 = RawSockets.rawConnect(server.port());
            RawSockets.send(client2, "waiting\r\n");
            assertEquals(null, server.received().take(Duration.ofMillis(100)), "client 2 is held, not served, while client 1 is");
        }
        assertEquals("waiting", server.receive(WAIT));
        return client2;
    }
}
