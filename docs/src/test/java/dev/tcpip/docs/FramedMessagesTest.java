package dev.tcpip.docs;

import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.PayloadDecodeException;
import dev.tcpip.core.TextDecodeException;
import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.framing.FrameLengthException;
import dev.tcpip.core.message.EndOfStreamException;
import dev.tcpip.core.message.MessageListener;
import dev.tcpip.core.message.MessageListenerOptions;
import dev.tcpip.core.message.MessageSocket;
import dev.tcpip.core.message.MessageSocketOptions;
import dev.tcpip.core.message.SocketSetup;
import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.Await.awaitNext;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java 17 examples of docs/framed-messages.md, its Python peer, and the wire-format claims it makes. */
@ExtendWith(VertxExtension.class)
class FramedMessagesTest {
    private static final Duration WAIT = Await.DEFAULT_TIMEOUT;

    // tag::message-echo-subclass[]
    /** qsocket's Echo: every message goes back to its sender. */
    static final class Echo extends MessageSocket<String> {
        Echo(SocketSetup<String> setup) {
            super(setup);
        }

        @Override
        protected Future<?> process(String message) {
            return send(message);                     // the next message is read once this one is queued
        }
    }
    // end::message-echo-subclass[]

    /** The JSON listener of the page: answers each command with {"ack": its name}. */
    static MessageListener<MessageSocket<Object>> jsonListener(Vertx vertx) throws Exception {
        // tag::message-json-listener[]
        MessageListener<MessageSocket<Object>> listener =
            MessageListener.create(vertx, new MessageListenerOptions().setName("mount"), PayloadCodec.json());
        listener.connectionHandler(socket -> socket.handler(message -> {
            JsonObject command = (JsonObject) message;                // {"cmd": "move", "az": 120.5, "el": 45}
            return socket.send(new JsonObject().put("ack", command.getString("cmd")));   // {"ack": "move"}
        }));
        Future<Integer> port = listener.listen();                     // 127.0.0.1, a free port
        // end::message-json-listener[]
        await(port);
        return listener;
    }

    @Test
    void anEchoListenerWithAHandler(Vertx vertx) throws Exception {
        // tag::message-echo-listener[]
        MessageListener<MessageSocket<Buffer>> listener =
            MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.bytes());
        listener.connectionHandler(socket -> socket.handler(socket::send));   // each payload back, as it came
        Future<Integer> port = listener.listen();     // completes once bound: clients may connect at once
        // end::message-echo-listener[]
        try (Socket peer = rawConnect(await(port))) {
            byte[] frames = frames(new byte[0], "héllo".getBytes(StandardCharsets.UTF_8), new byte[] {0, -1, 10});
            RawSockets.send(peer, frames);
            assertArrayEquals(frames, RawSockets.receive(peer, frames.length), "frames back byte for byte, the empty one too");
        }
    }

    @Test
    void aJsonClientWithFutures(Vertx vertx) throws Exception {
        int port = jsonListener(vertx).port();
        // tag::message-json-client[]
        Future<Object> reply = MessageSocket.connect(vertx,
                new MessageSocketOptions().setPort(port), PayloadCodec.json())
            .compose(socket -> {
                Promise<Object> first = Promise.promise();
                socket.handler(message -> {                            // on the socket's context
                    first.tryComplete(message);
                    return Future.succeededFuture();                   // ready for the next one
                });
                return socket.send(new JsonObject().put("cmd", "move").put("az", 120.5).put("el", 45))
                    .compose(sent -> first.future());                  // {"ack": "move"}
            });
        // end::message-json-client[]
        assertEquals(new JsonObject().put("ack", "move"), await(reply));
    }

    @Test
    void aQsocketStyleSubclass(Vertx vertx) throws Exception {
        // tag::message-echo-subclass-listener[]
        MessageListener<Echo> listener =
            MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string(), Echo::new);
        // end::message-echo-subclass-listener[]
        int port = await(listener.listen());
        MessageSocket<String> client = await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(port),
            PayloadCodec.string()));
        client.send("Hello echo!");
        assertEquals("Hello echo!", client.receive(WAIT));
        assertInstanceOf(Echo.class, listener.accept(WAIT), "the factory made the socket");
    }

    @Test
    void blockingReceiveAndAcceptFromAPlainThread(Vertx vertx) throws Exception {
        // tag::message-blocking[]
        MessageListener<MessageSocket<String>> listener =
            MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string());
        int port = listener.listen().await(10, TimeUnit.SECONDS);

        MessageSocket<String> alice = MessageSocket.connect(vertx,
            new MessageSocketOptions().setPort(port), PayloadCodec.string()).await(10, TimeUnit.SECONDS);
        MessageSocket<String> bob = listener.accept(Duration.ofSeconds(10));   // qsocket's listener.accept()
        alice.send("hello bob");                                  // from any thread, in order
        String got = bob.receive(Duration.ofSeconds(10));         // "hello bob"; TimeoutException if none came

        alice.close().await(10, TimeUnit.SECONDS);
        String next;
        try {
            next = bob.receive(Duration.ofSeconds(10));
        } catch (EndOfStreamException e) {
            next = "end of stream";                               // this receive and every later one
        }
        // end::message-blocking[]
        assertEquals("hello bob", got);
        assertEquals("end of stream", next);
        assertThrows(EndOfStreamException.class, () -> bob.receive(WAIT), "every receive after the end");
        awaitFailure(bob.send("anyone?"), NotConnectedException.class);
        await(listener.close());
        assertThrows(EndOfStreamException.class, () -> listener.accept(WAIT), "accept after the listener closed");
    }

    @Test
    void aStreamWithPauseAndFetch(Vertx vertx) throws Exception {
        MessageListener<MessageSocket<String>> listener =
            MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string());
        LinkedBlockingQueue<String> stored = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Promise<Void>> storing = new LinkedBlockingQueue<>();
        Promise<Void> ended = Promise.promise();
        // Stands for a slow asynchronous step (a database, a file): done when the test says so.
        Function<String, Future<Void>> store = line -> {
            stored.add(line);
            Promise<Void> done = Promise.promise();
            storing.add(done);
            return done.future();
        };
        // tag::message-stream[]
        listener.connectionHandler(socket -> {
            ReadStream<String> lines = socket.messages();
            lines.pause();                                        // nothing is read until asked for
            lines.handler(line -> store.apply(line)               // any step that returns a future
                .onComplete(done -> lines.fetch(1)));             // then one more
            lines.endHandler(v -> ended.complete());
            lines.fetch(1);
        });
        // end::message-stream[]
        int port = await(listener.listen());
        MessageSocket<String> client = await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(port),
            PayloadCodec.string()));
        for (String s : List.of("a", "b", "c")) {
            client.send(s);
        }
        await(client.close());
        for (String s : List.of("a", "b", "c")) {
            assertEquals(s, awaitNext(stored));
            Promise<Void> done = awaitNext(storing);
            assertTrue(stored.isEmpty(), "one at a time: nothing more before this one is stored");
            assertTrue(!ended.future().isComplete(), "no end before the messages before it");
            done.complete();
        }
        await(ended.future());
    }

    @Test
    void theCloseHookGetsEveryCause(Vertx vertx) throws Exception {
        MessageListener<MessageSocket<String>> listener = MessageListener.create(vertx,
            new MessageListenerOptions().setMaxFrameLength(1024), PayloadCodec.string());
        // tag::message-close-hook[]
        BlockingQueue<String> ends = new LinkedBlockingQueue<>();
        listener.connectionHandler(socket -> socket
            .closeHandler(cause -> ends.add(cause == null ? "closed" : "dropped: " + cause))   // once per socket
            .handler(socket::send));
        // end::message-close-hook[]
        int port = await(listener.listen());

        MessageSocket<String> good = await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(port),
            PayloadCodec.string()));
        good.send("before");
        assertEquals("before", good.receive(WAIT));

        assertDropped(port, ends, header(-1), FrameLengthException.class);
        assertDropped(port, ends, header(1025), FrameLengthException.class);   // the header alone is enough
        ByteArrayOutputStream cut = new ByteArrayOutputStream();
        cut.write(header(10));
        cut.write("abc".getBytes(StandardCharsets.US_ASCII));
        assertDropped(port, ends, cut.toByteArray(), IncompleteReadException.class);
        assertDropped(port, ends, new byte[] {0, 0}, IncompleteReadException.class);
        assertDropped(port, ends, frames(new byte[] {(byte) 0xC3, 0x28}), TextDecodeException.class);

        good.send("after");
        assertEquals("after", good.receive(WAIT), "the other connections never notice");
        await(good.close());
        assertEquals("closed", awaitNext(ends));
        awaitFailure(good.send("late"), NotConnectedException.class);
    }

    /** The peer sends the bytes and closes its side; the listener drops it with the cause, and closes it. */
    private static void assertDropped(int port, BlockingQueue<String> ends, byte[] bytes,
                                      Class<? extends Throwable> cause) throws Exception {
        try (Socket peer = rawConnect(port)) {
            RawSockets.send(peer, bytes);
            peer.shutdownOutput();
            String end = awaitNext(ends);
            assertTrue(end.startsWith("dropped: " + cause.getName()), end);
            RawSockets.assertClosedByPeer(peer);
        }
    }

    @Test
    void aJsonPayloadThatIsNotJsonDropsTheConnection(Vertx vertx) throws Exception {
        MessageListener<MessageSocket<Object>> listener = MessageListener.create(vertx, new MessageListenerOptions(),
            PayloadCodec.json());
        await(listener.listen());
        try (Socket peer = rawConnect(listener.port())) {
            MessageSocket<Object> accepted = listener.accept(WAIT);
            RawSockets.send(peer, frames("{nope".getBytes(StandardCharsets.UTF_8)));
            EndOfStreamException end = assertThrows(EndOfStreamException.class, () -> accepted.receive(WAIT));
            assertInstanceOf(PayloadDecodeException.class, end.getCause());
            RawSockets.assertClosedByPeer(peer);
        }
    }

    @Test
    void whatGoesOnTheWire(Vertx vertx) throws Exception {
        MessageListener<MessageSocket<Object>> listener = MessageListener.create(vertx, new MessageListenerOptions(),
            PayloadCodec.json());
        await(listener.listen());
        try (Socket peer = rawConnect(listener.port())) {
            MessageSocket<Object> accepted = listener.accept(WAIT);
            accepted.send(new JsonObject().put("ack", "move"));
            accepted.send("hi");
            assertArrayEquals(frames("{\"ack\":\"move\"}".getBytes(StandardCharsets.UTF_8), "\"hi\"".getBytes(StandardCharsets.UTF_8)),
                RawSockets.receive(peer, 4 + 14 + 4 + 4));
        }
        MessageSocket<Object> client = await(MessageSocket.connect(vertx,
            new MessageSocketOptions().setPort(listener.port()).setMaxFrameLength(1024), PayloadCodec.json()));
        awaitFailure("a message longer than the maximum", client.send("x".repeat(2000)),
            IllegalArgumentException.class);
        assertTrue(client.isOpen(), "a send that fails to encode leaves the socket open");
    }

    @Test
    void thePythonPeerOnThePageTalksToTheJavaListener(Vertx vertx) throws Exception {
        Ctypes.assumePython();
        String script = Ctypes.pythonBlock("framed-messages.md", "import struct");
        MessageListener<MessageSocket<Object>> listener = jsonListener(vertx);
        Path file = Files.createTempFile("peer", ".py");
        Path out = Files.createTempFile("peer", ".out");
        Path err = Files.createTempFile("peer", ".err");
        try {
            Files.writeString(file, script);
            Process p = new ProcessBuilder("python3", file.toString(), String.valueOf(listener.port()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(WAIT.toSeconds() * 3, TimeUnit.SECONDS), "python3 did not finish");
            String stderr = Files.readString(err);
            assertEquals(0, p.exitValue(), () -> "python3 failed: " + stderr);
            assertEquals("{'ack': 'move'}\n{'ack': 'stop'}\nNone\n", Files.readString(out));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Frames in the default format: each payload after its 4-byte signed big-endian length. */
    static byte[] frames(byte[]... payloads) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (byte[] payload : payloads) {
            out.writeInt(payload.length);
            out.write(payload);
        }
        return bytes.toByteArray();
    }

    /** A header alone: the 4-byte signed big-endian length. */
    static byte[] header(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }
}
