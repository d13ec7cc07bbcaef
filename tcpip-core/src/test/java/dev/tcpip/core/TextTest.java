package dev.tcpip.core;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviours 1 and 3: text lines, terminators, encodings, strict decoding, bad JSON. */
class TextTest extends TestSupport {

    @Test
    void b01_writeStrSendsExactlyTheEncodedTextPlusTerminator() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            await(server.writeStr("héllo wörld"));
            byte[] expected = "héllo wörld\r\n".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, receive(peer, expected.length));
        }
    }

    @Test
    void b01_readStrReadsThroughTerminatorStripsItAndDecodes() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "first line\r\nsecond ünïcode\r\nthird has \n and \r inside\r\n");
            assertEquals("first line", await(server.readStr()));
            assertEquals("second ünïcode", await(server.readStr()));
            assertEquals("third has \n and \r inside", await(server.readStr()));
        }
    }

    @ParameterizedTest(name = "terminator {0}")
    @ValueSource(strings = {"\r\n", "\n", "\r", "\n\r", "XYZZY"})
    void b01_anyTerminatorRoundTrips(String terminator) throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setTerminator(terminator)));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            await(server.writeStr("one"));
            await(server.writeStr("two"));
            byte[] expected = ("one" + terminator + "two" + terminator).getBytes(StandardCharsets.ISO_8859_1);
            assertArrayEquals(expected, receive(peer, expected.length));
            // Sent back split in the middle of the terminator, to exercise the delimiter search.
            byte[] wire = ("alpha" + terminator + "beta" + terminator).getBytes(StandardCharsets.ISO_8859_1);
            int cut = 5 + terminator.length() / 2 + (terminator.length() == 1 ? 1 : 0);
            send(peer, java.util.Arrays.copyOfRange(wire, 0, cut));
            var first = server.readStr();
            send(peer, java.util.Arrays.copyOfRange(wire, cut, wire.length));
            assertEquals("alpha", await(first));
            assertEquals("beta", await(server.readStr()));
        }
    }

    @ParameterizedTest(name = "encoding {0}")
    @ValueSource(strings = {"UTF-8", "UTF-16", "UTF-32", "utf-16-le", "ISO-8859-1"})
    void b01_encodingsRoundTripBetweenClientAndServer(String encoding) throws Exception {
        String text = encoding.startsWith("ISO") ? "café crème" : "héllo 世界 \uD83D\uDD2D";
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setEncoding(encoding)));
        Client client = deploy(new Client(new ClientOptions().setPort(server.port()).setEncoding(encoding)));
        await(server.connectedFuture());   // the client is connected before the server has admitted it
        await(client.writeStr(text));
        await(client.writeStr(""));
        assertEquals(text, await(server.readStr()));
        assertEquals("", await(server.readStr()));
        await(server.writeStr(text));
        assertEquals(text, await(client.readStr()));
    }

    @Test
    void b01_utf16AndUtf32WriteOneByteOrderMarkPerMessageAndReadPythonsLittleEndianOnes() throws Exception {
        OneClientServer server16 = deploy(new OneClientServer(new ServerOptions().setEncoding("UTF-16")));
        try (Socket peer = rawConnect(server16.port())) {
            await(server16.connectedFuture());
            await(server16.writeStr("A"));
            await(server16.writeStr("B"));
            assertArrayEquals(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'A', '\r', '\n', (byte) 0xFE, (byte) 0xFF, 0, 'B', '\r', '\n'},
                receive(peer, 12));
            // What Python's "é".encode("utf-16") gives on x86: a little-endian BOM.
            send(peer, new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xE9, 0, '\r', '\n'});
            assertEquals("é", await(server16.readStr()));
        }
        OneClientServer server32 = deploy(new OneClientServer(new ServerOptions().setEncoding("UTF-32")));
        try (Socket peer = rawConnect(server32.port())) {
            await(server32.connectedFuture());
            await(server32.writeStr("A"));
            assertArrayEquals(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF, 0, 0, 0, 'A', '\r', '\n'}, receive(peer, 10));
            // Python's "é".encode("utf-32"): BOM FF FE 00 00, then little-endian.
            send(peer, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, (byte) 0xE9, 0, 0, 0, '\r', '\n'});
            assertEquals("é", await(server32.readStr()));
        }
    }

    @Test
    void b01_decodingIsStrictAndTheConnectionStaysUsable() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '\r', '\n', 'o', 'k', '\r', '\n'});
            TextDecodeException e = awaitFailure(server.readStr(), TextDecodeException.class);
            assertEquals(Buffer.buffer(new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28}), e.bytes());
            assertEquals("ok", await(server.readStr()));
            assertTrue(server.connected());
        }
    }

    @Test
    void b01_writeStrOfTextTheEncodingCannotHoldFailsAndSendsNothing() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setEncoding("US-ASCII")));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            awaitFailure(server.writeStr("é"), IllegalArgumentException.class);
            await(server.writeStr("e"));
            assertArrayEquals("e\r\n".getBytes(StandardCharsets.US_ASCII), receive(peer, 3));
        }
    }

    @Test
    void b03_invalidJsonFailsWithTheLineInTheMessageAndTheConnectionStaysUsable() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "{\"a\": 1,, oops}\r\n[1, 2]\r\n{\"a\": 1} trailing\r\n\"still fine\"\r\n");
            JsonLineDecodeException e = awaitFailure(server.readJson(), JsonLineDecodeException.class);
            assertTrue(e.getMessage().contains("{\"a\": 1,, oops}"), e.getMessage());
            assertEquals("{\"a\": 1,, oops}", e.line());
            assertEquals(new JsonArray().add(1).add(2), await(server.readJson()));
            JsonLineDecodeException trailing = awaitFailure(server.readJson(), JsonLineDecodeException.class);
            assertTrue(trailing.getMessage().contains("trailing"), trailing.getMessage());
            assertEquals("still fine", await(server.readJson()));
            assertTrue(server.connected());
            await(server.writeJson(new JsonObject().put("ok", true)));
            assertArrayEquals("{\"ok\":true}\r\n".getBytes(StandardCharsets.US_ASCII), receive(peer, 13));
        }
    }
}
