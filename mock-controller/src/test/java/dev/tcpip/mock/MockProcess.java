package dev.tcpip.mock;

import dev.tcpip.testkit.ServerProcess;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The shaded jar as a child process, for the *IT tests of this module. */
final class MockProcess {
    static final Pattern RUNNING = Pattern.compile("mock telescope controller running on port (\\d+)");
    static final Duration DEADLINE = Duration.ofSeconds(30);

    private MockProcess() {
    }

    /** The jar maven-failsafe names in {@code mock.jar}; the test is skipped, with a message, when it is missing. */
    static Path jar() {
        String configured = System.getProperty("mock.jar");
        Path jar = Path.of(configured != null ? configured : "target/mock-controller.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "mock-controller.jar not found at " + jar.toAbsolutePath()
            + "; build it with 'mvn -pl mock-controller -am verify'");
        return jar;
    }

    /** {@code java -jar mock-controller.jar args}, once it has printed its running line; stderr to a file in dir. */
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
