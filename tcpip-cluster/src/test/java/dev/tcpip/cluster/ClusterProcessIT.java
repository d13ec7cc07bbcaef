package dev.tcpip.cluster;

import dev.tcpip.testkit.ServerProcess;
import dev.tcpip.testsupport.FixedPorts;
import dev.tcpip.testsupport.Python;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo as a user runs it, every node a JVM of its own on loopback (a cluster name of its own per run): the
 * mock controller, a relay with its bridge, three subscribers, a late one, a command, a Python subscriber
 * through the bridge; this test's JVM joins too, to watch the members come and go. Run by maven-failsafe after
 * package; the tests run in order on one cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessIT {
    private static final Pattern JOINED = Pattern.compile("joined cluster .+");
    private static final Pattern BRIDGE = Pattern.compile("bridge listening on port (\\d+)");
    private static final Pattern MOCK = Pattern.compile("mock telescope controller running on port (\\d+)");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Nodes that start sooner (C1 only, the serial collector): 100 samples a second need no more. */
    private static final String[] QUICK_START = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};

    @TempDir
    static Path dir;   // static: set before @BeforeAll
    private String clusterName;
    private List<Integer> ports;
    private String members;
    private ServerProcess controller;
    private int controllerPort;
    private ServerProcess relay;
    private final List<ServerProcess> subscribers = new ArrayList<>();
    private ClusterNode watcher;

    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "target/none.jar"));
        assertTrue(Files.isRegularFile(jar), property + ": no " + jar + " (run mvn package first)");
        return jar;
    }

    /** A node of the demo: {@code java -jar tcpip-cluster.jar COMMAND ... cluster options}, the i-th port. */
    private ServerProcess.Builder node(int i, Pattern runningLine, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--cluster-name", clusterName, "--cluster-port", Integer.toString(ports.get(i)),
            "--members", members));
        return ServerProcess.java(jar("cluster.jar")).jvmOptions(QUICK_START).args(all.toArray(String[]::new))
            .runningLine(runningLine)
            .stderrTo(Files.createTempFile(dir, "node" + i + "-", ".stderr.txt")).timeout(DEADLINE);
    }

    private ServerProcess subscriber(int i) throws IOException {
        return node(i, JOINED, "subscribe", "--address", "mount").start();
    }

    private ServerProcess startController(int port) throws IOException {
        return ServerProcess.java(jar("mock.jar")).args("--port", Integer.toString(port), "--telemetry-hz", "100")
            .runningLine(MOCK).stderrTo(Files.createTempFile(dir, "mock-", ".stderr.txt")).timeout(DEADLINE).start();
    }

    /** The next message a subscriber prints. */
    private static JsonObject next(ServerProcess s) throws Exception {
        return new JsonObject(s.awaitStdoutLine("a message", line -> true));
    }

    /** Reads n messages from a subscriber and checks that their seq has no gap. */
    private static List<JsonObject> gapless(ServerProcess s, int n) throws Exception {
        List<JsonObject> read = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonObject m = next(s);
            if (!read.isEmpty()) {
                assertEquals(read.get(read.size() - 1).getLong("seq") + 1, m.getLong("seq"), "a gap: " + m.encode());
            }
            read.add(m);
        }
        return read;
    }

    @BeforeAll
    void startTheCluster() throws Exception {
        clusterName = Nodes.uniqueClusterName();
        ports = FixedPorts.free(7);
        members = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        // Not an ephemeral port: the relay retries it while the controller restarts, and could connect to itself.
        controllerPort = FixedPorts.free(1).get(0);
        controller = startController(controllerPort);
        watcher = await("the test's own node joins", ClusteredVertx.start(new ClusterOptions()
            .setClusterName(clusterName).setPort(ports.get(6)).setMembers(List.of(members.split(",")))), DEADLINE);
        relay = node(0, BRIDGE, "relay", "--controller", "127.0.0.1:" + controllerPort, "--address", "mount",
            "--bridge-port", "0").skipLinesBeforeRunningLine().start();
        // Three JVMs at once: each takes a few seconds to start and join.
        List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return subscriber(n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        for (CompletableFuture<ServerProcess> s : starting) {
            subscribers.add(s.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }
        awaitCondition("five members", () -> watcher.members().size() == 5, DEADLINE);
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (ServerProcess p : subscribers) {
            p.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (watcher != null) {
            await(watcher.close());
        }
    }

    @Test
    @Order(1)
    void threeSubscribersOnThreeJvmsEachReceiveEverySampleInOrderWithNoGap() throws Exception {
        List<List<JsonObject>> streams = new ArrayList<>();
        for (ServerProcess s : subscribers) {
            streams.add(gapless(s, 50));
        }
        // From the seq all three have, what one printed, the others printed too.
        long from = streams.stream().mapToLong(l -> l.get(0).getLong("seq")).max().orElseThrow();
        List<JsonObject> atFrom = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            List<JsonObject> stream = streams.get(i);
            while (stream.get(stream.size() - 1).getLong("seq") < from) {   // read on, still without a gap
                JsonObject m = next(subscribers.get(i));
                assertEquals(stream.get(stream.size() - 1).getLong("seq") + 1, m.getLong("seq"), "a gap: " + m.encode());
                stream.add(m);
            }
            atFrom.add(stream.stream().filter(m -> m.getLong("seq") == from).findFirst().orElseThrow());
        }
        assertEquals(atFrom.get(0), atFrom.get(1));
        assertEquals(atFrom.get(0), atFrom.get(2));
        assertTrue(atFrom.get(0).getJsonObject("body").containsKey("azimuth"), atFrom.get(0).encode());
    }

    @Test
    @Order(2)
    void killingOneSubscriberWithSigkillLeavesTheOthersStreamsGapless() throws Exception {
        ServerProcess killed = subscribers.remove(2);
        killed.process().destroyForcibly();
        assertTrue(killed.process().waitFor(30, TimeUnit.SECONDS));
        for (ServerProcess s : subscribers) {
            gapless(s, 300);   // 3 s at 100 Hz, while the cluster finds the member gone
        }
        awaitCondition("the members see the killed one gone", () -> watcher.members().size() == 4, DEADLINE);
        for (ServerProcess s : subscribers) {
            gapless(s, 50);
        }
    }

    @Test
    @Order(3)
    void aSubscriberStartedLateReceivesFromThenOnAndLeavesWhenDone() throws Exception {
        long now = next(subscribers.get(0)).getLong("seq");
        ServerProcess late = node(3, JOINED, "subscribe", "--address", "mount", "--count", "20").start();
        List<JsonObject> got = gapless(late, 20);
        assertTrue(got.get(0).getLong("seq") > now, "it receives from then on: " + got.get(0).getLong("seq") + " > " + now);
        assertEquals(0, late.awaitExit(), late.stderrText());
        awaitCondition("the members see it leave", () -> watcher.members().size() == 4, DEADLINE);
    }

    @Test
    @Order(4)
    void aCommandSentFromAnotherNodeReachesTheControllerAndItsAckComesBack() throws Exception {
        try (ServerProcess command = node(4, JOINED, "command", "--address", "mount", "--json",
                "{\"command\": \"move\", \"azimuth\": 120, \"elevation\": 45}").start()) {
            JsonObject ack = new JsonObject(command.awaitStdoutLine("the ack", line -> true));
            assertEquals(1, ack.getInteger("command_id"), ack.encode());
            assertEquals(0, ack.getInteger("result"), ack.encode());
            assertEquals(0, command.awaitExit(), command.stderrText());
        }
        JsonObject moving;
        do {
            moving = next(subscribers.get(0));
        } while (moving.getJsonObject("body").getDouble("target_azimuth") != 120.0);
        assertEquals(45.0, moving.getJsonObject("body").getDouble("target_elevation"));
    }

    @Test
    @Order(5)
    void restartingTheControllerMakesTheRelayReconnectAndSeqGoesOnWithoutAGap() throws Exception {
        gapless(subscribers.get(0), 10);
        controller.terminate();
        controller = startController(controllerPort);
        for (ServerProcess s : subscribers) {
            JsonObject m;
            long last = -1;
            do {   // the controller's counter starts again at 1; seq goes on
                m = next(s);
                if (last >= 0) {
                    assertEquals(last + 1, m.getLong("seq"), "no gap across the restart: " + m.encode());
                }
                last = m.getLong("seq");
            } while (m.getJsonObject("body").getLong("counter") != 1);
            gapless(s, 20);
        }
    }

    @Test
    @Order(6)
    void aPythonSubscriberThroughTheBridgeReceivesTheSameSamples() throws Exception {
        Path python = Python.python3("the Python bridge subscriber");
        Path script = dir.resolve("bridge_subscriber.py");
        try (InputStream in = ClusterProcessIT.class.getResourceAsStream("/bridge_subscriber.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder(python.toString(), script.toString(), "127.0.0.1",
            Integer.toString(relay.port()), "mount", "30")
            .redirectOutput(dir.resolve("python.out").toFile()).redirectError(dir.resolve("python.err").toFile()).start();
        assertTrue(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the Python subscriber ends");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("python.err")));
        List<JsonObject> fromPython = Files.readAllLines(dir.resolve("python.out"), StandardCharsets.UTF_8).stream()
            .map(JsonObject::new).toList();
        assertEquals(30, fromPython.size());
        for (int i = 1; i < fromPython.size(); i++) {
            assertEquals(fromPython.get(i - 1).getLong("seq") + 1, fromPython.get(i).getLong("seq"));
        }
        // The same samples as a JVM subscriber's, for the same seq.
        long last = fromPython.get(fromPython.size() - 1).getLong("seq");
        JsonObject m;
        do {
            m = next(subscribers.get(0));
        } while (m.getLong("seq") < last);
        assertEquals(fromPython.get(fromPython.size() - 1), m);
    }

    @Test
    @Order(7)
    void everyProcessExitsCleanlyOnSigtermAndLeavesNoMemberBehind() throws Exception {
        List<ServerProcess> nodes = new ArrayList<>(subscribers);
        nodes.add(relay);
        for (ServerProcess p : nodes) {
            assertEquals(0, p.terminate(), p.stderrText());
            assertTrue(p.stderrText().contains("left cluster"), p.stderrText());
        }
        awaitCondition("only the test's own node is left", () -> watcher.members().size() == 1, DEADLINE);
    }

    @Test
    @Order(8)
    void aNodeWhoseClusterPortIsTakenCannotJoinAndExitsOne() throws Exception {
        int port = FixedPorts.free(1).get(0);
        try (java.net.ServerSocket taken = new java.net.ServerSocket()) {
            taken.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar("cluster.jar").toString(), "subscribe", "--address", "mount", "--cluster-name", clusterName,
                "--cluster-port", Integer.toString(port), "--members", "127.0.0.1:" + port)
                .redirectOutput(dir.resolve("taken.out").toFile()).redirectError(dir.resolve("taken.err").toFile()).start();
            assertTrue(p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "it exits");
            String stderr = Files.readString(dir.resolve("taken.err"));
            assertEquals(1, p.exitValue(), stderr);
            assertTrue(stderr.contains("tcpip-cluster subscribe: cannot join cluster " + clusterName + " as 127.0.0.1:"
                + port), stderr);
            assertEquals("", Files.readString(dir.resolve("taken.out")));
        }
    }
}
