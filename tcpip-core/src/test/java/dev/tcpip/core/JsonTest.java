package dev.tcpip.core;

import dev.tcpip.core.codec.JsonCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour 2: JSON lines, compatible both ways with Python's json module. */
class JsonTest extends TestSupport {

    @Test
    void b02_writeJsonSendsCompactAsciiJsonThroughWriteStr() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            JsonObject value = new JsonObject().put("name", "é\u4e16").put("list", new JsonArray().add(1).add(2.5))
                .put("nan", Double.NaN).put("inf", Double.POSITIVE_INFINITY).put("ninf", Double.NEGATIVE_INFINITY)
                .putNull("none").put("yes", true);
            await(server.writeJson(value));
            String expected = "{\"name\":\"\\u00E9\\u4E16\",\"list\":[1,2.5],\"nan\":NaN,\"inf\":Infinity,"
                + "\"ninf\":-Infinity,\"none\":null,\"yes\":true}\r\n";
            assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), receive(peer, expected.length()));
        }
    }

    @Test
    void b02_readJsonDecodesNonAsciiLinesInTheEndpointsEncodingAndRefusesInvalidBytes() throws Exception {
        // ASCII lines are parsed from their bytes; any other line is decoded strictly first, as before.
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "{\"s\": \"é世\"}\r\n".getBytes(StandardCharsets.UTF_8));
            send(peer, new byte[] {'"', (byte) 0xFF, '"', '\r', '\n'});
            send(peer, "\"ok\"\r\n");
            assertEquals("é世", ((JsonObject) await(server.readJson())).getString("s"));
            awaitFailure(server.readJson(), TextDecodeException.class);
            assertEquals("ok", await(server.readJson()), "the connection stays usable");
        }
        OneClientServer latin1 = deploy(new OneClientServer(new ServerOptions().setEncoding("latin1")));
        try (Socket peer = rawConnect(latin1.port())) {
            await(latin1.connectedFuture());
            send(peer, new byte[] {'"', (byte) 0xE9, '"', '\r', '\n'});
            assertEquals("é", await(latin1.readJson()));
        }
    }

    @Test
    void b02_readJsonReadsWhatPythonsJsonDumpsWrites() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            // Exactly what json.dumps gives for these values (", " and ": " separators, \\u escapes, bare NaN).
            send(peer, "{\"a\": 1, \"b\": [1.5, NaN, Infinity, -Infinity], \"s\": \"\\u00e9\", \"n\": null}\r\n"
                + "[]\r\n3\r\n\"text\"\r\nnull\r\ntrue\r\n12345678901234567890\r\n");
            JsonObject obj = (JsonObject) await(server.readJson());
            assertEquals(1, obj.getInteger("a"));
            JsonArray b = obj.getJsonArray("b");
            assertEquals(1.5, b.getDouble(0));
            assertTrue(Double.isNaN(b.getDouble(1)));
            assertEquals(Double.POSITIVE_INFINITY, b.getDouble(2));
            assertEquals(Double.NEGATIVE_INFINITY, b.getDouble(3));
            assertEquals("é", obj.getString("s"));
            assertTrue(obj.containsKey("n") && obj.getValue("n") == null);
            assertEquals(new JsonArray(), await(server.readJson()));
            assertEquals(3, ((Number) await(server.readJson())).intValue());
            assertEquals("text", await(server.readJson()));
            assertEquals(null, await(server.readJson()));
            assertEquals(true, await(server.readJson()));
            assertEquals(new java.math.BigInteger("12345678901234567890"), await(server.readJson()));
        }
    }

    @Test
    void b02_codecRoundTripsEveryJsonKind() {
        JsonObject value = new JsonObject().put("s", "tab\t\"quote\" \u00e9 \uD83D\uDD2D").put("i", -7).put("d", 1e-300)
            .put("a", new JsonArray().add(new JsonObject()).add(new JsonArray()).addNull()).put("b", false);
        assertEquals(value, JsonCodec.decode(JsonCodec.encode(value)));
    }

    @Test
    void b02_pythonReadsWhatJavaWritesAndJavaReadsWhatPythonWrites() throws Exception {
        Assumptions.assumeTrue(Python.available(), "python3 not found on PATH: skipping the live Python JSON peer test");
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        String script = String.join("\n",
            "import asyncio, json, math, sys",
            "async def main(port):",
            "    reader, writer = await asyncio.open_connection('127.0.0.1', port)",
            "    line = await reader.readuntil(b'\\r\\n')",
            "    obj = json.loads(line.decode('utf-8'))",
            "    assert obj['s'] == 'h\\u00e9llo \\u4e16', obj",
            "    assert math.isnan(obj['nan']) and obj['inf'] == math.inf and obj['ninf'] == -math.inf, obj",
            "    assert obj['list'] == [1, 2.5, None, True], obj",
            "    obj['nan'] = 'was nan'",
            "    writer.write(json.dumps(obj).encode('utf-8') + b'\\r\\n')",
            "    writer.write(json.dumps({'py': float('nan'), 'e': '\\u00e9'}).encode('utf-8') + b'\\r\\n')",
            "    await writer.drain()",
            "    writer.close()",
            "    await writer.wait_closed()",
            "asyncio.run(main(int(sys.argv[1])))");
        Process python = Python.start(script, String.valueOf(server.port()));
        await(server.connectedFuture());
        await(server.writeJson(new JsonObject().put("s", "héllo \u4e16").put("nan", Double.NaN)
            .put("inf", Double.POSITIVE_INFINITY).put("ninf", Double.NEGATIVE_INFINITY)
            .put("list", new JsonArray().add(1).add(2.5).addNull().add(true))));
        JsonObject back = (JsonObject) await(server.readJson());
        assertEquals("héllo \u4e16", back.getString("s"));
        assertEquals("was nan", back.getString("nan"));
        assertEquals(new JsonArray().add(1).add(2.5).addNull().add(true), back.getJsonArray("list"));
        JsonObject second = (JsonObject) await(server.readJson());
        assertTrue(Double.isNaN(second.getDouble("py")));
        assertEquals("é", second.getString("e"));
        assertTrue(python.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "python peer did not finish");
        String errors = new BufferedReader(new InputStreamReader(python.getErrorStream(), StandardCharsets.UTF_8))
            .lines().reduce("", (a, b) -> a + b + "\n");
        assertEquals(0, python.exitValue(), "python peer failed:\n" + errors);
    }
}
