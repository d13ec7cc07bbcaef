package dev.tcpip.echo;

import dev.tcpip.testkit.HostilePeer;
import dev.tcpip.testkit.ServerProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.echo.EchoProcess.assertNoStackTrace;
import static dev.tcpip.echo.Sockets.assertEchoes;
import static dev.tcpip.echo.Sockets.connect;
import static dev.tcpip.echo.Sockets.connectServed;
import static dev.tcpip.echo.Sockets.connectionRefused;
import static dev.tcpip.echo.Sockets.portIsFree;
import static dev.tcpip.echo.Sockets.receiveUntilClosed;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The built jar as a user runs it: {@code java -jar target/echo-server.jar}. Run by maven-failsafe in the
 * integration-test phase (after package); skipped with a message when the jar has not been built.
 */
class EchoServerProcessIT {
    private static final long DEADLINE_SECONDS = EchoProcess.DEADLINE.toSeconds();

    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        jar = EchoProcess.jar();
    }

    /** Starts {@code java -jar echo-server.jar args} and waits for its running line. */
    private ServerProcess start(String... args) throws Exception {
        return EchoProcess.start(jar, dir, args);
    }

    /** The result of a run to completion. */
    private static final class Run {
        final int status;
        final String stdout;
        final String stderr;

        Run(int status, String stdout, String stderr) {
            this.status = status;
            this.stdout = stdout;
            this.stderr = stderr;
        }
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return command;
    }

    private Run run(String... args) throws Exception {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("java -jar echo-server.jar " + String.join(" ", args) + " did not exit within " + DEADLINE_SECONDS + " s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void printsExactlyOneRunningLineAndEchoes() throws Exception {
        try (ServerProcess server = start("--host", "127.0.0.1", "--port", "0")) {
            assertTrue(server.port() > 0);
            try (Socket s = connect(server.port())) {
                assertEchoes(s, "hello from java\r\n");
                try (Socket second = connect(server.port())) {
                    assertEquals(-1, second.getInputStream().read(), "a second client is closed at once");
                }
                assertEchoes(s, "still served\r\n");
            }
            int status = server.terminate();
            assertEquals(143, status, "after SIGTERM, as --help says");
            assertEquals(List.of("Echo server running on port " + server.port()), server.stdoutLines(),
                "stdout has the running line and nothing else");
            String stderr = server.stderrText();
            assertFalse(stderr.contains("EchoServer - EchoServer"), "the logger names the class once:\n" + stderr);
            assertTrue(stderr.contains("INFO  EchoServer - listening on 127.0.0.1:" + server.port()), "logs on stderr:\n" + stderr);
            assertNoStackTrace(stderr);
        }
    }

    @Test
    void theLogLevelPropertyTurnsOnDebugLoggingOnStderr() throws Exception {
        try (ServerProcess server = EchoProcess.start(jar, dir, List.of("-Decho.log.level=DEBUG"), "--port", "0")) {
            try (Socket s = connect(server.port())) {
                assertEchoes(s, "logged line\r\n");
            }
            String logged = server.awaitStderr("read 13 byte(s)");
            assertTrue(logged.contains("DEBUG EchoServer - read 13 byte(s)"), "the line read is logged at DEBUG:\n" + logged);
            assertFalse(logged.contains("DEBUG io.") || logged.contains(" DEBUG Vertx") || logged.contains("DEBUG Netty"),
                "Netty and Vert.x stay at WARN:\n" + logged);
        }
    }

    @Test
    void survivesMisbehavingClients() throws Exception {
        try (ServerProcess server = start("--port", "0")) {
            // Overlong line: dropped.
            try (Socket s = connectServed(server.port())) {
                send(s, "o".repeat(64 * 1024 + 100));
                assertEquals(0, receiveUntilClosed(s).length);
            }
            // Disconnect in the middle of a line.
            try (Socket s = connectServed(server.port())) {
                send(s, "half a line");
            }
            // Reset in the middle of a line.
            Socket rude = connectServed(server.port());
            send(rude, "rude");
            rude.setSoLinger(true, 0);
            rude.close();
            // Binary garbage is echoed byte for byte.
            try (Socket s = connectServed(server.port())) {
                byte[] garbage = new byte[258];
                for (int i = 0; i < 256; i++) {
                    garbage[i] = (byte) i;
                }
                garbage[256] = '\r';
                garbage[257] = '\n';
                send(s, garbage);
                assertArrayEquals(garbage, receive(s, garbage.length));
                assertEchoes(s, "after all that\r\n");
            }
            assertTrue(server.process().isAlive(), "the server is still running");
            int status = server.terminate();
            assertEquals(143, status, "after SIGTERM, as --help says");
            String stderr = server.stderrText();
            assertTrue(stderr.contains("line too long"), "the overlong line is logged:\n" + stderr);
            assertNoStackTrace(stderr);
        }
    }

    @Test
    void sigtermStopsItCleanlyAndReleasesThePort() throws Exception {
        try (ServerProcess server = start("--port", "0")) {
            int port = server.port();
            try (Socket client = connect(port)) {
                assertEchoes(client, "about to stop\r\n");
                int status = server.terminate();
                assertEquals(143, status, "after SIGTERM, as --help says");
                assertEquals(0, receiveUntilClosed(client).length, "the connected client sees the server close");
            }
            String stderr = server.stderrText();
            assertTrue(stderr.contains("Echo server stopped"), "clean stop is logged:\n" + stderr);
            assertNoStackTrace(stderr);
            assertTrue(connectionRefused(port), "nothing listens on " + port + " any more");
            assertTrue(portIsFree(port), "port " + port + " can be bound again");
        }
    }

    @Test
    void sigtermStopsItEvenWhileAClientWritesAndNeverReads() throws Exception {
        try (ServerProcess server = start("--port", "0");
             SocketChannel hog = SocketChannel.open(new InetSocketAddress(Sockets.HOST, server.port()))) {
            // Fill every buffer between us and the server: the server's echoes pile up unread, so its
            // socket cannot flush and closing it gracefully would wait forever.
            HostilePeer.floodUntilStalled(hog, ("h".repeat(1022) + "\r\n").getBytes(StandardCharsets.US_ASCII),
                Duration.ofMillis(500), Duration.ofSeconds(DEADLINE_SECONDS));
            int status = server.terminate();
            assertEquals(143, status, "after SIGTERM, as --help says");
            assertNoStackTrace(server.stderrText());
            assertTrue(connectionRefused(server.port()), "nothing listens on " + server.port() + " any more");
        }
    }

    @Test
    void ctrlCStopsItCleanly() throws Exception {
        Path kill = Path.of("/bin/kill");
        Assumptions.assumeTrue(Files.isExecutable(kill), "no /bin/kill to send SIGINT with");
        try (ServerProcess server = start("--port", "0")) {
            long pid = server.process().pid();
            Assumptions.assumeFalse(sigintIgnored(pid),
                "SIGINT is ignored in this process tree (e.g. a background job of a non-interactive shell)");
            Process k = new ProcessBuilder(kill.toString(), "-INT", Long.toString(pid)).inheritIO().start();
            assertTrue(k.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS) && k.exitValue() == 0, "kill -INT failed");
            int status = server.awaitExit();
            assertEquals(130, status, "after SIGINT (Ctrl-C), as --help says");
            String stderr = server.stderrText();
            assertTrue(stderr.contains("Echo server stopped"), stderr);
            assertNoStackTrace(stderr);
            assertTrue(connectionRefused(server.port()));
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
    void helpExitsZeroAndPrintsTheUsage() throws Exception {
        for (String flag : List.of("--help", "-h")) {
            Run r = run(flag);
            assertEquals(0, r.status, flag + ": " + r.stderr);
            assertTrue(r.stdout.startsWith("Usage: java -jar echo-server.jar [--host H] [--port N]"), r.stdout);
            assertTrue(r.stdout.contains("--port N") && r.stdout.contains("Ctrl-C"), r.stdout);
            assertTrue(r.stdout.contains("  130  stopped by Ctrl-C (SIGINT)")
                && r.stdout.contains("  143  stopped by SIGTERM"), "the statuses the stop tests get:\n" + r.stdout);
            assertEquals("", r.stderr);
        }
    }

    @Test
    void badArgumentsExitTwoWithAClearMessage() throws Exception {
        String[][] cases = {
            {"--port", "abc"},
            {"--port", "70000"},
            {"--port"},
            {"--bogus"},
            {"--bogus=1"},
            {"stray"},
        };
        String[] messages = {
            "echo-server: --port needs a number in 0..65535, got 'abc'",
            "echo-server: --port must be in 0..65535, got 70000",
            "echo-server: --port needs a value",
            "echo-server: unknown option: --bogus",
            "echo-server: unknown option: --bogus",
            "echo-server: unexpected argument: stray",
        };
        for (int i = 0; i < cases.length; i++) {
            Run r = run(cases[i]);
            String what = String.join(" ", cases[i]);
            assertEquals(2, r.status, what);
            assertEquals("", r.stdout, what);
            assertTrue(r.stderr.startsWith(messages[i] + System.lineSeparator()), what + " -> " + r.stderr);
            assertTrue(r.stderr.contains("--help"), "points to --help: " + r.stderr);
            assertNoStackTrace(r.stderr);
        }
    }

    @Test
    void portInUseExitsOneWithAOneLineError() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(Sockets.HOST, 0));
            int port = taken.getLocalPort();
            Run r = run("--port", Integer.toString(port));
            assertEquals(1, r.status, r.stderr);
            assertEquals("", r.stdout);
            List<String> lines = r.stderr.lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line on stderr:\n" + r.stderr);
            assertTrue(lines.get(0).startsWith("echo-server: cannot listen on 127.0.0.1:" + port + ": "), lines.get(0));
            assertNoStackTrace(r.stderr);
        }
    }

    @Test
    void pythonAsyncioClientAgainstTheJar() throws Exception {
        PythonClient.python3();
        try (ServerProcess server = start("--port", "0")) {
            PythonClient.assertEchoes(server.port(), dir);
            assertTrue(server.process().isAlive(), "the server is still running");
            server.terminate();
        }
    }

    @Test
    void frameModeWithItsDefaultMaximumPrintsOneLineEchoesAndStopsWith143() throws Exception {
        try (ServerProcess server = start("--port", "0", "--framing", "length", "--clients", "many")) {
            int port = server.port();
            try (Socket a = connect(port); Socket b = connect(port)) {
                Frames.assertFrameEchoed(a, "hello");
                Frames.assertFrameEchoed(b, "hello too");
                try (Socket over = connect(port)) {
                    send(over, Frames.header(16 * 1024 * 1024 + 1));
                    assertEquals(0, receiveUntilClosed(over).length, "a length over 16 MiB drops that client");
                }
                Frames.assertFrameEchoed(a, "still served");
                int status = server.terminate();
                assertEquals(143, status, "after SIGTERM, as --help says");
                assertEquals(0, receiveUntilClosed(a).length, "a connected client sees the server close");
            }
            assertEquals(List.of("Echo server running on port " + port), server.stdoutLines(),
                "stdout has the running line and nothing else");
            String stderr = server.stderrText();
            assertTrue(stderr.contains("more than the maximum of 16777216"), stderr);
            assertTrue(stderr.contains("Echo server stopped"), stderr);
            assertNoStackTrace(stderr);
            assertTrue(connectionRefused(port), "nothing listens on " + port + " any more");
            assertTrue(portIsFree(port), "port " + port + " can be bound again");
        }
    }

    @Test
    void optionsThatDoNotGoTogetherOrBadFrameValuesExitTwoWithAClearMessage() throws Exception {
        String[][] cases = {
            {"--framing", "length"},
            {"--clients", "many"},
            {"--framing", "line", "--clients", "many"},
            {"--max-frame", "100"},
            {"--framing", "bogus"},
            {"--framing", "length", "--clients", "many", "--max-frame", "-1"},
            {"--framing", "length", "--clients", "many", "--max-frame", "abc"},
        };
        String[] messages = {
            "echo-server: --framing length needs --clients many",
            "echo-server: --clients many needs --framing length",
            "echo-server: --clients many needs --framing length",
            "echo-server: --max-frame needs --framing length",
            "echo-server: --framing must be line or length, got 'bogus'",
            "echo-server: --max-frame must be in 0..1073741824, got -1",
            "echo-server: --max-frame needs a number in 0..1073741824, got 'abc'",
        };
        for (int i = 0; i < cases.length; i++) {
            Run r = run(cases[i]);
            String what = String.join(" ", cases[i]);
            assertEquals(2, r.status, what);
            assertEquals("", r.stdout, what);
            assertEquals(List.of(messages[i], "Try 'java -jar echo-server.jar --help' for the usage."),
                r.stderr.lines().toList(), what + ": the two lines of a bad command line, nothing else");
        }
    }

    @Test
    void pythonSocketStructClientAgainstTheJarInFrameMode() throws Exception {
        PythonClient.python3();
        try (ServerProcess server = start("--port", "0", "--framing", "length", "--clients", "many")) {
            PythonClient.assertFramesEchoed(server.port(), dir);
            assertTrue(server.process().isAlive(), "the server is still running");
            assertEquals(143, server.terminate());
        }
    }
}
