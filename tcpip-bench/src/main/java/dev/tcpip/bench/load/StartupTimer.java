package dev.tcpip.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Times {@code java -jar JAR --port 0} from process start until its stdout line that starts with a given
 * prefix (such as {@code Echo server running on port }), then stops the process.
 */
final class StartupTimer {
    private static final long TIMEOUT_SECONDS = 60;

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
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", jar.toString(), "--port", "0");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new LoadException("start-up: cannot run " + command + ": " + e.getMessage(), e);
        }
        ChildServer.track(p);
        try {
            CompletableFuture<Long> seen = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (line.startsWith(prefix)) {
                            return System.nanoTime();
                        }
                    }
                    return -1L;
                } catch (IOException e) {
                    return -1L;
                }
            });
            long at = seen.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (at < 0) {
                throw new LoadException("start-up: " + jar + " ended without printing '" + prefix + "N'");
            }
            return (at - start) / 1e6;
        } catch (TimeoutException e) {
            throw new LoadException("start-up: " + jar + " printed no '" + prefix + "N' within " + TIMEOUT_SECONDS + " s", e);
        } catch (ExecutionException e) {
            throw new LoadException("start-up: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted", e);
        } finally {
            stop(p);
        }
    }

    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        ChildServer.untrack(p);
    }
}
