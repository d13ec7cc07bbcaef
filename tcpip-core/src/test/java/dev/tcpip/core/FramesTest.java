package dev.tcpip.core;

import dev.tcpip.core.framing.FrameLengthException;
import dev.tcpip.core.framing.LengthPrefixed;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frames on real endpoints: read(Framing) and write(Framing, frame), against a live Python peer too. */
class FramesTest extends TestSupport {
    private static final LengthPrefixed BANG_I = LengthPrefixed.of(4, ByteOrder.BIG_ENDIAN, 1 << 20);

    @Test
    void aPythonPeerSendingStructPackBangIFramesIsReadAndAnswered() throws Exception {
        Assumptions.assumeTrue(Python.available(), "python3 not found on PATH: skipping the live Python length-prefix peer test");
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        String script = String.join("\n",
            "import socket, struct, sys",
            "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))",
            "bodies = [b'hello', b'', 'h\\u00e9llo \\u4e16'.encode(), bytes(range(256)) * 300]",
            "wire = b''.join(struct.pack('!i', len(b)) + b for b in bodies)",
            "for i in range(0, len(wire), 7777):",        // split anywhere, headers included
            "    s.sendall(wire[i:i + 7777])",
            "def exactly(n):",
            "    data = b''",
            "    while len(data) < n:",
            "        chunk = s.recv(n - len(data))",
            "        if not chunk: raise SystemExit('closed early')",
            "        data += chunk",
            "    return data",
            "for b in bodies:",
            "    (n,) = struct.unpack('!i', exactly(4))",
            "    got = exactly(n)",
            "    if got != b[::-1]: raise SystemExit('wrong echo for a body of %d bytes' % len(b))",
            "s.close()");
        Process python = Python.start(script, String.valueOf(server.port()));
        await(server.connectedFuture());
        int[] lengths = {5, 0, 10, 256 * 300};   // "héllo 世" is 10 bytes of UTF-8
        for (int length : lengths) {
            Buffer body = await(server.read(BANG_I));
            assertEquals(length, body.length());
            byte[] reversed = body.getBytes();
            for (int i = 0; i < reversed.length / 2; i++) {
                byte t = reversed[i];
                reversed[i] = reversed[reversed.length - 1 - i];
                reversed[reversed.length - 1 - i] = t;
            }
            await(server.write(BANG_I, Buffer.buffer(reversed)));
        }
        assertTrue(python.waitFor(30, TimeUnit.SECONDS), "python peer did not finish");
        String errors = new BufferedReader(new InputStreamReader(python.getErrorStream(), StandardCharsets.UTF_8))
            .lines().collect(Collectors.joining("\n"));
        assertEquals(0, python.exitValue(), "python peer failed:\n" + errors);
    }

    @Test
    void anOverlongFrameFailsTheReadAndTheConnectionGoesOn() throws Exception {
        LengthPrefixed small = LengthPrefixed.of(4, ByteOrder.BIG_ENDIAN, 100);
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, ByteBuffer.allocate(4).putInt(101).array());
            FrameLengthException e = awaitFailure(server.read(small), FrameLengthException.class);
            assertEquals(101, e.declaredLength());
            send(peer, new byte[101]);
            send(peer, small.encode(Buffer.buffer("next")).getBytes());
            assertEquals("next", await(server.read(small)).toString(StandardCharsets.UTF_8));
            assertTrue(server.connected());
        }
    }

    @Test
    void writeFrameRefusesAFrameOverTheMaximum() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        Client client = deploy(new Client(new ClientOptions().setPort(server.port())));
        await(server.connectedFuture());
        LengthPrefixed small = LengthPrefixed.of(2, ByteOrder.LITTLE_ENDIAN, 10);
        awaitFailure(client.write(small, Buffer.buffer(new byte[11])), IllegalArgumentException.class);
        await(client.write(small, Buffer.buffer("0123456789")));
        assertEquals("0123456789", await(server.read(small)).toString(StandardCharsets.UTF_8));
    }

    @Test
    void readFrameAndWriteFrameUseTheEndpointsFraming() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setFraming(BANG_I)));
        Client client = deploy(new Client(new ClientOptions().setPort(server.port()).setFraming(BANG_I)));
        await(server.connectedFuture());
        await(client.writeFrame(Buffer.buffer("one")));
        await(client.writeFrame(Buffer.buffer("")));
        assertEquals("one", await(server.readFrame()).toString(StandardCharsets.UTF_8));
        assertEquals(0, await(server.readFrame()).length());
        await(server.writeFrame(Buffer.buffer("back")));
        assertEquals("back", await(client.readFrame()).toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAFramingAFrameIsALineWithoutItsTerminator() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "MOVE 1\r\n");
            assertEquals("MOVE 1", await(server.readFrame()).toString(StandardCharsets.UTF_8));
            await(server.writeFrame(Buffer.buffer("OK")));
            assertEquals("OK\r\n", new String(receive(peer, 4), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void theFramingHasAJsonFormInTheOptions() {
        ServerOptions options = new ServerOptions().setFraming(LengthPrefixed.of(2, ByteOrder.LITTLE_ENDIAN, 500).withLengthIncludingHeader());
        io.vertx.core.json.JsonObject json = options.toJson();
        assertEquals(new io.vertx.core.json.JsonObject().put("type", "lengthPrefixed").put("lengthWidth", 2)
            .put("byteOrder", "little").put("maxFrameLength", 500).put("lengthIncludesHeader", true), json.getJsonObject("framing"));
        ServerOptions back = new ServerOptions(json);
        assertEquals(json, back.toJson());
        LengthPrefixed framing = (LengthPrefixed) back.getFraming();
        assertTrue(framing.lengthIncludesHeader());
        assertEquals(ByteOrder.LITTLE_ENDIAN, framing.order());
        io.vertx.core.json.JsonObject lines = new io.vertx.core.json.JsonObject().put("type", "delimited").put("delimiter", "\n").put("maxFrameLength", 80);
        assertEquals(lines, new ServerOptions(new io.vertx.core.json.JsonObject().put("framing", lines)).toJson().getJsonObject("framing"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new ServerOptions(new io.vertx.core.json.JsonObject().put("framing", new io.vertx.core.json.JsonObject().put("type", "frobnicate"))));
        assertTrue(e.getMessage().contains("unknown framing type \"frobnicate\""), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> new ServerOptions(new io.vertx.core.json.JsonObject().put("framing", new io.vertx.core.json.JsonObject().put("type", "lengthPrefixed").put("lengthWidth", 4))));
    }
}
