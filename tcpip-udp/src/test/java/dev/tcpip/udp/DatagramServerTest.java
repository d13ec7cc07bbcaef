package dev.tcpip.udp;

import dev.tcpip.core.codec.PayloadCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** python-easyservers' UDPServer and UDPClient behaviours, with its faults fixed. */
class DatagramServerTest extends UdpTest {
    private DatagramServer<String> echo(DatagramOptions options) {
        return DatagramServer.create(vertx, options, PayloadCodec.string(), (message, sender, reply) -> reply.send("echo:" + message, sender));
    }

    @Test
    void theServerBindsTheGivenHostAndTheDefaultIsLoopback() throws Exception {
        assertEquals("127.0.0.1", new DatagramOptions().getHost());
        DatagramServer<String> server = started(echo(new DatagramOptions()));
        assertEquals("127.0.0.1", server.localAddress().host());
        DatagramServer<String> named = started(echo(new DatagramOptions().setHost("localhost")));
        assertTrue(InetAddress.getByName(named.localAddress().host()).isLoopbackAddress(), named.localAddress().host());
    }

    @Test
    void theHandlerIsCalledWithMessageAddressAndReplyAndTheReplyReachesTheSender() throws Exception {
        DatagramServer<String> server = started(echo(new DatagramOptions()));
        DatagramSocket peer = peer();
        send(peer, server.port(), "JOIN alice");
        assertEquals("echo:JOIN alice", receive(peer));
        assertEquals(1, server.receivedDatagrams());
        awaitCondition("the reply counted", () -> server.sentDatagrams() == 1);
    }

    @Test
    void withoutHandlerThreadsHandlersRunInOrderOnOneContext() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        DatagramServer<String> server = started(DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (message, sender, reply) -> {
                seen.add(message);
                threads.add(Thread.currentThread());
            }));
        DatagramSocket peer = peer();
        for (int i = 0; i < 200; i++) {
            send(peer, server.port(), "m" + i);
        }
        awaitCondition("200 handled", () -> seen.size() == 200);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, seen, "in order (loopback keeps the order)");
        assertEquals(1, threads.size());
        assertTrue(threads.iterator().next().getName().contains("eventloop"), threads.toString());
    }

    @Test
    void withHandlerThreadsHandlersRunOnABoundedPoolNotAThreadPerDatagram() throws Exception {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(100);
        CountDownLatch release = new CountDownLatch(1);
        DatagramServer<String> server = started(DatagramServer.create(vertx, new DatagramOptions().setHandlerThreads(3),
            PayloadCodec.string(), (message, sender, reply) -> {
                threads.add(Thread.currentThread());
                release.await(10, TimeUnit.SECONDS);   // handlers may block on the pool
                all.countDown();
            }));
        DatagramSocket peer = peer();
        for (int i = 0; i < 100; i++) {
            send(peer, server.port(), "m" + i);
        }
        awaitCondition("three handlers blocked at once", () -> threads.size() == 3);
        release.countDown();
        assertTrue(all.await(10, TimeUnit.SECONDS), "every datagram handled");
        assertEquals(3, threads.size(), "at most the pool's threads: " + threads);
    }

    @Test
    void aFloodBeyondThePendingLimitIsDroppedAndCountedWithMemoryBounded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DatagramServer<String> server = started(DatagramServer.create(vertx, new DatagramOptions().setHandlerThreads(1)
            .setMaxPendingHandlers(10), PayloadCodec.string(), (message, sender, reply) -> release.await(10, TimeUnit.SECONDS)));
        DatagramSocket peer = peer();
        for (int i = 0; i < 100; i++) {
            send(peer, server.port(), "m" + i);
        }
        awaitCondition("drops counted", () -> server.receivedDatagrams() == 100);
        assertEquals(90, server.droppedDatagrams());
        release.countDown();
    }

    @Test
    void aTaskRunsPeriodicallyAndCanBeCreatedWithoutStarting() throws Exception {
        DatagramServer<String> server = started(echo(new DatagramOptions()));
        BackgroundTask task = server.task("tick", Duration.ofMillis(10), () -> { }, false);
        assertEquals(0, task.runs());
        await(server.context().<Void>executeBlocking(() -> null));
        assertTrue(!task.isRunning());
        await(task.start());
        awaitCondition("three runs", () -> task.runs() >= 3);
        await(task.cancel());
        long runs = task.runs();
        awaitFailure(task.start(), IllegalStateException.class);
        assertEquals(runs, task.runs());
    }

    @Test
    void aTaskThatThrowsIsCountedAndRunsAgain() throws Exception {
        DatagramServer<String> server = started(echo(new DatagramOptions()));
        BackgroundTask task = server.task("failing", Duration.ofMillis(10), () -> {
            throw new IllegalStateException("boom");
        }, true);
        awaitCondition("it ran again after failing", () -> task.failures() >= 2);
    }

    @Test
    void closeReleasesThePortAndStopsTheTasks() throws Exception {
        DatagramServer<String> server = started(echo(new DatagramOptions()));
        BackgroundTask task = server.task("tick", Duration.ofMillis(10), () -> { }, true);
        awaitCondition("running", () -> task.runs() >= 1);
        int port = server.port();
        await(server.close());
        long runs = task.runs();
        // The JDK releases a channel registered with a selector at the selector's next turn: poll briefly.
        awaitCondition("the port free again", () -> {
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port))) {
                return again.getLocalPort() == port;
            } catch (java.io.IOException inUse) {
                return false;
            }
        });
        awaitFailure(server.send("late", address(peer())), IllegalStateException.class);
        assertTrue(task.runs() <= runs + 1, "no more runs after close");
        assertTrue(!task.isRunning());
    }

    @Test
    void theMaximumDatagramIs2048ByDefaultAndALongerOneIsCountedNeverCut() throws Exception {
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        DatagramServer<Buffer> server = started(DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.bytes(),
            (message, sender, reply) -> sizes.add(message.length())));
        DatagramSocket peer = peer();
        send(peer, server.port(), new byte[2048]);
        send(peer, server.port(), new byte[2049]);
        send(peer, server.port(), new byte[5000]);
        send(peer, server.port(), new byte[1]);
        awaitCondition("four received", () -> server.receivedDatagrams() == 4);
        awaitCondition("two handled", () -> sizes.size() == 2);
        assertEquals(List.of(2048, 1), sizes, "whole datagrams only");
        assertEquals(2, server.oversizeDatagrams());
    }

    @Test
    void theMaximumIsSettableUpTo65507AndSuchADatagramArrivesWhole() throws Exception {
        List<Buffer> got = new CopyOnWriteArrayList<>();
        DatagramServer<Buffer> server = started(DatagramServer.create(vertx, new DatagramOptions().setMaxDatagramSize(65_507),
            PayloadCodec.bytes(), (message, sender, reply) -> got.add(message)));
        byte[] big = new byte[65_507];
        Arrays.fill(big, (byte) 7);
        big[65_506] = 9;
        send(peer(), server.port(), big);
        awaitCondition("received", () -> got.size() == 1);
        assertArrayEquals(big, got.get(0).getBytes());
    }

    @Test
    void aSendLongerThanTheMaximumFailsInsteadOfGoingOut() throws Exception {
        DatagramServer<Buffer> server = started(DatagramServer.create(vertx, new DatagramOptions().setMaxDatagramSize(10),
            PayloadCodec.bytes(), (message, sender, reply) -> { }));
        awaitFailure(server.send(Buffer.buffer(new byte[11]), address(peer())), IllegalArgumentException.class);
    }

    @Test
    void theCodecIsTheCallersAndAStringReplyWorksWhateverTheCodec() throws Exception {
        DatagramServer<Buffer> bytes = started(DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.bytes(),
            (message, sender, reply) -> reply.sendText("got " + message.length() + " bytes: h\u00e9", sender)));
        DatagramServer<Object> json = started(DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.json(),
            (message, sender, reply) -> reply.send(new JsonObject().put("echo", message), sender)));
        DatagramSocket peer = peer();
        send(peer, bytes.port(), new byte[] {1, 2, 3});
        assertEquals("got 3 bytes: h\u00e9", receive(peer));
        send(peer, json.port(), "[1,2]");
        assertEquals(new JsonObject().put("echo", new io.vertx.core.json.JsonArray("[1,2]")), new JsonObject(receive(peer)));
    }

    @Test
    void aDatagramTheCodecRejectsIsCountedAndTheServerGoesOn() throws Exception {
        DatagramServer<String> server = started(echo(new DatagramOptions()));
        DatagramSocket peer = peer();
        send(peer, server.port(), new byte[] {(byte) 0xC3, (byte) 0x28});   // not UTF-8
        send(peer, server.port(), "after");
        assertEquals("echo:after", receive(peer));
        assertEquals(1, server.undecodableDatagrams());
    }

    @Test
    void anExceptionInAHandlerIsCaughtLoggedAndCountedAndTheServerKeepsServing() throws Exception {
        DatagramServer<String> server = started(DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (message, sender, reply) -> {
                if (message.equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                reply.send("ok " + message, sender);
            }));
        DatagramSocket peer = peer();
        send(peer, server.port(), "boom");
        send(peer, server.port(), "boom");
        send(peer, server.port(), "next");
        assertEquals("ok next", receive(peer));
        assertEquals(2, server.handlerFailures());
    }

    @Test
    void aBindFailureIsReportedWithTheAddress() throws Exception {
        DatagramSocket taken = peer();
        DatagramServer<String> server = echo(new DatagramOptions().setPort(taken.getLocalPort()));
        java.net.BindException e = awaitFailure(server.start(), java.net.BindException.class);
        assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        await(server.close());
    }

    @Test
    void aFloodFromOneSenderDoesNotStopTheServerAnsweringAnother() throws Exception {
        DatagramServer<String> server = started(echo(new DatagramOptions()));
        DatagramSocket flooder = peer();
        byte[] junk = "flood".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < 100_000; i++) {
            send(flooder, server.port(), junk);
        }
        DatagramSocket other = peer();
        other.setSoTimeout(500);
        // UDP may drop under a flood: ask again until answered, within a deadline.
        long deadline = System.nanoTime() + WAIT.toNanos();
        String answer = null;
        while (answer == null && System.nanoTime() < deadline) {
            send(other, server.port(), "still there?");
            try {
                answer = receive(other);
            } catch (java.net.SocketTimeoutException retry) {
                // asked again
            }
        }
        assertEquals("echo:still there?", answer);
    }

    @Test
    void theClientReceivesOnItsOwnContextAndSendsBeforeAndAfterItsFirstReceive() throws Exception {
        DatagramServer<String> server = started(echo(new DatagramOptions()));
        List<String> got = new CopyOnWriteArrayList<>();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        DatagramClient<String> client = started(DatagramClient.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (String message, io.vertx.core.net.SocketAddress sender) -> {
                got.add(message + " from " + sender.port());
                threads.add(Thread.currentThread());
            }));
        io.vertx.core.net.SocketAddress to = io.vertx.core.net.SocketAddress.inetSocketAddress(server.port(), "127.0.0.1");
        await(client.send("first", to));
        awaitCondition("first echo", () -> got.size() == 1);
        await(client.send("second", to));
        awaitCondition("second echo", () -> got.size() == 2);
        assertEquals(List.of("echo:first from " + server.port(), "echo:second from " + server.port()), got);
        assertEquals(1, threads.size());
        assertEquals("127.0.0.1", client.localAddress().host());
    }

    @Test
    void theOptionsJsonFormRoundTripsAndBadValuesAreRefused() {
        DatagramOptions o = new DatagramOptions().setName("n").setHost("localhost").setPort(9).setMaxDatagramSize(100)
            .setHandlerThreads(2).setMaxPendingHandlers(5).setReceiveBufferSize(0).setOversizeLogInterval(Duration.ofMillis(1500))
            .setCharset(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(o.toJson(), new DatagramOptions(o.toJson()).toJson());
        assertEquals(new DatagramOptions().toJson(), new DatagramOptions(new JsonObject()).toJson());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> o.setMaxDatagramSize(65_508));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> o.setMaxDatagramSize(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> o.setHandlerThreads(-1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> o.setHost(""));
    }
}
