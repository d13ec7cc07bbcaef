package dev.tcpip.core.message;

import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.PayloadDecodeException;
import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.framing.Delimited;
import dev.tcpip.core.framing.FrameLengthException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.Await.awaitNext;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The qsocket behaviours of seed-features.md, one test each, on a listener and connected sockets. */
class MessageSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** qsocket's Echo: process sends the message back. */
    static final class Echo<T> extends MessageSocket<T> {
        Echo(SocketSetup<T> setup) {
            super(setup);
        }

        @Override
        protected Future<?> process(T message) {
            return send(message);
        }
    }

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    private <T> MessageListener<Echo<T>> echoListener(PayloadCodec<T> codec) throws Exception {
        MessageListener<Echo<T>> listener = MessageListener.create(vertx, new MessageListenerOptions(), codec, Echo::new);
        await(listener.listen());
        return listener;
    }

    private <T> MessageSocket<T> connect(int port, PayloadCodec<T> codec) throws Exception {
        return await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(port), codec));
    }

    @Test
    void theSizeLadderComesBackByteIdentical() throws Exception {
        MessageListener<Echo<Buffer>> listener = echoListener(PayloadCodec.bytes());
        MessageSocket<Buffer> alice = connect(listener.port(), PayloadCodec.bytes());
        Random random = new Random(13);
        for (int size : new int[] {100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            alice.send(Buffer.buffer(payload));
            assertArrayEquals(payload, alice.receive(WAIT).getBytes(), size + " bytes");
        }
    }

    @Test
    void jsonPingPongBothWays() throws Exception {
        MessageListener<MessageSocket<Object>> listener = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.json());
        await(listener.listen());
        MessageSocket<Object> alice = connect(listener.port(), PayloadCodec.json());
        MessageSocket<Object> bob = listener.accept(WAIT);
        alice.send(new JsonObject().put("action", "subscribe").put("n", 1));
        assertEquals(new JsonObject().put("action", "subscribe").put("n", 1), bob.receive(WAIT));
        bob.send(new JsonArray().add("pong").add(2.5));
        assertEquals(new JsonArray().add("pong").add(2.5), alice.receive(WAIT));
        bob.send("text");
        bob.send(null);
        bob.send(42);
        assertEquals("text", alice.receive(WAIT));
        assertNull(alice.receive(WAIT), "JSON null is a message");
        assertEquals(42, alice.receive(WAIT));
    }

    @Test
    void aRemoteCloseIsSeenByBothSidesOnEveryReceive() throws Exception {
        MessageListener<MessageSocket<String>> listener = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string());
        await(listener.listen());
        MessageSocket<String> alice = connect(listener.port(), PayloadCodec.string());
        MessageSocket<String> bob = listener.accept(WAIT);
        bob.send("last words");
        await(bob.close());
        assertThrows(EndOfStreamException.class, () -> bob.receive(WAIT));
        assertThrows(EndOfStreamException.class, () -> bob.receive(WAIT), "again, not once");
        assertEquals("last words", alice.receive(WAIT), "what was sent before the close arrives first");
        assertThrows(EndOfStreamException.class, () -> alice.receive(WAIT));
        assertThrows(EndOfStreamException.class, () -> alice.receive(WAIT), "again, not once");
    }

    @Test
    void aLocalCloseIsSeenByBothSides() throws Exception {
        MessageListener<MessageSocket<String>> listener = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string());
        await(listener.listen());
        MessageSocket<String> alice = connect(listener.port(), PayloadCodec.string());
        MessageSocket<String> bob = listener.accept(WAIT);
        await(alice.close());
        assertThrows(EndOfStreamException.class, () -> alice.receive(WAIT));
        assertThrows(EndOfStreamException.class, () -> bob.receive(WAIT));
        awaitFailure(bob.send("to nobody"), NotConnectedException.class);
    }

    @Test
    void aSendAfterTheRemoteCloseFails() throws Exception {
        MessageListener<MessageSocket<String>> listener = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string());
        await(listener.listen());
        MessageSocket<String> alice = connect(listener.port(), PayloadCodec.string());
        MessageSocket<String> bob = listener.accept(WAIT);
        await(bob.close());
        await(alice.closeFuture());
        awaitFailure(alice.send("anyone?"), NotConnectedException.class);
    }

    @Test
    void theCloseHookRunsOnceForALocalAndForARemoteClose() throws Exception {
        MessageListener<MessageSocket<String>> listener = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string());
        await(listener.listen());
        AtomicInteger aliceHooks = new AtomicInteger();
        AtomicInteger bobHooks = new AtomicInteger();
        MessageSocket<String> alice = connect(listener.port(), PayloadCodec.string()).closeHandler(e -> aliceHooks.incrementAndGet());
        MessageSocket<String> bob = listener.accept(WAIT).closeHandler(e -> bobHooks.incrementAndGet());
        await(alice.close());
        await(alice.close());
        await(bob.closeFuture());
        await(bob.close());
        await(listener.close());
        assertEquals(1, aliceHooks.get(), "local close");
        assertEquals(1, bobHooks.get(), "remote close");
    }

    @Test
    void receiveTimesOutWhenNothingComes() throws Exception {
        MessageListener<Echo<String>> listener = echoListener(PayloadCodec.string());
        MessageSocket<String> alice = connect(listener.port(), PayloadCodec.string());
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> alice.receive(Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(100).toNanos());
        alice.send("still works");
        assertEquals("still works", alice.receive(WAIT));
    }

    @Test
    void afterTheListenerClosesEveryAcceptGetsTheEnd() throws Exception {
        MessageListener<MessageSocket<String>> listener = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string());
        await(listener.listen());
        LinkedBlockingQueue<Throwable> waiting = new LinkedBlockingQueue<>();
        Thread waiter = new Thread(() -> {
            try {
                listener.accept(Duration.ofSeconds(30));
            } catch (Exception e) {
                waiting.add(e);
            }
        });
        waiter.start();
        awaitCondition("the waiter blocks in accept", () -> waiter.getState() == Thread.State.TIMED_WAITING);
        await(listener.close());
        assertInstanceOf(EndOfStreamException.class, awaitNext(waiting), "the waiting accept");
        assertThrows(EndOfStreamException.class, () -> listener.accept(WAIT), "a later accept");
        assertThrows(EndOfStreamException.class, () -> listener.accept(WAIT), "and the next");
    }

    @Test
    void aBindFailureIsReportedThroughTheListenFuture() throws Exception {
        MessageListener<MessageSocket<String>> first = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string());
        int port = await(first.listen());
        MessageListener<MessageSocket<String>> second = MessageListener.create(vertx,
            new MessageListenerOptions().setPort(port), PayloadCodec.string());
        BindException e = awaitFailure(second.listen(), BindException.class);
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + port + ": "), e.getMessage());
    }

    @Test
    void theListenerIsBoundWhenListenCompletesAndBindsLoopback() throws Exception {
        MessageListener<Echo<String>> listener = echoListener(PayloadCodec.string());
        try (Socket s = rawConnect(listener.port())) {
            assertEquals("/127.0.0.1", s.getInetAddress().toString());
        }
    }

    @Test
    void aConnectFailureNamesTheAddress() throws Exception {
        try (Socket reserved = dev.tcpip.testsupport.RawSockets.reserveRefusingPort()) {
            int port = reserved.getLocalPort();
            ConnectException e = awaitFailure(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(port),
                PayloadCodec.string()), ConnectException.class);
            assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    void aNegativeLengthClosesOnlyThatConnectionWithTheCause() throws Exception {
        assertHostileLengthClosesOneConnection(-1, "negative");
    }

    @Test
    void aLengthOverTheMaximumClosesOnlyThatConnectionBeforeTheBodyArrives() throws Exception {
        assertHostileLengthClosesOneConnection(1025, "1025");
    }

    private void assertHostileLengthClosesOneConnection(int length, String inMessage) throws Exception {
        MessageListener<MessageSocket<Buffer>> listener = MessageListener.create(vertx,
            new MessageListenerOptions().setMaxFrameLength(1024), PayloadCodec.bytes());
        await(listener.listen());
        LinkedBlockingQueue<Throwable> causes = new LinkedBlockingQueue<>();
        listener.connectionHandler(s -> {
            s.closeHandler(e -> causes.add(e == null ? new AssertionError("no cause") : e));
            s.handler(s::send);
        });
        MessageSocket<Buffer> good = connect(listener.port(), PayloadCodec.bytes());
        try (Socket hostile = rawConnect(listener.port())) {
            DataOutputStream out = new DataOutputStream(hostile.getOutputStream());
            out.writeInt(length);   // and no body: the header alone must be enough
            out.flush();
            Throwable cause = awaitNext(causes);
            assertInstanceOf(FrameLengthException.class, cause);
            assertTrue(cause.getMessage().contains(inMessage), cause.getMessage());
            assertEquals(-1, hostile.getInputStream().read(), "the hostile connection is closed");
        }
        good.send(Buffer.buffer("still served"));
        assertEquals("still served", good.receive(WAIT).toString());
    }

    @Test
    void aPayloadTheCodecRejectsClosesTheConnectionWithTheCause() throws Exception {
        MessageListener<MessageSocket<Object>> listener = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.json());
        await(listener.listen());
        try (Socket hostile = rawConnect(listener.port())) {
            MessageSocket<Object> accepted = listener.accept(WAIT);
            DataOutputStream out = new DataOutputStream(hostile.getOutputStream());
            out.writeInt(5);
            out.writeBytes("{nope");
            out.flush();
            EndOfStreamException end = assertThrows(EndOfStreamException.class, () -> accepted.receive(WAIT));
            assertInstanceOf(PayloadDecodeException.class, end.getCause());
        }
    }

    @Test
    void framesSplitOneBytePerWriteAreReassembled() throws Exception {
        MessageListener<Echo<Buffer>> listener = echoListener(PayloadCodec.bytes());
        try (Socket peer = rawConnect(listener.port())) {
            peer.setTcpNoDelay(true);
            byte[] frame = {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'};
            for (byte b : frame) {
                peer.getOutputStream().write(b);
                peer.getOutputStream().flush();
            }
            DataInputStream in = new DataInputStream(peer.getInputStream());
            assertEquals(5, in.readInt());
            byte[] body = new byte[5];
            in.readFully(body);
            assertArrayEquals("hello".getBytes(), body);
        }
    }

    @Test
    void withADelimitedFramingMessagesAreLinesAndATrailingPartialLineIsReported() throws Exception {
        MessageListenerOptions lines = new MessageListenerOptions()
            .setFraming(Delimited.of(Buffer.buffer("\r\n"), 100));
        MessageListener<MessageSocket<String>> listener = MessageListener.create(vertx, lines, PayloadCodec.string());
        await(listener.listen());
        LinkedBlockingQueue<Throwable> causes = new LinkedBlockingQueue<>();
        try (Socket peer = rawConnect(listener.port())) {
            MessageSocket<String> accepted = listener.accept(WAIT);
            accepted.closeHandler(e -> causes.add(e == null ? new AssertionError("no cause") : e));
            peer.getOutputStream().write("h\u00e9llo\r\nworld\r\npartial".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            await(accepted.send("back"));
            byte[] reply = new byte[6];
            new DataInputStream(peer.getInputStream()).readFully(reply);
            assertEquals("back\r\n", new String(reply, java.nio.charset.StandardCharsets.US_ASCII), "sent as a line");
            assertEquals("h\u00e9llo", accepted.receive(WAIT));
            assertEquals("world", accepted.receive(WAIT));
            peer.shutdownOutput();
            dev.tcpip.core.IncompleteReadException partial =
                assertInstanceOf(dev.tcpip.core.IncompleteReadException.class, awaitNext(causes));
            assertEquals("partial", partial.partial().toString(), "the partial last line is reported, not dropped");
            assertThrows(EndOfStreamException.class, () -> accepted.receive(WAIT));
        }
    }

    @Test
    void aLineOverTheMaximumClosesTheConnectionWithTheCause() throws Exception {
        MessageListener<MessageSocket<String>> listener = MessageListener.create(vertx,
            new MessageListenerOptions().setFraming(Delimited.of(Buffer.buffer("\n"), 100)).setMaxFrameLength(10),
            PayloadCodec.string());
        await(listener.listen());
        try (Socket peer = rawConnect(listener.port())) {
            MessageSocket<String> accepted = listener.accept(WAIT);
            peer.getOutputStream().write("0123456789ABC\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            EndOfStreamException end = assertThrows(EndOfStreamException.class, () -> accepted.receive(WAIT));
            assertInstanceOf(dev.tcpip.core.LineTooLongException.class, end.getCause());
        }
    }

    @Test
    void concurrentSendersNeverInterleaveFrames() throws Exception {
        MessageListener<MessageSocket<String>> listener = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string());
        await(listener.listen());
        MessageSocket<String> alice = connect(listener.port(), PayloadCodec.string());
        MessageSocket<String> bob = listener.accept(WAIT);
        int threads = 4;
        int each = 2_000;
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String letter = String.valueOf((char) ('a' + t));
            Thread sender = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    alice.send(letter.repeat(100 + i % 50) + i);
                }
            });
            sender.start();
            senders.add(sender);
        }
        int[] next = new int[threads];
        for (int n = 0; n < threads * each; n++) {
            String m = bob.receive(WAIT);
            int t = m.charAt(0) - 'a';
            assertEquals(letter(t).repeat(100 + next[t] % 50) + next[t], m, "whole and in each sender's order");
            next[t]++;
        }
        for (Thread s : senders) {
            s.join();
        }
    }

    private static String letter(int t) {
        return String.valueOf((char) ('a' + t));
    }

    @Test
    void aFullReceiveQueuePausesTheSocketAndLosesNothing() throws Exception {
        MessageListener<MessageSocket<String>> listener = MessageListener.create(vertx,
            new MessageListenerOptions().setReceiveQueueCapacity(4), PayloadCodec.string());
        await(listener.listen());
        MessageSocket<String> alice = connect(listener.port(), PayloadCodec.string());
        MessageSocket<String> bob = listener.accept(WAIT);
        for (int i = 0; i < 10_000; i++) {
            alice.send("m" + i);
        }
        awaitCondition("bob's queue fills", () -> bob.queuedMessages() == 4);
        for (int i = 0; i < 10_000; i++) {
            assertEquals("m" + i, bob.receive(WAIT));
        }
    }

    @Test
    void messagesComeThroughAStreamWithBackpressure() throws Exception {
        MessageListener<MessageSocket<String>> listener = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string());
        await(listener.listen());
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> ends = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<MessageSocket<String>> accepted = new LinkedBlockingQueue<>();
        listener.connections().handler(s -> {
            s.messages().pause();
            s.messages().endHandler(v -> ends.add("end")).handler(got::add);
            s.messages().fetch(2);
            accepted.add(s);
        });
        MessageSocket<String> alice = connect(listener.port(), PayloadCodec.string());
        for (int i = 0; i < 5; i++) {
            alice.send("s" + i);
        }
        MessageSocket<String> bob = awaitNext(accepted);
        assertEquals("s0", awaitNext(got));
        assertEquals("s1", awaitNext(got));
        // Paused: the socket is not read, so the other three stay in the kernel's buffers, not in the heap.
        await(alice.send("s5"));
        assertTrue(got.isEmpty(), "paused after the two fetched: " + got);
        assertEquals(0, bob.queuedMessages(), "nothing read ahead into the queue");
        await(alice.close());
        assertTrue(ends.isEmpty(), "no end before the messages before it");
        bob.messages().resume();
        assertEquals("s2", awaitNext(got));
        assertEquals("s3", awaitNext(got));
        assertEquals("s4", awaitNext(got));
        assertEquals("s5", awaitNext(got));
        assertEquals("end", awaitNext(ends));
    }
}
