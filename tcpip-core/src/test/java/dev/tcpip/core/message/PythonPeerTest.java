package dev.tcpip.core.message;

import dev.tcpip.core.codec.PayloadCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live Python peer with only socket, struct and json, qsocket's "!i" framing: a Java client against a
 * Python frame echo, and a Python client against a Java listener. Skipped when python3 is missing.
 */
class PythonPeerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Echoes every frame of one client; prints its port first. */
    private static final String PYTHON_ECHO = String.join("\n",
        "import socket, struct, sys",
        "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1)",
        "print(srv.getsockname()[1], flush=True)",
        "conn, _ = srv.accept()",
        "def exactly(n):",
        "    data = b''",
        "    while len(data) < n:",
        "        chunk = conn.recv(n - len(data))",
        "        if not chunk: return None",
        "        data += chunk",
        "    return data",
        "while True:",
        "    header = exactly(4)",
        "    if header is None: break",
        "    (n,) = struct.unpack('!i', header)",
        "    conn.sendall(struct.pack('!i', n) + exactly(n))",
        "conn.close()");

    /** Sends three JSON messages to a Java listener, prints each reply, then closes. */
    private static final String PYTHON_CLIENT = String.join("\n",
        "import json, socket, struct, sys",
        "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=20)",
        "def exactly(n):",
        "    data = b''",
        "    while len(data) < n:",
        "        chunk = s.recv(n - len(data))",
        "        if not chunk: raise EOFError('closed')",
        "        data += chunk",
        "    return data",
        "for i in range(3):",
        "    body = json.dumps({'n': i, 'text': 'h\\u00e9llo'}).encode()",
        "    s.sendall(struct.pack('!i', len(body)) + body)",
        "    (n,) = struct.unpack('!i', exactly(4))",
        "    print(json.loads(exactly(n))['reply'], flush=True)",
        "s.close()");

    private Vertx vertx;

    @BeforeEach
    void start() {
        Assumptions.assumeTrue(pythonAvailable(), "python3 not found: the live Python peer test is skipped");
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    private static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import socket, struct, json").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void aJavaClientExchangesFramesWithAPythonEcho() throws Exception {
        Process python = new ProcessBuilder("python3", "-c", PYTHON_ECHO).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII));
            int port = Integer.parseInt(out.readLine().trim());
            MessageSocket<Buffer> client = await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(port),
                PayloadCodec.bytes()));
            for (int size : new int[] {0, 1, 100, 65_536, 1_000_000}) {
                byte[] payload = new byte[size];
                for (int i = 0; i < size; i++) {
                    payload[i] = (byte) (i * 31);
                }
                client.send(Buffer.buffer(payload));
                assertArrayEquals(payload, client.receive(WAIT).getBytes(), size + " bytes");
            }
            await(client.close());
            assertTrue(python.waitFor(20, TimeUnit.SECONDS), "the Python echo ends when the client closes");
            assertEquals(0, python.exitValue());
        } finally {
            python.destroyForcibly();
        }
    }

    @Test
    void aPythonClientExchangesJsonWithAJavaListener() throws Exception {
        MessageListener<MessageSocket<Object>> listener = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.json());
        listener.connectionHandler(s -> s.handler(m -> {
            JsonObject in = (JsonObject) m;
            return s.send(new JsonObject().put("reply", in.getString("text") + " " + in.getInteger("n")));
        }));
        int port = await(listener.listen());
        ProcessBuilder builder = new ProcessBuilder("python3", "-c", PYTHON_CLIENT, Integer.toString(port))
            .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process python = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("h\u00e9llo 0", out.readLine());
            assertEquals("h\u00e9llo 1", out.readLine());
            assertEquals("h\u00e9llo 2", out.readLine());
            assertTrue(python.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, python.exitValue());
        } finally {
            python.destroyForcibly();
        }
    }
}
