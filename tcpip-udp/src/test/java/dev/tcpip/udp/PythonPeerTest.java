package dev.tcpip.udp;

import dev.tcpip.core.codec.PayloadCodec;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitNext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server and the client against a live Python peer (src/test/resources/udp_peer.py, stdlib socket only). */
class PythonPeerTest extends UdpTest {
    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopPeers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aPythonClientGetsTheServersReplies() throws Exception {
        DatagramServer<String> server = started(DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (message, sender, reply) -> reply.send("echo:" + message, sender)));
        BlockingQueue<String> out = python("client", Integer.toString(server.port()), "JOIN alice", "h\u00e9llo");
        assertEquals("GOT echo:JOIN alice", awaitNext("first reply", out, WAIT));
        assertEquals("GOT echo:h\u00e9llo", awaitNext("second reply", out, WAIT));
        assertEquals("OK", awaitNext("the end", out, WAIT));
    }

    @Test
    void theClientTalksToAPythonServer() throws Exception {
        BlockingQueue<String> out = python("server", "2");
        String first = awaitNext("the port", out, WAIT);
        assertTrue(first.startsWith("PORT "), first);
        SocketAddress python = SocketAddress.inetSocketAddress(Integer.parseInt(first.substring(5)), "127.0.0.1");
        List<String> got = new CopyOnWriteArrayList<>();
        DatagramClient<String> client = started(DatagramClient.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (String message, SocketAddress sender) -> got.add(message)));
        await(client.send("one", python));
        awaitCondition("first echo", () -> got.size() == 1);
        await(client.send("two", python));
        awaitCondition("second echo", () -> got.size() == 2);
        assertEquals(List.of("echo:one", "echo:two"), got);
        assertEquals("OK", awaitNext("the end", out, WAIT));
    }

    private BlockingQueue<String> python(String... args) throws IOException {
        Path script = dir.resolve("udp_peer.py");
        if (!Files.exists(script)) {
            try (InputStream in = PythonPeerTest.class.getResourceAsStream("/udp_peer.py")) {
                Files.copy(in, script);
            }
        }
        List<String> command = new ArrayList<>(List.of(python3().toString(), script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve("peer.err").toFile());
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        Process p = pb.start();
        processes.add(p);
        return dev.tcpip.testsupport.Python.stdoutLines(p);
    }

    private static Path python3() {
        return dev.tcpip.testsupport.Python.python3("the Python UDP peer");
    }

}
