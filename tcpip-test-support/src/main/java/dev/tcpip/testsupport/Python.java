package dev.tcpip.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The Python 3 interpreter that tests run as a peer (stdlib only); tests without one are skipped, saying why. */
public final class Python {
    private Python() {
    }

    /**
     * Finds {@code python3} on the PATH.
     *
     * @param peer what the skipped test would have run, for the message ("the Python pysocklib peer")
     * @return the executable
     * @throws org.opentest4j.TestAbortedException (the test is skipped) when there is none
     */
    public static Path python3(String peer) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("python3 not found on PATH: skipping the test that runs " + peer);
        return null;
    }

    /**
     * Reads a peer's standard output, UTF-8, a line at a time on a daemon thread, for a test to wait on with
     * {@link Await#awaitNext(String, BlockingQueue, java.time.Duration)}.
     *
     * @param process the peer
     * @return its lines as they come; "READ FAILED ..." if reading fails
     */
    public static BlockingQueue<String> stdoutLines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ FAILED " + e);
            }
        }, "python stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
