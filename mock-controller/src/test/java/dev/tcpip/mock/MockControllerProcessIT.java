package dev.tcpip.mock;

import dev.tcpip.testkit.HostilePeer;
import dev.tcpip.testkit.ServerProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import static dev.tcpip.mock.MockProcess.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The built jar as a user runs it: {@code java -jar target/mock-controller.jar}, the controller and the
 * {@code drive} client. Run by maven-failsafe in the integration-test phase (after package); skipped with
 * a message when the jar has not been built.
 */
class MockControllerProcessIT {
    private static final Pattern TELEMETRY_LINE = Pattern.compile("telemetry #\\d+ az=\\d+\\.\\d{3} el=\\d+\\.\\d{3}"
        + " vel=\\(-?\\d+\\.\\d{3}, -?\\d+\\.\\d{3}\\) target=\\(120\\.000, 45\\.000\\) state=(MOVING|IDLE)"
        + " in_position=(true|false)");
    private static final long DEADLINE_SECONDS = MockProcess.DEADLINE.toSeconds();

    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        jar = MockProcess.jar();
    }

    /** Starts {@code java -jar mock-controller.jar args} and waits for its running line. */
    private ServerProcess start(String... args) throws Exception {
        return MockProcess.start(jar, dir, args);
    }

    /** The result of a run to completion. */
    private record Run(int status, String stdout, String stderr) {
        List<String> stdoutLines() {
            return stdout.lines().toList();
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
            fail("java -jar mock-controller.jar " + String.join(" ", args) + " did not exit within " + DEADLINE_SECONDS + " s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    @Test
    void printsExactlyOneRunningLineAndServesTheDriveClient() throws Exception {
        try (ServerProcess controller = start("--host", "127.0.0.1", "--port", "0")) {
            assertTrue(controller.port() > 0);
            Run drive = run("drive", "--port", Integer.toString(controller.port()), "--configure", "20", "50",
                "--move", "120", "45", "--samples", "3");
            assertEquals(0, drive.status(), drive.stderr());
            List<String> lines = drive.stdoutLines();
            assertEquals(5, lines.size(), drive.stdout());
            assertEquals("ack configure seq=1 ACCEPTED \"velocity 20.000 deg/s, telemetry 50 Hz\"", lines.get(0));
            assertEquals("ack move seq=2 ACCEPTED \"moving to az 120.000 el 45.000\"", lines.get(1));
            for (String line : lines.subList(2, 5)) {
                assertTrue(TELEMETRY_LINE.matcher(line).matches(), line);
            }
            assertEquals("", drive.stderr(), "the drive client logs warnings only");

            int status = controller.terminate();
            assertEquals(143, status, "after SIGTERM, as --help says");
            assertEquals(List.of("mock telescope controller running on port " + controller.port()), controller.stdoutLines(),
                "stdout has the running line and nothing else (no javolution output either)");
            String stderr = controller.stderrText();
            assertFalse(stderr.contains("MockController - MockController"), "the logger names the class once:\n" + stderr);
            assertTrue(stderr.contains("INFO  MockController - listening on 127.0.0.1:" + controller.port()), "logs on stderr:\n" + stderr);
            assertFalse(stderr.contains("[DEBUG]"), "javolution's own log sink is not in the jar:\n" + stderr);
            assertNoStackTrace(stderr);
        }
    }

    @Test
    void theDriveClientReportsARejectionWithExitThree() throws Exception {
        try (ServerProcess controller = start("--port", "0", "--telemetry-hz", "10")) {
            Run drive = run("drive", "--port", Integer.toString(controller.port()), "--move", "400", "0", "--samples", "0");
            assertEquals(3, drive.status(), drive.stderr());
            assertEquals(List.of("ack move seq=1 REJECTED_OUT_OF_RANGE \"azimuth 400.000 outside 0.000..360.000 deg\""),
                drive.stdoutLines());
            assertEquals("mock-controller drive: a command was rejected", drive.stderr().trim());
            controller.terminate();
        }
    }

    @Test
    void theDriveClientWithNoControllerExitsOneWithAMessage() throws Exception {
        int port = freePort();
        Run drive = run("drive", "--port", Integer.toString(port), "--move", "1", "1");
        assertEquals(1, drive.status(), drive.stderr());
        assertEquals("", drive.stdout());
        List<String> lines = drive.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), drive.stderr());
        assertEquals("mock-controller drive: cannot connect to 127.0.0.1:" + port + ": Connection refused", lines.get(0));
    }

    @Test
    void badArgumentsExitTwoWithAClearMessage() throws Exception {
        String[][] cases = {
            {"--port", "abc"},
            {"--telemetry-hz", "0"},
            {"--bogus"},
            {"--bogus=1"},
            {"drive", "--bogus"},
            {"drive", "--port"},
            {"drive", "--move", "1"},
            {"drive", "--samples", "many"},
        };
        String[] messages = {
            "mock-controller: --port needs a number in 0..65535, got 'abc'",
            "mock-controller: --telemetry-hz must be in 1..100, got 0",
            "mock-controller: unknown option: --bogus",
            "mock-controller: unknown option: --bogus",
            "mock-controller drive: unknown option: --bogus",
            "mock-controller drive: --port needs a value",
            "mock-controller drive: --move needs two values",
            "mock-controller drive: --samples needs a number in 0..100000, got 'many'",
        };
        for (int i = 0; i < cases.length; i++) {
            Run r = run(cases[i]);
            String what = String.join(" ", cases[i]);
            assertEquals(2, r.status(), what);
            assertEquals("", r.stdout(), what);
            assertTrue(r.stderr().startsWith(messages[i] + System.lineSeparator()), what + " -> " + r.stderr());
            assertTrue(r.stderr().contains("--help"), "points to --help: " + r.stderr());
            assertNoStackTrace(r.stderr());
        }
    }

    @Test
    void helpExitsZeroAndPrintsTheUsage() throws Exception {
        Run controller = run("--help");
        assertEquals(0, controller.status());
        assertTrue(controller.stdout().startsWith("Usage: java -jar mock-controller.jar [--host H] [--port N] [--telemetry-hz R]"),
            controller.stdout());
        assertTrue(controller.stdout().contains("  130  stopped by Ctrl-C (SIGINT)")
            && controller.stdout().contains("  143  stopped by SIGTERM"), "the statuses the stop tests get:\n" + controller.stdout());
        Run drive = run("drive", "--help");
        assertEquals(0, drive.status());
        assertTrue(drive.stdout().startsWith("Usage: java -jar mock-controller.jar drive "), drive.stdout());
        assertEquals("", controller.stderr() + drive.stderr());
    }

    @Test
    void portInUseExitsOneWithAOneLineError() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            Run r = run("--port", Integer.toString(port));
            assertEquals(1, r.status(), r.stderr());
            assertEquals("", r.stdout());
            List<String> lines = r.stderr().lines().filter(l -> !l.isBlank() && !l.contains(" INFO ")).toList();
            assertEquals(1, lines.size(), "one error line on stderr:\n" + r.stderr());
            assertTrue(lines.get(0).startsWith("mock-controller: cannot listen on 127.0.0.1:" + port + ": "), lines.get(0));
            assertNoStackTrace(r.stderr());
        }
    }

    @Test
    void sigtermStopsItCleanlyWhileAClientReceivesTelemetry() throws Exception {
        try (ServerProcess controller = start("--port", "0");
             Socket client = new Socket()) {
            int port = controller.port();
            client.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            byte[] header = in.readNBytes(20);
            assertEquals(20, header.length, "a telemetry header arrives");
            assertEquals(MockProtocol.TELEMETRY, header[0] & 0xFF);

            int status = controller.terminate();
            assertEquals(143, status, "after SIGTERM, as --help says");
            HostilePeer.receiveUntilClosed(in);          // the telemetry sent so far, then end of stream
            String stderr = controller.stderrText();
            assertTrue(stderr.contains("Mock telescope controller stopped"), "clean stop is logged:\n" + stderr);
            assertNoStackTrace(stderr);
            try (ServerSocket again = new ServerSocket()) {
                again.bind(new InetSocketAddress("127.0.0.1", port));   // the port was released
            }
        }
    }

    @Test
    void theJarHoldsTcpipStructsQuietLogSinkNotJavolutions() throws Exception {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertTrue(zip.getEntry("javolution/osgi/internal/LogServiceImpl.class") != null);
            assertTrue(zip.stream().noneMatch(e -> e.getName().startsWith("javolution/osgi/internal/LogServiceImpl$")),
                "javolution's LogServiceImpl inner classes are excluded with it");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> sink = Class.forName("javolution.osgi.internal.LogServiceImpl", false, loader);
            assertFalse(Thread.class.isAssignableFrom(sink), "javolution's own sink is a Thread that prints to stdout");
            assertEquals("org.osgi.service.log.LogService", sink.getInterfaces()[0].getName());
        }
    }

    @Test
    void aPythonCtypesPeerCommandsTheJar() throws Exception {
        PythonPeer.python3();
        try (ServerProcess controller = start("--port", "0")) {
            String ok = PythonPeer.assertCommands(controller.port(), dir);
            assertTrue(ok.startsWith("OK 8 commands acked"), ok);
            assertTrue(controller.process().isAlive(), "the controller is still running");
            controller.terminate();
            assertEquals(1, controller.stdoutLines().size());
        }
    }
}
