package dev.tcpip.struct;

import javolution.io.Struct;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** javolution prints "[DEBUG]" lines and starts a Logging-Thread on first use; tcpip-struct must stop both. */
class JavolutionQuietTest {

    record Run(String stdout, String stderr) {
    }

    private static Run probe(String classPath) throws Exception {
        Path out = Files.createTempFile("probe", ".out");
        Path err = Files.createTempFile("probe", ".err");
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", classPath, QuietProbe.class.getName())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish within 60 s");
            Run run = new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            assertEquals(0, p.exitValue(), "probe failed: " + run.stderr);
            assertTrue(run.stderr.contains("encoded 36 bytes"), run.stderr);
            return run;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void firstUseOfJavolutionPrintsNothingAndStartsNoThread() throws Exception {
        Run run = probe(System.getProperty("java.class.path"));
        assertEquals("", run.stdout, "javolution wrote to stdout");
        assertFalse(run.stderr.contains("thread: Logging-Thread"), run.stderr);
        assertFalse(run.stderr.contains("javolution's own log sink"), run.stderr);
    }

    @Test
    void javolutionAheadOfTcpipStructPrintsAndIsReported() throws Exception {
        // The control: with javolution's jar first, its own sink is loaded, prints, and CStruct says so.
        String javolutionJar = new File(Struct.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        Run run = probe(String.join(File.pathSeparator, List.of(javolutionJar, System.getProperty("java.class.path"))));
        assertTrue(run.stdout.contains("[DEBUG] javolution"), "expected javolution's own output, got: " + run.stdout);
        assertTrue(run.stderr.contains("thread: Logging-Thread"), run.stderr);
        assertTrue(run.stderr.contains("put tcpip-struct before javolution-core-java"), run.stderr);
    }
}
