package dev.tcpip.docs;

import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.mock.MockController;
import dev.tcpip.testkit.ServerProcess;
import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/getting-started.md: its pom.xml and logback.xml are the getting-started project's files (which the
 * reactor builds with Maven's own resolution, as a user's project), and its three programs, run as a user
 * runs them (a child JVM with the project's runtime class path and its logback.xml), do what the page says
 * and log nothing below INFO.
 */
@ExtendWith(VertxExtension.class)
class GettingStartedTest {
    private static final Path PAGE = DocsSnippetsTest.MODULE.resolve("getting-started.md");
    private static final Pattern FILE_MARKER = Pattern.compile("^\\s*<!--\\s*file:\\s*(\\S+)\\s*-->\\s*$");
    private static final Pattern LOG_LEVEL = Pattern.compile("^\\S+ (TRACE|DEBUG|INFO |WARN |ERROR) .*");
    private static final long SECONDS = Await.DEFAULT_TIMEOUT.toSeconds();

    @Test
    void everyFileShownOnThePageIsTheProjectsFile() throws IOException {
        List<String> lines = DocsSnippetsTest.read(PAGE);
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = FILE_MARKER.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            assertTrue(lines.get(i + 1).startsWith("```"), PAGE + ":" + (i + 2) + ": a file marker must be followed by a code block");
            List<String> body = new ArrayList<>();
            for (int j = i + 2; !lines.get(j).trim().equals("```"); j++) {
                body.add(lines.get(j));
            }
            Path file = DocsSnippetsTest.MODULE.resolve(m.group(1));
            assertEquals(Files.readString(file, StandardCharsets.UTF_8).stripTrailing(), String.join("\n", body),
                PAGE.getFileName() + ":" + (i + 1) + ": the block differs from " + m.group(1));
            checked++;
        }
        assertEquals(2, checked, "pom.xml and logback.xml");
    }

    @Test
    void theConsumerPomUsesThisBuildsVersionAndPinsTheCompiler() throws IOException {
        String pom = Files.readString(DocsSnippetsTest.MODULE.resolve("getting-started/pom.xml"));
        String parent = Files.readString(DocsSnippetsTest.MODULE.resolve("../pom.xml"));
        Matcher version = Pattern.compile("<artifactId>tcpip-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(parent);
        assertTrue(version.find());
        assertTrue(pom.contains("<tcpip.version>" + version.group(1) + "</tcpip.version>"), "tcpip.version is " + version.group(1));
        assertFalse(pom.contains("<parent>"), "a consumer's pom stands alone");
        assertTrue(pom.matches("(?s).*<artifactId>maven-compiler-plugin</artifactId>\\s*<version>[^<]+</version>.*<release>17</release>.*"));
    }

    @Test
    void theEchoClientPrintsTheEchoAndLogsNothingBelowInfo(Vertx vertx, @TempDir Path dir) throws Exception {
        LineEchoServer echo = new LineEchoServer();
        await(vertx.deployVerticle(echo));
        Run run = run(dir, "org.example.EchoClient", "127.0.0.1", String.valueOf(echo.port()), "hello getting started");
        assertEquals(0, run.status, run.toString());
        assertEquals(List.of("hello getting started"), run.stdout, run.toString());
        assertOnlyInfoAndAbove(run);
    }

    @Test
    void theEchoClientReportsARefusedConnectionOnce(@TempDir Path dir) throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        Run run = run(dir, "org.example.EchoClient", "127.0.0.1", String.valueOf(closedPort));
        assertEquals(1, run.status, run.toString());
        String expected = "java.net.ConnectException: Client: cannot connect to 127.0.0.1:" + closedPort + ": Connection refused";
        assertTrue(run.stderr.contains("Exception in thread \"main\" " + expected), run.toString());
    }

    @Test
    void theGreetingServerAnswersAndReportsItsClient(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.java(consumerClassPath(), "org.example.GreetingServer")
                .args("0")
                .runningLine(Pattern.compile("listening on port (\\d+)"))
                .stderrTo(dir.resolve("stderr.txt"))
                .start();
             Socket client = RawSockets.rawConnect(server.port())) {
            send(client, "world\r\n");
            assertEquals("hello, world\r\n", RawSockets.receiveLine(client));
            assertEquals(143, server.terminate(), "SIGTERM after the shutdown hook closed Vert.x");
            List<String> stdout = server.stdoutLines();
            assertEquals(3, stdout.size(), stdout + "\nstderr:\n" + server.stderrText());
            assertEquals("listening on port " + server.port(), stdout.get(0));
            assertTrue(stdout.get(1).matches("client connected from /?127\\.0\\.0\\.1:" + client.getLocalPort()), stdout.get(1));
            assertEquals("client gone", stdout.get(2));
            Run logs = new Run(0, List.of(), server.stderrText());
            assertOnlyInfoAndAbove(logs);
        }
    }

    @Test
    void theMountClientGetsAnAckForItsMove(Vertx vertx, @TempDir Path dir) throws Exception {
        MockController mount = new MockController(new ServerOptions().setPort(0), 50);
        await(vertx.deployVerticle(mount));
        Run accepted = run(dir, "org.example.MountClient", "127.0.0.1", String.valueOf(mount.port()), "120", "45");
        assertEquals(List.of("ack result=0 \"moving to az 120.000 el 45.000\""), accepted.stdout, accepted.toString());
        assertOnlyInfoAndAbove(accepted);
        await(mount.disconnectedFuture());
        Run refused = run(dir, "org.example.MountClient", "127.0.0.1", String.valueOf(mount.port()), "120", "95");
        assertEquals(1, refused.stdout.size(), refused.toString());
        assertTrue(refused.stdout.get(0).startsWith("ack result=1 "), refused.toString());
    }

    private static void assertOnlyInfoAndAbove(Run run) {
        List<String> levels = run.stderr.lines()
            .map(LOG_LEVEL::matcher)
            .filter(Matcher::matches)
            .map(m -> m.group(1).trim())
            .collect(Collectors.toList());
        assertFalse(levels.contains("DEBUG") || levels.contains("TRACE"), run.toString());
        assertEquals(run.stderr.lines().count(), levels.size(), "every stderr line is a log line:\n" + run);
    }

    /** A program's exit status, stdout lines and stderr. */
    private record Run(int status, List<String> stdout, String stderr) {
        @Override
        public String toString() {
            return "status " + status + "\nstdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + stderr;
        }
    }

    private static Run run(Path dir, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", consumerClassPath(), mainClass));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(SECONDS * 3, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(mainClass + " did not exit within " + SECONDS * 3 + " s; stderr:\n" + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readAllLines(out), Files.readString(err));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The getting-started project's runtime class path, as Maven gives it to a user's program: this test's
     * class path without the test classes and resources of this module (which hold logback-test.xml), and
     * without the test-only modules (the test kit, JUnit, the mock controller, whose jar registers its own logging configurator).
     */
    static String consumerClassPath() {
        List<String> testOnly = List.of("/docs/target/test-classes", "tcpip-testkit", "/mock-controller/", "mock-controller-",
            "junit", "opentest4j", "apiguardian", "vertx-junit5", "jqwik", "assertj");
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> testOnly.stream().noneMatch(entry::contains))
            .collect(Collectors.joining(File.pathSeparator));
    }

    /** Echoes each line: the echo server's behaviour, in process. */
    static final class LineEchoServer extends OneClientReadLoopServer {
        LineEchoServer() {
            super(new ServerOptions());
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return readStr().compose(this::writeStr);
        }
    }
}
