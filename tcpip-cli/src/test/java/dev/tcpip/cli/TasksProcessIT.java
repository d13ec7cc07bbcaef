package dev.tcpip.cli;

import dev.tcpip.testkit.ServerProcess;
import dev.tcpip.testsupport.Python;
import dev.tcpip.testsupport.RawSockets;
import dev.tcpip.testsupport.TasksPythonClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar tcpip.jar tasks ...} as a user runs it: a task server process driven by client processes.
 * Run by maven-failsafe after package.
 */
class TasksProcessIT {
    private static final Pattern RUNNING = Pattern.compile("Task server running on port (\\d+)");
    /** For the short-lived client processes: about a fifth less start-up, nothing else changed. */
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final Pattern BACKGROUND = Pattern.compile("Task server running on port (\\d+) \\(pid (\\d+)\\)");

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        CliProcess.jar();
    }

    private ServerProcess server(String... args) throws IOException {
        return ServerProcess.java(CliProcess.jar())
            .args("tasks", "server", "127.0.0.1", "0")
            .args(args)
            .runningLine(RUNNING)
            .stderrTo(Files.createTempFile(dir, "stderr", ".txt"))
            .timeout(CliProcess.DEADLINE)
            .start();
    }

    /** Runs {@code tasks args} as a process and checks its exit status and its stdout (stripped). */
    private void client(int status, String stdout, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "tasks";
        System.arraycopy(args, 0, all, 1, args.length);
        CliProcess c = CliProcess.start(dir, QUICK_START, "", all);
        assertEquals(status, c.awaitExit(), String.join(" ", all) + "; stderr:\n" + c.stderr());
        assertEquals(stdout, c.stdout().strip(), String.join(" ", all));
    }

    @Test
    void aTokenFromAFileIsCheckedAnErrorExitsThreeAndSigtermExitsZero() throws Exception {
        Path token = dir.resolve("token.txt");
        Files.writeString(token, "s3cr3t\n");
        Path wrong = dir.resolve("wrong.txt");
        Files.writeString(wrong, "guess\n");
        try (ServerProcess s = server("--init", "--token-file", token.toString())) {
            String port = Integer.toString(s.port());
            client(3, "{\"message\":\"Invalid client authentication.\"}", "exec", "127.0.0.1", port,
                "--token-file", wrong.toString());
            client(3, "{\"message\":\"Not authenticated.\"}", "exec", "127.0.0.1", port);
            client(3, "{\"message\":\"Already initialized.\"}", "init", "127.0.0.1", port,
                "--token-file", token.toString(), "--await-response");
            client(0, "{\"message\":\"Done.\"}", "exec", "127.0.0.1", port, "--token-file", token.toString(),
                "--args", "{\"command\": \"increase\", \"value\": 1}", "--await-response");
            assertEquals(0, s.terminate(), s.stderrText());
        }
    }

    @Test
    void aTakenPortExitsOneAndAnUnknownTaskSetTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliProcess c = CliProcess.start(dir, "tasks", "server", "127.0.0.1", Integer.toString(taken.getLocalPort()));
            assertEquals(1, c.awaitExit(), c.stderr());
            assertTrue(c.stderr().contains("tcpip tasks server: cannot start on 127.0.0.1:"), c.stderr());
            assertEquals("", c.stdout());
        }
        CliProcess c = CliProcess.start(dir, "tasks", "server", "127.0.0.1", "0", "--tasks", "nope");
        assertEquals(2, c.awaitExit(), c.stderr());
        assertTrue(c.stderr().startsWith("tcpip tasks server: --tasks: no task set 'nope'; available: counter"), c.stderr());
        client(2, "", "exec", "127.0.0.1", "1", "--args", "not json");
    }

    @Test
    void backgroundLeavesAServerWithARealPidAndTerminateEndsItWithThePortClosed() throws Exception {
        Path token = dir.resolve("token.txt");
        Files.writeString(token, "bg-secret\n");
        Path log = dir.resolve("server.log");
        CliProcess launcher = CliProcess.start(dir, "tasks", "server", "127.0.0.1", "0", "--background",
            "--token-file", token.toString(), "--log-file", log.toString());
        assertEquals(0, launcher.awaitExit(), launcher.stderr());
        Matcher running = BACKGROUND.matcher(launcher.stdout().strip());
        assertTrue(running.matches(), launcher.stdout());
        int port = Integer.parseInt(running.group(1));
        ProcessHandle server = ProcessHandle.of(Long.parseLong(running.group(2))).orElseThrow(
            () -> new AssertionError("no process " + running.group(2)));
        try {
            assertTrue(server.isAlive(), "the server runs after its launcher has exited");
            assertTrue(server.info().commandLine().orElse("").contains("dev.tcpip.tasks.TaskServerMain"),
                server.info().toString());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);   // listening, no fixed sleep
            }
            String p = Integer.toString(port);
            client(3, "{\"message\":\"Not authenticated.\"}", "exec", "127.0.0.1", p);
            // bgpy's example, each request from a process of its own
            client(0, "{\"message\":\"Received 'INIT'\"}", "init", "127.0.0.1", p, "--token-file", token.toString());
            client(0, "{\"message\":\"Received 'EXEC'\"}", "exec", "127.0.0.1", p, "--token-file", token.toString(),
                "--args", "{\"command\": \"increase\", \"value\": 10}");
            client(0, "{\"message\":\"Received 'EXEC'\"}", "exec", "127.0.0.1", p, "--token-file", token.toString(),
                "--args", "{\"command\": \"decrease\", \"value\": 100}");
            client(0, "{\"request_count\":3,\"value\":910,\"status\":\"Exited.\"}", "terminate", "127.0.0.1", p,
                "--token-file", token.toString(), "--await-response");
            server.onExit().get(CliProcess.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            RawSockets.assertRefusedEventually(port);
            client(1, "", "exec", "127.0.0.1", p, "--timeout", "5");
            String logged = Files.readString(log);
            assertTrue(logged.contains("running on 127.0.0.1:" + port + " (token required)"), logged);
            assertTrue(logged.contains("ended (EXIT)"), logged);
            assertFalse(logged.contains("bg-secret"), logged);
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void backgroundThatCannotListenExitsOneWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliProcess c = CliProcess.start(dir, "tasks", "server", "127.0.0.1", Integer.toString(taken.getLocalPort()),
                "--background");
            assertEquals(1, c.awaitExit(), c.stderr());
            assertTrue(c.stderr().contains("tcpip tasks server: the task server process did not start: cannot start on 127.0.0.1:"
                + taken.getLocalPort()), c.stderr());
            assertTrue(c.stderr().contains("(exit status 1)"), c.stderr());
            assertEquals("", c.stdout());
        }
    }

    @Test
    void aLivePythonClientDrivesTheBgpyExampleAgainstTheCliStartedServer() throws Exception {
        Python.python3("the live Python task client");   // skipped before anything starts
        Path token = dir.resolve("token.txt");
        Files.writeString(token, "py-secret\n");
        Path log = dir.resolve("server.log");
        try (ServerProcess s = server("--token-file", token.toString(), "--log-file", log.toString())) {
            assertEquals(TasksPythonClient.BGPY_EXAMPLE, TasksPythonClient.run(s.port(), "py-secret", dir));
            assertEquals(0, s.awaitExit(), s.stderrText());
            RawSockets.assertRefusedEventually(s.port());
            assertEquals("", s.stderrText(), "--log-file: nothing on stderr");
            String logged = Files.readString(log);
            assertTrue(logged.contains("INFO  TaskServer - task server 'counter' running on 127.0.0.1:" + s.port()), logged);
        }
    }

    @Test
    void versionPrintsTheJarsVersion() throws Exception {
        client(0, TasksVersionCommand.resourceVersion(), "version");
    }

    @Test
    void theTokenEnvReadsTheVariableOfTheProgramsEnvironment() throws Exception {
        Path token = dir.resolve("token.txt");
        Files.writeString(token, "from-env\n");
        try (ServerProcess s = server("--token-file", token.toString())) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CliProcess.jar().toString(), "tasks", "terminate", "127.0.0.1", Integer.toString(s.port()),
                "--token-env", "TASKS_IT_TOKEN", "--await-response");
            pb.environment().put("TASKS_IT_TOKEN", "from-env");
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(Files.createTempFile(dir, "stderr", ".txt").toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            assertTrue(p.waitFor(CliProcess.DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "tasks terminate did not exit");
            assertEquals(0, p.exitValue());
            assertEquals(List.of("{\"message\":\"Exited.\"}"), Files.readAllLines(out));
            assertEquals(0, s.awaitExit(), s.stderrText());
        }
    }
}
