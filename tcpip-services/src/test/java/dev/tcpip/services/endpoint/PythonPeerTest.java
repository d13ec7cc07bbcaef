package dev.tcpip.services.endpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.testsupport.Await.awaitNext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each endpoint kind against a live Python peer speaking pysocklib's wire (src/test/resources/pysocklib_peer.py,
 * stdlib socket only); skipped with a message without python3.
 */
class PythonPeerTest extends EndpointTest {
    @TempDir
    Path dir;

    @Test
    void aServerReceiverGetsAPythonClientsMessagesInOrder() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions()));
        Peer python = peer("client", server.port(), "send", "Hello", "World", "h\u00e9llo");
        assertEquals(List.of("Hello", "World", "h\u00e9llo"), take(server, 3));
        python.assertOk(List.of());
    }

    @Test
    void aServerSenderSendsToAPythonClient() throws Exception {
        ServerSender<String> server = started(ServerSender.create(vertx, serverOptions()));
        server.offer("Hello", WAIT);
        server.offer("World", WAIT);
        peer("client", server.port(), "receive", "2").assertOk(List.of("GOT Hello", "GOT World"));
    }

    @Test
    void aServerExchangesBothWaysWithAPythonClient() throws Exception {
        Server<String> server = started(Server.create(vertx, serverOptions()));
        server.offer("s1", WAIT);
        server.offer("s2", WAIT);
        Peer python = peer("client", server.port(), "both", "2", "c1", "c2");
        assertEquals(List.of("c1", "c2"), take(server, 2));
        python.assertOk(List.of("GOT s1", "GOT s2"));
    }

    @Test
    void aClientSenderSendsToAPythonServer() throws Exception {
        Peer python = peer("server", 0, "receive", "2");
        ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(python.port())));
        client.offer("Hello", WAIT);
        client.offer("World", WAIT);
        python.assertOk(List.of("GOT Hello", "GOT World"));
    }

    @Test
    void aClientReceiverGetsAPythonServersMessagesInOrder() throws Exception {
        Peer python = peer("server", 0, "send", "Hello", "World");
        ClientReceiver<String> client = started(ClientReceiver.create(vertx, clientOptions(python.port())));
        assertEquals(List.of("Hello", "World"), take(client, 2));
        python.assertOk(List.of());
    }

    @Test
    void aClientExchangesBothWaysWithAPythonServer() throws Exception {
        Peer python = peer("server", 0, "both", "2", "s1", "s2");
        Client<String> client = started(Client.create(vertx, clientOptions(python.port())));
        client.offer("c1", WAIT);
        client.offer("c2", WAIT);
        assertEquals(List.of("s1", "s2"), take(client, 2));
        python.assertOk(List.of("GOT c1", "GOT c2"));
    }

    /** A running pysocklib_peer.py, its stdout lines in a queue. */
    private final class Peer {
        final Process process;
        final BlockingQueue<String> lines;
        final Path err;
        int port;

        Peer(Process process, Path err) {
            this.process = process;
            this.err = err;
            this.lines = dev.tcpip.testsupport.Python.stdoutLines(process);
        }

        int port() {
            if (port == 0) {
                String first = awaitNext("the Python server's port", lines, WAIT);
                assertTrue(first.startsWith("PORT "), first + stderr());
                port = Integer.parseInt(first.substring(5));
            }
            return port;
        }

        void assertOk(List<String> expected) throws Exception {
            List<String> got = new ArrayList<>();
            for (int i = 0; i <= expected.size(); i++) {
                got.add(awaitNext("line " + (i + 1) + " from the Python peer (" + stderr() + ")", lines, WAIT));
            }
            List<String> all = new ArrayList<>(expected);
            all.add("OK");
            assertEquals(all, got, stderr());
            assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the Python peer exits");
            assertEquals(0, process.exitValue(), stderr());
        }

        String stderr() {
            try {
                return Files.readString(err, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        }
    }

    private Peer peer(String role, int port, String action, String... args) throws IOException {
        Path script = dir.resolve("pysocklib_peer.py");
        if (!Files.exists(script)) {
            try (InputStream in = PythonPeerTest.class.getResourceAsStream("/pysocklib_peer.py")) {
                Files.copy(in, script);
            }
        }
        List<String> command = new ArrayList<>(List.of(python3().toString(), script.toString(), role, Integer.toString(port), action));
        command.addAll(List.of(args));
        Path err = dir.resolve("peer-" + System.nanoTime() + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        Peer peer = new Peer(pb.start(), err);
        processes.add(peer.process);
        return peer;
    }

    private final List<Process> processes = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void stopPeers() {
        processes.forEach(Process::destroyForcibly);
    }

    /** The python3 executable on PATH; the test is skipped, saying why, without one. */
    static Path python3() {
        return dev.tcpip.testsupport.Python.python3("the Python pysocklib peer");
    }
}
