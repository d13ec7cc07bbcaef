package dev.tcpip.docs;

import dev.tcpip.core.JsonLineDecodeException;
import dev.tcpip.core.LineTooLongException;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.core.TextDecodeException;
import dev.tcpip.core.framing.LengthPrefixed;
import dev.tcpip.core.codec.JsonCodec;
import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples and claims of docs/reading-and-writing.md. */
@ExtendWith(VertxExtension.class)
class ReadingWritingTest {

    static OneClientServer deploy(Vertx vertx, ServerOptions options) throws Exception {
        OneClientServer server = new OneClientServer(options);
        await(vertx.deployVerticle(server));
        return server;
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void textLines(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions());
        try (Socket controller = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(controller, "MOVE 12.5\r\n");
            // tag::text-lines[]
            Future<Void> answered = server.readStr()                 // "MOVE 12.5": terminator stripped
                .compose(cmd -> server.writeStr("OK " + cmd));       // sends "OK MOVE 12.5\r\n"
            // end::text-lines[]
            await(answered);
            assertEquals("OK MOVE 12.5\r\n", RawSockets.receiveLine(controller));
        }
    }

    @Test
    void anotherTerminator(Vertx vertx) throws Exception {
        // tag::terminator[]
        ServerOptions options = new ServerOptions()
            .setTerminator("\n");                                // or "\r", "\n\r", "XYZZY", a Buffer...
        // end::terminator[]
        OneClientServer server = deploy(vertx, options);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "a\r\nb\n");
            assertEquals("a\r", await(server.readStr()), "only the terminator is stripped");
            assertEquals("b", await(server.readStr()));
            await(server.writeStr("c"));
            assertEquals("c\n", new String(receive(peer, 2), StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n", "\r", "\n\r", "XYZZY"})
    void everyTerminatorRoundTrips(String terminator, Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions().setTerminator(terminator));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "one" + terminator + "two" + terminator);
            assertEquals("one", await(server.readStr()));
            assertEquals("two", await(server.readStr()));
            await(server.writeStr("three"));
            byte[] expected = ("three" + terminator).getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(expected, receive(peer, expected.length));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "utf-16", "utf-32", "UTF-16LE", "latin1", "ascii"})
    void encodingsRoundTrip(String encoding, Vertx vertx) throws Exception {
        String text = encoding.equals("ascii") ? "plain text" : "Cerro Pachón";
        OneClientServer server = deploy(vertx, new ServerOptions().setEncoding(encoding));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            await(server.writeStr(text));
            await(server.writeStr(text));
            byte[] sent = new byte[2 * (server.encoding().encode(text).limit() + 2 + bomLength(encoding))];
            sent = receive(peer, sent.length);
            send(peer, sent);                                     // echo the bytes back
            assertEquals(text, await(server.readStr()));
            assertEquals(text, await(server.readStr()));
        }
    }

    static int bomLength(String encoding) {
        return encoding.equals("utf-32") ? 4 : 0;   // Java's UTF-16 encoder writes its own BOM
    }

    @Test
    void utf16AndUtf32WriteAByteOrderMarkPerMessage(Vertx vertx) throws Exception {
        // tag::encoding-utf16[]
        OneClientServer server = new OneClientServer(new ServerOptions().setEncoding("utf-16"));
        // writeStr("é") sends FE FF 00 E9 0D 0A: a big-endian BOM, the text, the terminator as raw bytes
        // end::encoding-utf16[]
        await(vertx.deployVerticle(server));
        OneClientServer utf32 = deploy(vertx, new ServerOptions().setEncoding("utf-32"));
        OneClientServer utf16le = deploy(vertx, new ServerOptions().setEncoding("UTF-16LE"));
        try (Socket a = RawSockets.rawConnect(server.port()); Socket b = RawSockets.rawConnect(utf32.port());
             Socket c = RawSockets.rawConnect(utf16le.port())) {
            await(server.connectedFuture());
            await(utf32.connectedFuture());
            await(utf16le.connectedFuture());
            await(server.writeStr("é"));
            assertArrayEquals(bytes(0xFE, 0xFF, 0x00, 0xE9, 0x0D, 0x0A), receive(a, 6));
            await(utf32.writeStr("é"));
            assertArrayEquals(bytes(0, 0, 0xFE, 0xFF, 0, 0, 0, 0xE9, 0x0D, 0x0A), receive(b, 10));
            await(utf16le.writeStr("é"));
            assertArrayEquals(bytes(0xE9, 0x00, 0x0D, 0x0A), receive(c, 4));
            // What Python 3.11 on x86-64 writes: "é".encode("utf-16") and "é".encode("utf-32"), little-endian BOMs.
            send(a, bytes(0xFF, 0xFE, 0xE9, 0x00, 0x0D, 0x0A));
            assertEquals("é", await(server.readStr()));
            send(b, bytes(0xFF, 0xFE, 0x00, 0x00, 0xE9, 0x00, 0x00, 0x00, 0x0D, 0x0A));
            assertEquals("é", await(utf32.readStr()));
        }
    }

    @Test
    void theTerminatorIsRawBytesEvenInUtf16(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions().setEncoding("UTF-16BE"));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, bytes(0x0D, 0x0A, 0x0D, 0x0A));   // U+0D0A in UTF-16BE, then the terminator
            assertEquals("", await(server.readStr()), "the character's bytes look like a terminator");
            assertEquals("", await(server.readStr()));
        }
    }

    @Test
    void decodingIsStrictAndTheBadLineIsConsumed(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions());
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, bytes(0xC3, 0x28, 0x0D, 0x0A));  // not UTF-8
            send(peer, "fine\r\n");
            TextDecodeException e = awaitFailure(server.readStr(), TextDecodeException.class);
            assertArrayEquals(bytes(0xC3, 0x28), e.bytes().getBytes());
            assertEquals("fine", await(server.readStr()));
            assertTrue(server.connected());
        }
    }

    @Test
    void encodingIsStrictToo(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions().setEncoding("ascii"));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            IllegalArgumentException e = awaitFailure(server.writeStr("é"), IllegalArgumentException.class);
            assertTrue(e.getMessage().contains("US-ASCII"), e.getMessage());
            await(server.writeStr("e"));
            assertEquals("e\r\n", new String(receive(peer, 3), StandardCharsets.US_ASCII), "nothing else was sent");
        }
    }

    @Test
    void json(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions());
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "{\"cmd\": \"move\", \"az\": 12.5, \"el\": 45}\r\n");   // as Python's json.dumps writes it
            // tag::json[]
            Future<Void> replied = server.readJson().compose(msg -> {
                JsonObject cmd = (JsonObject) msg;                   // or JsonArray, String, Number, Boolean, null
                double az = cmd.getDouble("az");
                return server.writeJson(new JsonObject()
                    .put("ack", cmd.getString("cmd"))
                    .put("az", az)
                    .put("site", "Cerro Pachón"));                   // sent as "Cerro Pach\u00F3n"
            });
            // end::json[]
            await(replied);
            assertEquals("{\"ack\":\"move\",\"az\":12.5,\"site\":\"Cerro Pach\\u00F3n\"}\r\n", RawSockets.receiveLine(peer));
        }
    }

    @Test
    void jsonNanAndInfinityAreWrittenBareAsPythonDoes() {
        JsonObject value = new JsonObject().put("x", Double.NaN).put("y", Double.POSITIVE_INFINITY)
            .put("z", Double.NEGATIVE_INFINITY).put("e", "😀");
        assertEquals("{\"x\":NaN,\"y\":Infinity,\"z\":-Infinity,\"e\":\"\\uD83D\\uDE00\"}", JsonCodec.encode(value));
        assertEquals("{\"x\":\"NaN\",\"y\":\"Infinity\",\"z\":\"-Infinity\",\"e\":\"😀\"}", value.encode(),
            "Vert.x's own encode() writes them as strings");
        // A line written by Python 3.11: json.dumps({"az": float("nan"), "name": "Cerro Pachón", "e": "😀", "x": [1, 2.5, float("inf")]})
        JsonObject python = (JsonObject) JsonCodec.decode(
            "{\"az\": NaN, \"name\": \"Cerro Pach\\u00f3n\", \"e\": \"\\ud83d\\ude00\", \"x\": [1, 2.5, Infinity]}");
        assertTrue(Double.isNaN(python.getDouble("az")));
        assertEquals("Cerro Pachón", python.getString("name"));
        assertEquals("😀", python.getString("e"));
        assertEquals(Double.POSITIVE_INFINITY, python.getJsonArray("x").getDouble(2));
        assertEquals(Integer.class, python.getJsonArray("x").getValue(0).getClass());
        assertEquals(Double.class, python.getJsonArray("x").getValue(1).getClass());
        assertEquals(Long.class, ((JsonArray) JsonCodec.decode("[12345678901]")).getValue(0).getClass());
        assertEquals(BigInteger.class, ((JsonArray) JsonCodec.decode("[123456789012345678901234]")).getValue(0).getClass());
        assertEquals("plain", JsonCodec.decode("\"plain\""));
        assertEquals(null, JsonCodec.decode("null"));
        assertEquals("{\"a\":[1,2]}", JsonCodec.encode(Map.of("a", List.of(1, 2))));
    }

    @Test
    void invalidJsonFailsWithTheLineAndTheConnectionStaysUsable(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions());
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "{\"cmd\": move}\r\n{\"cmd\": \"stop\"}\r\n");
            // tag::json-invalid[]
            Future<Object> next = server.readJson()
                .recover(err -> {
                    if (err instanceof JsonLineDecodeException) {    // the message has the bad line
                        return server.writeStr("error: " + ((JsonLineDecodeException) err).line())
                            .compose(v -> server.readJson());        // the bad line is gone: read the next
                    }
                    return Future.failedFuture(err);
                });
            // end::json-invalid[]
            assertEquals(new JsonObject().put("cmd", "stop"), await(next));
            assertEquals("error: {\"cmd\": move}\r\n", RawSockets.receiveLine(peer));
            send(peer, "[1, 2\r\n");
            JsonLineDecodeException e = awaitFailure(server.readJson(), JsonLineDecodeException.class);
            assertTrue(e.getMessage().contains("[1, 2"), e.getMessage());
            assertTrue(server.connected());
        }
    }

    @Test
    void bytes(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions());
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(5).array());
            frame.write("hello".getBytes(StandardCharsets.US_ASCII));
            frame.write("rest".getBytes(StandardCharsets.US_ASCII));
            send(peer, frame.toByteArray());
            // tag::bytes-frame[]
            LengthPrefixed frames = LengthPrefixed.of(4, ByteOrder.LITTLE_ENDIAN, 64 * 1024);
            Future<Buffer> payload = server.read(frames);               // a 4-byte length, then that many bytes
            // end::bytes-frame[]
            assertEquals("hello", await(payload).toString());
            assertEquals("re", await(server.read(2)).toString(), "read(n) leaves the rest for the next read");
            assertEquals("st", await(server.read(100)).toString(), "read(n) returns what is there");
            send(peer, "a line\r\nX");
            assertEquals("a line\r\n", await(server.readUntil(Buffer.buffer("\r\n"))).toString());
            Future<Buffer> line = server.readLine();
            send(peer, "YZ\n");
            assertEquals("XYZ\n", await(line).toString(), "readLine() reads through \\n, whatever the terminator");
        }
    }

    @Test
    void readMinusOneIsNotSupported(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions());
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            awaitFailure(server.read(-1), IllegalArgumentException.class);
            awaitFailure(server.readUntil(Buffer.buffer()), IllegalArgumentException.class);
        }
    }

    @Test
    void writeLinesIsOneWriteWithNothingAdded(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions());
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            // tag::write-lines[]
            Future<Void> sent = server.writeLines(List.of(
                Buffer.buffer("#1 az=12.5\r\n"),
                Buffer.buffer("#2 el=45.0\r\n")));                  // back to back, nothing added
            // end::write-lines[]
            await(sent);
            assertEquals("#1 az=12.5\r\n#2 el=45.0\r\n", new String(receive(peer, 24), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aLineOverTheLimitFailsAndIsDiscarded(Vertx vertx) throws Exception {
        // tag::line-limit[]
        ServerOptions options = new ServerOptions().setMaxLineLength(16);   // default 64 KiB
        // end::line-limit[]
        OneClientServer server = deploy(vertx, options);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "x".repeat(40) + "\r\nnext\r\n");
            LineTooLongException e = awaitFailure(server.readStr(), LineTooLongException.class);
            assertEquals(16, e.limit());
            assertEquals("next", await(server.readStr()), "the next read starts on the next line");
            // an overlong line still arriving: the read fails early, the rest is thrown away when it comes
            Future<String> read = server.readStr();
            send(peer, "y".repeat(40));
            awaitFailure(read, LineTooLongException.class);
            send(peer, "y".repeat(40) + "\r\nafter\r\n");
            assertEquals("after", await(server.readStr()));
            send(peer, "1234567890123456\r\n");
            assertEquals("1234567890123456", await(server.readStr()), "exactly the limit is fine");
            send(peer, "z".repeat(20) + "\nlast\n");
            awaitFailure(server.readLine(), LineTooLongException.class);
            assertEquals("last\n", await(server.readLine()).toString(), "readLine() has the same limit");
            assertTrue(server.connected());
        }
    }

    @Test
    void theLimitIsPerLineNeverOnWhatIsBuffered(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions().setMaxLineLength(16));
        int lines = 50_000;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            all.append(String.format("line %07d\r\n", i));        // 14 bytes a line, 700 kB in all
        }
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, all.toString());                            // all sent before anything is read
            for (int i = 0; i < lines; i++) {
                assertEquals(String.format("line %07d", i), await(server.readStr()));
            }
        }
    }

    @Test
    void theSocketIsPausedWhileNobodyReads(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions());
        long limit = 256L << 20;
        try (SocketChannel peer = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
             Selector selector = Selector.open()) {
            await(server.connectedFuture());
            peer.configureBlocking(false);
            peer.register(selector, SelectionKey.OP_WRITE);
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
            long sent = 0;
            // Write until the kernel takes no more. If the server kept reading into memory, the socket
            // would become writable again at once and this would run to the limit. The 500 ms is how long
            // we give it to prove that nothing drains; it never delays a passing run by more than that.
            while (sent < limit) {
                int n = peer.write(fill(chunk, sent));
                sent += n;
                if (n == 0 && selector.select(500) == 0) {
                    break;
                }
                selector.selectedKeys().clear();
            }
            assertTrue(sent < 64L << 20, "the sender was stopped by TCP after " + sent + " bytes");
            // Now read: every byte arrives, in order, and the sender may go on.
            long received = 0;
            while (received < sent) {
                Buffer data = await(server.read(1 << 20));
                for (int i = 0; i < data.length(); i++) {
                    assertEquals((byte) ((received + i) % 251), data.getByte(i));
                }
                received += data.length();
            }
            assertEquals(sent, received);
            assertTrue(selector.select(Await.DEFAULT_TIMEOUT.toSeconds() * 1000) > 0, "writable again once the server reads");
        }
    }

    private static ByteBuffer fill(ByteBuffer chunk, long offset) {
        chunk.clear();
        for (int i = 0; i < chunk.capacity(); i++) {
            chunk.put((byte) ((offset + i) % 251));
        }
        return chunk.flip();
    }

    @Test
    void readsAndWritesFailWhenNotConnected(Vertx vertx) throws Exception {
        OneClientServer server = deploy(vertx, new ServerOptions());
        awaitFailure(server.readStr(), NotConnectedException.class);
        awaitFailure(server.read(1), NotConnectedException.class);
        awaitFailure(server.writeStr("nobody"), NotConnectedException.class);
        NotConnectedException e = awaitFailure(server.writeJson(new JsonObject()), NotConnectedException.class);
        assertTrue(e.getMessage().contains("not connected"), e.getMessage());
    }

    @Test
    void theEndpointsFraming(Vertx vertx) throws Exception {
        // tag::endpoint-framing[]
        OneClientServer server = new OneClientServer(new ServerOptions()
            .setFraming(LengthPrefixed.of(4, ByteOrder.BIG_ENDIAN, 1 << 20)));  // as Python's struct.pack("!i", n)
        // end::endpoint-framing[]
        await(vertx.deployVerticle(server));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, ByteBuffer.allocate(9).putInt(5).put("hello".getBytes(StandardCharsets.US_ASCII)).array());
            // tag::endpoint-framing-echo[]
            Future<Void> echoed = server.readFrame()                  // the body of the next frame
                .compose(body -> server.writeFrame(body));           // its length, then the body
            // end::endpoint-framing-echo[]
            await(echoed);
            byte[] back = receive(peer, 9);
            assertEquals(5, ByteBuffer.wrap(back).getInt());
            assertEquals("hello", new String(back, 4, 5, StandardCharsets.US_ASCII));
        }
    }
}
