package dev.tcpip.launcher;

import dev.tcpip.testkit.HostilePeer;
import dev.tcpip.testkit.ServerProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Programs run by the launcher, as child JVMs on this module's test class path, as a user runs them. */
class ServerLauncherProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern GREETER_RUNNING = Pattern.compile("Greeter running on port (\\d+)");

    @TempDir
    Path dir;

    private ServerProcess start(Class<?> main, Pattern running, String... args) throws IOException {
        return ServerProcess.java(System.getProperty("java.class.path"), main.getName())
            .jvmOptions("-Xmx64m")
            .args(args)
            .runningLine(running)
            .stderrTo(Files.createTempFile(dir, "stderr", ".txt"))
            .timeout(DEADLINE)
            .start();
    }

    /** The result of a run to completion. */
    private record Run(int status, String stdout, String stderr) {
        List<String> errorLines() {
            return stderr.lines().filter(l -> !l.isBlank() && !l.contains(" INFO ")).toList();
        }
    }

    private Run run(Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", args) + ": did not exit within " + DEADLINE);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void assertGreets(int port, String greeting) throws IOException {
        try (HostilePeer peer = HostilePeer.connect(port)) {
            peer.send("world\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] expected = (greeting + " world\r\n").getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(expected, peer.receive(expected.length));
        }
    }

    private static void assertRefused(int port) {
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "nothing listens on " + port);
    }

    @Test
    void itPrintsOneRunningLineServesAndStopsWith143OnSigterm() throws Exception {
        try (ServerProcess server = start(GreeterMain.class, GREETER_RUNNING, "--port", "0", "--greeting", "hi")) {
            assertGreets(server.port(), "hi");
            assertEquals(ServerLauncher.EXIT_SIGTERM, server.terminate());
            assertEquals(List.of("Greeter running on port " + server.port()), server.stdoutLines(), "one line on stdout");
            String stderr = server.stderrText();
            assertTrue(stderr.contains("Stopping the greeter") && stderr.contains("Greeter stopped"), stderr);
            assertFalse(stderr.contains("Exception") || stderr.contains("WARN"), stderr);
            assertRefused(server.port());
        }
    }

    @Test
    void ctrlCStopsItWith130() throws Exception {
        Path kill = Path.of("/bin/kill");
        Assumptions.assumeTrue(Files.isExecutable(kill), "no /bin/kill to send SIGINT with");
        try (ServerProcess server = start(GreeterMain.class, GREETER_RUNNING, "--port", "0")) {
            Assumptions.assumeFalse(sigintIgnored(server.pid()),
                "SIGINT is ignored in this process tree (e.g. a background job of a non-interactive shell)");
            Process k = new ProcessBuilder(kill.toString(), "-INT", Long.toString(server.pid())).inheritIO().start();
            assertTrue(k.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS) && k.exitValue() == 0, "kill -INT failed");
            assertEquals(ServerLauncher.EXIT_SIGINT, server.awaitExit());
            assertTrue(server.stderrText().contains("Greeter stopped"), server.stderrText());
            assertRefused(server.port());
        }
    }

    /** Reads the signal-ignore mask of /proc/PID/status; false when it cannot be read. */
    private static boolean sigintIgnored(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (2 - 1))) != 0; // SIGINT is signal 2
            }
        }
        return false;
    }

    @Test
    void aPortInUseExitsOneWithTheReasonOnce() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            Run r = run(GreeterMain.class, "--port", Integer.toString(port));
            assertEquals(ServerLauncher.EXIT_CANNOT_LISTEN, r.status(), r.stderr());
            assertEquals("", r.stdout());
            assertEquals(List.of("greeter: cannot listen on 127.0.0.1:" + port + ": Address already in use"), r.errorLines(),
                r.stderr());
        }
    }

    @Test
    void helpExitsZeroWithTheUsageOnStdoutOnly() throws Exception {
        Run r = run(GreeterMain.class, "--help");
        assertEquals(0, r.status(), r.stderr());
        assertTrue(r.stdout().startsWith("Usage: java -jar greeter.jar [--host H] [--port N] [--greeting TEXT]"), r.stdout());
        assertTrue(r.stdout().endsWith("  143  stopped by SIGTERM, once Vert.x has closed and the port is released"
            + System.lineSeparator()), r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void aBadCommandLineExitsTwoWithTheProblemAndWhereTheUsageIs() throws Exception {
        Run r = run(GreeterMain.class, "--bogus");
        assertEquals(ServerLauncher.EXIT_USAGE, r.status());
        assertEquals("", r.stdout());
        assertEquals(List.of("greeter: unknown option: --bogus", "Try 'java -jar greeter.jar --help' for the usage."),
            r.stderr().lines().toList());
        Run port = run(GreeterMain.class, "--port", "70000");
        assertEquals(ServerLauncher.EXIT_USAGE, port.status());
        assertEquals("greeter: --port must be in 0..65535, got 70000", port.stderr().lines().findFirst().orElse(""));
    }

    @Test
    void aSubcommandRunsInsteadOfTheServerWithItsOwnStatus() throws Exception {
        Run r = run(GreeterMain.class, "ping");
        assertEquals(7, r.status(), r.stderr());
        assertEquals("pong" + System.lineSeparator(), r.stdout());
    }

    @Test
    void anyVerticleWithAPortRunsTheSameWay() throws Exception {
        try (ServerProcess server = start(BareVerticleMain.class, Pattern.compile("bare-echo running on port (\\d+)"),
                "--port", "0")) {
            try (HostilePeer peer = HostilePeer.connect(server.port())) {
                peer.send(new byte[] {1, 2, 3});
                assertArrayEquals(new byte[] {1, 2, 3}, peer.receive(3));
            }
            assertEquals(ServerLauncher.EXIT_SIGTERM, server.terminate());
            assertEquals(1, server.stdoutLines().size(), String.join("\n", server.stdoutLines()));
            assertTrue(server.stderrText().contains("Bare-echo stopped"), server.stderrText());
            assertRefused(server.port());
        }
    }

    @Test
    void optionsTheServerFactoryRefusesExitTwoLikeABadCommandLineBeforeVertxIsMade() throws Exception {
        Run r = run(BareVerticleMain.class, "--port", "7");
        assertEquals(ServerLauncher.EXIT_USAGE, r.status(), r.stderr());
        assertEquals("", r.stdout());
        assertEquals(List.of("bare-echo: --port 7 is the echo protocol's; give another",
            "Try 'java -jar bare-echo.jar --help' for the usage."), r.stderr().lines().toList(),
            "the two lines of a bad command line and nothing else: no Vert.x, no stop logged");
    }
}
