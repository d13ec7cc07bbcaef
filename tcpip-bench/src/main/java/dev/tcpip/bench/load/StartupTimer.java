package dev.tcpip.bench.load;

import dev.tcpip.testkit.ServerProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Times {@code java -jar JAR --port 0}, run by the testkit's {@link ServerProcess}, from process start until
 * its stdout line that starts with a given prefix (such as {@code Echo server running on port }), then
 * stops the process. The load program's shutdown hook ({@link ChildServer#killAll()}) kills it if the
 * program is stopped meanwhile.
 */
final class StartupTimer {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private StartupTimer() {
    }

    /**
     * Starts the jar once and times it.
     *
     * @param jar    the runnable jar
     * @param prefix the start of the line that says it is running
     * @return milliseconds from process start to that line
     * @throws LoadException if the jar is missing, the process dies first, or the line does not come
     */
    static double timeOnce(Path jar, String prefix) throws LoadException {
        if (!Files.isRegularFile(jar)) {
            throw new LoadException("start-up: no such jar: " + jar.toAbsolutePath()
                + " (build with 'mvn -B -q package -DskipTests' and run from the repository root)");
        }
        Path stderr;
        try {
            stderr = Files.createTempFile("tcpip-bench-startup-", ".stderr.txt");
        } catch (IOException e) {
            throw new LoadException("start-up: cannot create a file for stderr: " + e.getMessage(), e);
        }
        stderr.toFile().deleteOnExit();
        ServerProcess.Builder run = ServerProcess.java(jar)
            .args("--port", "0")
            .runningLine(Pattern.compile(Pattern.quote(prefix) + "(\\d+)"))
            .skipLinesBeforeRunningLine()
            .stderrTo(stderr)
            .timeout(TIMEOUT);
        long start = System.nanoTime();
        ServerProcess p;
        try {
            p = run.start();
        } catch (IOException e) {
            deleteQuietly(stderr);
            throw new LoadException("start-up: cannot run " + jar + ": " + e.getMessage(), e);
        } catch (AssertionError e) {
            deleteQuietly(stderr);
            throw new LoadException("start-up: " + jar + " printed no '" + prefix + "N' within " + TIMEOUT.toSeconds()
                + " s, or ended first", e);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        try {
            p.terminate();
        } catch (AssertionError | IOException e) {
            // it was killed: the timing stands
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            p.close();
            deleteQuietly(stderr);
        }
        return millis;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // deleted at exit
        }
    }
}
