package dev.tcpip.echo;

import dev.tcpip.testkit.ServerProcess;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The shaded jar as a child process, for the *ProcessIT and *IT tests of this module. */
final class EchoProcess {
    static final Pattern RUNNING = Pattern.compile("Echo server running on port (\\d+)");
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private EchoProcess() {
    }

    /** The jar maven-failsafe names in {@code echo.jar}; the test is skipped, with a message, when it is missing. */
    static Path jar() {
        String configured = System.getProperty("echo.jar");
        Path jar = Path.of(configured != null ? configured : "target/echo-server.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar),
            "echo-server.jar not found at " + jar.toAbsolutePath() + "; build it with 'mvn -pl echo-server verify'");
        return jar;
    }

    /** {@code java -jar echo-server.jar args}, once it has printed its running line; stderr goes to a file in dir. */
    static ServerProcess start(Path jar, Path dir, String... args) throws Exception {
        return start(jar, dir, List.of(), args);
    }

    /** As {@link #start(Path, Path, String...)}, with JVM options (e.g. {@code -Xmx32m}). */
    static ServerProcess start(Path jar, Path dir, List<String> jvmOptions, String... args) throws Exception {
        return ServerProcess.java(jar)
            .jvmOptions(jvmOptions.toArray(new String[0]))
            .args(args)
            .runningLine(RUNNING)
            .stderrTo(Files.createTempFile(dir, "stderr", ".txt"))
            .timeout(DEADLINE)
            .start();
    }

    static void assertNoStackTrace(String stderr) {
        assertFalse(stderr.contains("\tat ") || stderr.contains("Exception"), "stack trace or exception on stderr:\n" + stderr);
    }
}
