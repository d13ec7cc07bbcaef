package dev.tcpip.docs;

import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.launcher.ListenAddress;
import dev.tcpip.launcher.ProgramLogging;
import dev.tcpip.launcher.ServerLauncher;
import dev.tcpip.testkit.HostilePeer;
import dev.tcpip.testkit.ServerProcess;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** programs.md: a user's server run as a program by tcpip-launcher, tested as a child process. */
class ProgramsTest {
    // tag::server-program[]
    /** The server: answers each line in capitals, or in lower case with --quiet. */
    static class ShoutServer extends OneClientReadLoopServer {
        private final boolean quiet;

        ShoutServer(ListenAddress at, boolean quiet) {
            super(new ServerOptions().setName("shout").setHost(at.host()).setPort(at.port()));
            this.quiet = quiet;
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return readStr().compose(line -> writeStr(quiet ? line.toLowerCase(Locale.ROOT)
                                                            : line.toUpperCase(Locale.ROOT)));
        }
    }

    /** The program: java -jar shout.jar [--host H] [--port N] [--quiet]. */
    @Command(description = "Answers each line a client sends in capitals.")
    public static class ShoutProgram {
        @Option(names = "--quiet", description = "answer in lower case instead")
        boolean quiet;

        public static void main(String[] args) {
            ShoutProgram options = new ShoutProgram();
            ServerLauncher.program("shout")                        // "shout: unknown option: --bogus"
                .runningLine("Shout server running on port ")      // the one line on stdout
                .defaultPort(5100)                                 // --port's default
                .launch(args, options, at -> new ShoutServer(at, options.quiet));
        }
    }
    // end::server-program[]

    // tag::program-logging[]
    /** The shout program's logging: stderr, dev.tcpip at -Dshout.log.level (INFO unless set). */
    public static final class ShoutLogging extends ProgramLogging {
        public ShoutLogging() {
            super("shout.log.level");
        }
    }
    // end::program-logging[]

    @TempDir
    Path dir;

    @Test
    void theProgramPrintsItsRunningLineServesAndStopsOnSigterm() throws Exception {
        try (ServerProcess program = ServerProcess.java(System.getProperty("java.class.path"), ShoutProgram.class.getName())
                .args("--port", "0", "--quiet")
                .runningLine(Pattern.compile("Shout server running on port (\\d+)"))
                .stderrTo(dir.resolve("stderr.txt"))
                .start();
             HostilePeer client = HostilePeer.connect(program.port())) {
            client.send("Hello\r\n".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals("hello\r\n".getBytes(StandardCharsets.US_ASCII), client.receive(7));
            assertEquals(143, program.terminate(), "after SIGTERM");
            assertEquals(List.of("Shout server running on port " + program.port()), program.stdoutLines());
            assertTrue(program.stderrText().contains("Shout stopped"), program.stderrText());
        }
    }

    @Test
    void theProgramsLoggingGoesToStderrAtTheLevelOfItsProperty() throws Exception {
        // The user's jar: the program's classes and the service file, without this module's logback-test.xml.
        Path jar = Files.createDirectories(dir.resolve("jar"));
        Path classes = Path.of(ShoutProgram.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = Files.createDirectories(jar.resolve("dev/tcpip/docs"));
        try (var files = Files.list(classes.resolve("dev/tcpip/docs"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("ProgramsTest")).toList()) {
                Files.copy(f, pkg.resolve(f.getFileName()));
            }
        }
        Path services = Files.createDirectories(jar.resolve("META-INF/services"));
        Files.writeString(services.resolve("ch.qos.logback.classic.spi.Configurator"), ShoutLogging.class.getName() + "\n");
        // Nor the getting-started project's logback.xml, which ProgramLogging would rightly give way to.
        String classPath = jar + File.pathSeparator + Stream.of(GettingStartedTest.consumerClassPath().split(File.pathSeparator))
            .filter(entry -> !entry.contains("getting-started"))
            .collect(Collectors.joining(File.pathSeparator));
        try (ServerProcess program = ServerProcess.java(classPath, ShoutProgram.class.getName())
                .jvmOptions("-Dshout.log.level=DEBUG")
                .args("--port", "0")
                .runningLine(Pattern.compile("Shout server running on port (\\d+)"))
                .stderrTo(dir.resolve("stderr.txt"))
                .start();
             HostilePeer client = HostilePeer.connect(program.port())) {
            String stderr = program.awaitStderr("read loop 1 starting");
            assertEquals(143, program.terminate(), "after SIGTERM");
            assertEquals(List.of("Shout server running on port " + program.port()), program.stdoutLines());
            Pattern line = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (TRACE|DEBUG|INFO |WARN |ERROR) \\S+ - .*");
            stderr = program.stderrText();
            for (String logged : stderr.lines().toList()) {
                assertTrue(line.matcher(logged).matches(), "in the program's pattern: " + logged);
            }
            assertTrue(stderr.lines().anyMatch(l -> l.contains(" DEBUG ") && l.contains("read loop 1 starting")), stderr);
            assertTrue(stderr.contains("INFO  ServerLauncher - Shout stopped"), stderr);
            assertFalse(stderr.contains("DEBUG Vertx") || stderr.contains("DEBUG Netty") || stderr.contains("DEBUG Multithread"),
                "Netty and Vert.x stay at WARN:\n" + stderr);
        }
    }

    @Test
    void helpAndABadCommandLineSayWhatThePageSays() throws Exception {
        Run help = run("--help");
        assertEquals(0, help.status);
        List<String> lines = help.stdout.lines().toList();
        assertEquals("Usage: java -jar shout.jar [--host H] [--port N] [--quiet]", lines.get(0));
        assertTrue(lines.contains("      --host H   address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)"), help.stdout);
        assertTrue(lines.contains("      --port N   port to listen on, 0..65535 (default 5100; 0 picks a free port)"), help.stdout);
        assertTrue(lines.contains("      --quiet    answer in lower case instead"), help.stdout);
        assertTrue(lines.contains("  -h, --help     print this help and exit"), help.stdout);
        assertEquals(List.of("Exit status:",
            "  0    after --help",
            "  1    it cannot listen (port in use, unknown host...)",
            "  2    bad arguments",
            "  130  stopped by Ctrl-C (SIGINT), once Vert.x has closed and the port is released",
            "  143  stopped by SIGTERM, once Vert.x has closed and the port is released"),
            lines.subList(lines.indexOf("Exit status:"), lines.size()));

        Run bad = run("--prot", "5000");
        assertEquals(2, bad.status);
        assertEquals(List.of("shout: unknown option: --prot", "Try 'java -jar shout.jar --help' for the usage."),
            bad.stderr.lines().toList());
    }

    /** The result of a run to completion. */
    private record Run(int status, String stdout, String stderr) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), ShoutProgram.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exits");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
