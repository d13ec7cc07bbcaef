package dev.tcpip.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
