package dev.tcpip.echo;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.tcpip.echo.Sockets.assertEchoes;
import static dev.tcpip.echo.Sockets.connect;
import static dev.tcpip.echo.Sockets.connectionRefused;
import static dev.tcpip.echo.Sockets.portIsFree;
import static dev.tcpip.echo.Sockets.receive;
import static dev.tcpip.echo.Sockets.receiveUntilClosed;
import static dev.tcpip.echo.Sockets.send;
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
    private static final Pattern RUNNING = Pattern.compile("Echo server running on port (\\d+)");
    private static final long DEADLINE_SECONDS = 20;

    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        String configured = System.getProperty("echo.jar");
        jar = Path.of(configured != null ? configured : "target/echo-server.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar),
            "echo-server.jar not found at " + jar.toAbsolutePath() + "; build it with 'mvn -pl echo-server verify'");
    }

    /** A running echo-server process; its stdout is read by a thread, its stderr goes to a file. */
    private final class Server implements AutoCloseable {
        final Process process;
        final Path stderr;
        final CompletableFuture<String> firstLine = new CompletableFuture<>();
        final CompletableFuture<List<String>> allLines = new CompletableFuture<>();
        final int port;

        Server(String... args) throws Exception {
            stderr = Files.createTempFile(dir, "stderr", ".txt");
            process = new ProcessBuilder(command(args)).redirectError(stderr.toFile()).start();
            Thread reader = new Thread(this::readStdout, "echo-server-stdout");
            reader.setDaemon(true);
            reader.start();
            String line;
            try {
                line = firstLine.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                close();
                throw new AssertionError("no running line within " + DEADLINE_SECONDS + " s; stderr: " + stderrText());
            }
            Matcher m = RUNNING.matcher(line);
            assertTrue(m.matches(), "first stdout line: '" + line + "'; stderr: " + stderrText());
            port = Integer.parseInt(m.group(1));
        }

        private void readStdout() {
            List<String> lines = new ArrayList<>();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    firstLine.complete(line);
                }
            } catch (IOException e) {
                // the stream closes with the process
            }
            firstLine.complete("<stdout closed without a line>");
            allLines.complete(lines);
        }

        String stderrText() throws IOException {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        }

        /** Sends SIGTERM (Process.destroy on Unix) and waits for the exit status. */
        int terminate() throws Exception {
            process.destroy();
            return awaitExit();
        }

        int awaitExit() throws Exception {
            if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the server did not exit within " + DEADLINE_SECONDS + " s; stderr: " + stderrText());
            }
            return process.exitValue();
        }

        List<String> stdoutLines() throws Exception {
            return allLines.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        }

        /** Kills the process if a test left it running. */
        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
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

    private static void assertNoStackTrace(String stderr) {
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception"), "stack trace or exception on stderr:\n" + stderr);
    }

    /**
     * Connects until the server serves this client (a client that arrives before the server has let the
     * previous one go is closed at once), and checks one echo.
     */
    private static Socket connectServed(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        byte[] ping = "ping\r\n".getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() - deadline < 0) {
            Socket s = connect(port);
            try {
                send(s, ping);
                byte[] got = s.getInputStream().readNBytes(ping.length);
                if (got.length == ping.length) {
                    assertArrayEquals(ping, got);
                    return s;
                }
            } catch (IOException e) {
                // rejected: closed (or reset) before the echo; try again
            }
            s.close();
        }
        throw new AssertionError("no client served on port " + port + " within " + DEADLINE_SECONDS + " s");
    }

    @Test
    void printsExactlyOneRunningLineAndEchoes() throws Exception {
        try (Server server = new Server("--host", "127.0.0.1", "--port", "0")) {
            assertTrue(server.port > 0);
            try (Socket s = connect(server.port)) {
                assertEchoes(s, "hello from java\r\n");
                try (Socket second = connect(server.port)) {
                    assertEquals(-1, second.getInputStream().read(), "a second client is closed at once");
                }
                assertEchoes(s, "still served\r\n");
            }
            int status = server.terminate();
            assertTrue(Set.of(0, 143).contains(status), "exit status " + status);
            assertEquals(List.of("Echo server running on port " + server.port), server.stdoutLines(),
                "stdout has the running line and nothing else");
            String stderr = server.stderrText();
            assertTrue(stderr.contains("EchoServer: listening on 127.0.0.1:" + server.port), "logs on stderr:\n" + stderr);
            assertNoStackTrace(stderr);
        }
    }

    @Test
    void survivesMisbehavingClients() throws Exception {
        try (Server server = new Server("--port", "0")) {
            // Overlong line: dropped.
            try (Socket s = connectServed(server.port)) {
                send(s, "o".repeat(64 * 1024 + 100));
                assertEquals(0, receiveUntilClosed(s).length);
            }
            // Disconnect in the middle of a line.
            try (Socket s = connectServed(server.port)) {
                send(s, "half a line");
            }
            // Reset in the middle of a line.
            Socket rude = connectServed(server.port);
            send(rude, "rude");
            rude.setSoLinger(true, 0);
            rude.close();
            // Binary garbage is echoed byte for byte.
            try (Socket s = connectServed(server.port)) {
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
            assertTrue(server.process.isAlive(), "the server is still running");
            int status = server.terminate();
            assertTrue(Set.of(0, 143).contains(status), "exit status " + status);
            String stderr = server.stderrText();
            assertTrue(stderr.contains("line too long"), "the overlong line is logged:\n" + stderr);
            assertNoStackTrace(stderr);
        }
    }

    @Test
    void sigtermStopsItCleanlyAndReleasesThePort() throws Exception {
        try (Server server = new Server("--port", "0")) {
            int port = server.port;
            try (Socket client = connect(port)) {
                assertEchoes(client, "about to stop\r\n");
                int status = server.terminate();
                assertTrue(Set.of(0, 143).contains(status), "exit status " + status);
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
        try (Server server = new Server("--port", "0");
             SocketChannel hog = SocketChannel.open(new InetSocketAddress(Sockets.HOST, server.port))) {
            // Fill every buffer between us and the server: the server's echoes pile up unread, so its
            // socket cannot flush and closing it gracefully would wait forever.
            hog.configureBlocking(false);
            ByteBuffer lines = ByteBuffer.wrap(("h".repeat(1022) + "\r\n").repeat(64).getBytes(StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            long stuckSince = 0;
            while (true) {
                if (!lines.hasRemaining()) {
                    lines.rewind();
                }
                long now = System.nanoTime();
                if (hog.write(lines) > 0) {
                    stuckSince = 0;
                } else if (stuckSince == 0) {
                    stuckSince = now;
                } else if (now - stuckSince > TimeUnit.MILLISECONDS.toNanos(500)) {
                    break; // nothing accepted for half a second: the server has stopped reading us
                } else {
                    LockSupport.parkNanos(1_000_000);
                }
                assertTrue(now - deadline < 0, "the server never stopped reading");
            }
            int status = server.terminate();
            assertTrue(Set.of(0, 143).contains(status), "exit status " + status);
            assertNoStackTrace(server.stderrText());
            assertTrue(connectionRefused(server.port), "nothing listens on " + server.port + " any more");
        }
    }

    @Test
    void ctrlCStopsItCleanly() throws Exception {
        Path kill = Path.of("/bin/kill");
        Assumptions.assumeTrue(Files.isExecutable(kill), "no /bin/kill to send SIGINT with");
        try (Server server = new Server("--port", "0")) {
            long pid = server.process.pid();
            Assumptions.assumeFalse(sigintIgnored(pid),
                "SIGINT is ignored in this process tree (e.g. a background job of a non-interactive shell)");
            Process k = new ProcessBuilder(kill.toString(), "-INT", Long.toString(pid)).inheritIO().start();
            assertTrue(k.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS) && k.exitValue() == 0, "kill -INT failed");
            int status = server.awaitExit();
            assertTrue(Set.of(0, 130).contains(status), "exit status " + status);
            String stderr = server.stderrText();
            assertTrue(stderr.contains("Echo server stopped"), stderr);
            assertNoStackTrace(stderr);
            assertTrue(connectionRefused(server.port));
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
            {"stray"},
        };
        String[] messages = {
            "echo-server: --port needs a number in 0..65535, got 'abc'",
            "echo-server: --port must be in 0..65535, got 70000",
            "echo-server: --port needs a value",
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
        try (Server server = new Server("--port", "0")) {
            PythonClient.assertEchoes(server.port, dir);
            assertTrue(server.process.isAlive(), "the server is still running");
            server.terminate();
        }
    }
}
