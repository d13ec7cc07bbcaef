package dev.tcpip.services.endpoint;

import dev.tcpip.core.reconnect.ConnectionState;
import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.services.EventBusSink;
import dev.tcpip.services.EventBusSource;
import dev.tcpip.services.MessageQueue;
import dev.tcpip.services.ToUpper;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stop conditions, bounded queues, heartbeats, idle time, the send wait, errors and pipelines. */
class StopAndFlowTest extends EndpointTest {
    @Test
    void stopAfterNReceivedEndsTheEndpointAfterTheNthMessage() throws Exception {
        ServerReceiver<String> server = ServerReceiver.create(vertx, serverOptions());
        server.stopAfterReceived(3);
        started(server);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            RawSockets.send(peer, "1\r\n2\r\n3\r\n4\r\n5\r\n");
            await(server.done(), WAIT);
            assertEquals(ConnectionState.CLOSED, server.state());
            assertEquals(List.of("1", "2", "3"), take(server, 3));
            assertEquals(0, server.received().size(), "nothing after the third is queued");
            RawSockets.assertClosedByPeer(peer);
        }
    }

    @Test
    void stopWhenTheOutboundQueueIsEmptyClosesAfterEveryMessageHasGoneOut() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            ClientSender<String> client = ClientSender.create(vertx, clientOptions(listener.getLocalPort()).setReconnect(ReconnectPolicy.never()));
            for (int i = 0; i < 500; i++) {
                assertTrue(client.offer("line " + i, WAIT));
            }
            client.stopWhenOutboundEmpty();
            started(client);
            try (Socket peer = listener.accept()) {
                peer.setSoTimeout((int) WAIT.toMillis());
                byte[] all = RawSockets.receiveAll(peer);   // up to the end of stream: the client closed
                StringBuilder expected = new StringBuilder();
                for (int i = 0; i < 500; i++) {
                    expected.append("line ").append(i).append("\r\n");
                }
                assertEquals(expected.toString(), new String(all, StandardCharsets.UTF_8));
            }
            await(client.done(), WAIT);
            assertEquals(ConnectionState.CLOSED, client.state());
            assertEquals(500, client.sentMessages());
        }
    }

    @Test
    void aReconnectingSenderThatStopsWhenItsQueueIsEmptyClosesOnceAndSendsNothingTwice() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions()));
        ClientSender<String> client = ClientSender.create(vertx, clientOptions(server.port()));
        for (int i = 0; i < 100; i++) {
            assertTrue(client.offer("m" + i, WAIT));
        }
        client.stopWhenOutboundEmpty();
        started(client);
        await(client.done(), WAIT);
        assertEquals(ConnectionState.CLOSED, client.state());
        assertEquals(List.of("m0", "m1"), take(server, 2));
        take(server, 98);
        assertEquals(null, server.received().take(Duration.ofMillis(200)), "a graceful close resends nothing");
        assertEquals(1, client.connections());
        assertEquals(0, client.resentMessages());
    }

    @Test
    void messagesHeldForResendingWhenTheEndpointClosesAreGivenBackByUnsent() throws Exception {
        ServerReceiver<String> server1 = started(ServerReceiver.create(vertx, serverOptions()));
        ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(server1.port())
            .setReconnect(dev.tcpip.core.reconnect.ReconnectPolicy.defaults().withInitialDelay(Duration.ofSeconds(30)))));
        client.offer("a", WAIT);
        client.offer("b", WAIT);
        assertEquals(List.of("a", "b"), take(server1, 2));
        await(server1.close(), BOUND);
        awaitCondition("the window held for resending", () -> client.pendingResends() == 2);
        assertEquals(0, client.toSend().size());
        assertEquals(List.of(), await(client.unsent()), "nothing unsent while it runs");
        await(client.close(), BOUND);
        assertEquals(List.of("a", "b"), await(client.unsent()));
        assertEquals(0, client.pendingResends());
    }

    @Test
    void aFullInboundQueueStopsReadingTheSocketAndLosesNothing() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions().setInboundCapacity(5)));
        ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(server.port())));
        for (int i = 0; i < 2000; i++) {
            assertTrue(client.offer("m" + i, WAIT));
        }
        // Backpressure, observable: the queue holds its capacity and one put waits; nothing is dropped.
        awaitCondition("the inbound queue full", () -> server.received().size() == 5 && server.received().waitingPuts() == 1);
        for (int i = 0; i < 2000; i++) {
            assertEquals("m" + i, server.receive(WAIT));
        }
    }

    @Test
    void aFullOutboundQueueMakesSendWaitTrySendRefuseAndOfferTimeOut() throws Exception {
        try (Socket reserved = RawSockets.reserveRefusingPort()) {
            ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(reserved.getLocalPort()).setOutboundCapacity(2)));
            await(client.send("a"));
            await(client.send("b"));
            assertFalse(await(client.trySend("c")), "trySend refuses when full");
            assertFalse(client.offer("c", Duration.ofMillis(50)), "offer gives up after its timeout");
            Future<Void> waiting = client.send("c");
            assertFalse(waiting.isComplete(), "send waits for room");
            assertEquals(2, client.toSend().size());
            await(client.close(), BOUND);
        }
    }

    @Test
    void aHeartbeatIsSentAfterEachQuietIntervalAndAReceivedOneIsCountedNotQueued() throws Exception {
        Server<String> server = started(Server.create(vertx, serverOptions().setHeartbeat("Alive")));
        ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(server.port())
            .setHeartbeat("Alive").setHeartbeatInterval(Duration.ofMillis(50))));
        awaitCondition("three heartbeats received", () -> server.heartbeatsReceived() >= 3);
        assertEquals(0, server.received().size(), "heartbeats are not messages");
        assertTrue(client.heartbeatsSent() >= 3);
    }

    @Test
    void aHeartbeatOnTheWireIsTheTextFollowedByTheDelimiter() throws Exception {
        ServerSender<String> server = started(ServerSender.create(vertx, serverOptions().setHeartbeat("Alive")
            .setHeartbeatInterval(Duration.ofMillis(50))));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertArrayEquals("Alive\r\nAlive\r\n".getBytes(StandardCharsets.US_ASCII), RawSockets.receive(peer, 14));
        }
    }

    @Test
    void anIdleConnectionKeptAliveByHeartbeatsIsNeverRedialled() throws Exception {
        Server<String> server = started(Server.create(vertx, serverOptions().setHeartbeat("Alive")
            .setHeartbeatInterval(Duration.ofMillis(50)).setIdleTimeout(Duration.ofMillis(300))));
        ClientReceiver<String> client = started(ClientReceiver.create(vertx, clientOptions(server.port())
            .setHeartbeat("Alive").setHeartbeatInterval(Duration.ofMillis(50)).setIdleTimeout(Duration.ofMillis(300))));
        await(client.connectedWithin(WAIT));
        // Ten idle timeouts long, with no message at all: heartbeats keep both sides' idle timers quiet.
        awaitCondition("3 s of heartbeats", () -> client.heartbeatsReceived() >= 40, WAIT);
        assertEquals(1, client.connections());
        assertEquals(1, server.connections());
    }

    @Test
    void withAnIdleTimeoutASilentPeerCountsAsGoneAndTheClientRedials() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 4, java.net.InetAddress.getByName("127.0.0.1"))) {
            ClientReceiver<String> client = started(ClientReceiver.create(vertx, clientOptions(listener.getLocalPort())
                .setIdleTimeout(Duration.ofMillis(200))));
            try (Socket first = listener.accept()) {
                first.setSoTimeout((int) WAIT.toMillis());
                RawSockets.assertClosedByPeer(first);   // it sent nothing for 200 ms: closed by the client
            }
            try (Socket second = listener.accept()) {
                RawSockets.send(second, "after\r\n");
                assertEquals("after", client.receive(WAIT));
            }
        }
    }

    @Test
    void sendWaitPausesAfterEachMessage() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions()));
        ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(server.port()).setSendWait(Duration.ofMillis(100))));
        for (int i = 0; i < 5; i++) {
            client.offer("m" + i, WAIT);
        }
        assertEquals("m0", server.receive(WAIT));
        long start = System.nanoTime();
        take(server, 4);
        long elapsed = System.nanoTime() - start;
        // Four more messages, each after a 100 ms pause: at least 400 ms (a lower bound, never flaky).
        assertTrue(elapsed >= 390_000_000L, "took " + elapsed / 1_000_000 + " ms");
    }

    @Test
    void anUnexpectedIoErrorGoesToTheExceptionHandlerAndTheStateBecomesFailed() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Throwable> error = new CompletableFuture<>();
            ClientReceiver<String> client = ClientReceiver.create(vertx, clientOptions(listener.getLocalPort()).setReconnect(ReconnectPolicy.never()));
            client.exceptionHandler(error::complete);
            started(client);
            try (Socket peer = listener.accept()) {
                RawSockets.send(peer, "hello\r\n");
                assertEquals("hello", client.receive(WAIT));   // the connection is up on both sides
                peer.setSoLinger(true, 0);   // close with a reset
            }
            Throwable e = error.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(e instanceof java.io.IOException || e.getCause() instanceof java.io.IOException, e.toString());
            awaitFailure(client.done(), Throwable.class);
            assertEquals(ConnectionState.FAILED, client.state());
        }
    }

    @Test
    void receivedMessagesFlowThroughAServiceBetweenEventBusAddressesToASender() throws Exception {
        // ServerReceiver -> address "in" -> ToUpper -> address "out" -> ClientSender... here: -> ServerSender's source.
        EventBusSource<String> in = new EventBusSource<>(vertx, "pipeline.in", 10);
        EventBusSource<String> out = new EventBusSource<>(vertx, "pipeline.out", 10);
        await(in.registered());
        await(out.registered());
        ServerReceiver<String> receiver = started(new ServerReceiver<>(vertx, serverOptions(),
            dev.tcpip.core.codec.PayloadCodec.string(), new EventBusSink<>(vertx, "pipeline.in")));
        ServerSender<String> sender = started(new ServerSender<>(vertx, serverOptions(), dev.tcpip.core.codec.PayloadCodec.string(), out));
        await(vertx.deployVerticle(new ToUpper(in, new EventBusSink<>(vertx, "pipeline.out"))));
        try (Socket producer = RawSockets.rawConnect(receiver.port()); Socket consumer = RawSockets.rawConnect(sender.port())) {
            RawSockets.send(producer, "hello\r\nworld\r\n");
            assertEquals("HELLO", RawSockets.receiveLine(consumer).strip());
            assertEquals("WORLD", RawSockets.receiveLine(consumer).strip());
        }
    }

    @Test
    void theEndpointQueuesWorkAsVertxStreamsWithBackpressure() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions()));
        ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(server.port())));
        List<String> got = new CopyOnWriteArrayList<>();
        MessageQueue<String> source = new MessageQueue<>(vertx, 10);
        dev.tcpip.services.MessageStreams.readStream(source).pipeTo(client.sendStream());
        server.messages().handler(got::add);
        for (int i = 0; i < 100; i++) {
            await(source.put("s" + i));
        }
        awaitCondition("all 100 through the streams", () -> got.size() == 100);
        for (int i = 0; i < 100; i++) {
            assertEquals("s" + i, got.get(i));
        }
    }
}
