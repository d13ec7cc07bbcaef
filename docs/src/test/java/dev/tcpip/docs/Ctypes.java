package dev.tcpip.docs;

import dev.tcpip.testsupport.Await;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Python ctypes as the reference for the struct examples: runs stdlib-only scripts with {@code python3},
 * and reads the Python code shown on a page. Tests that need it are skipped, with a message, without python3.
 */
final class Ctypes {
    private static Boolean available;

    private Ctypes() {
    }

    /** Skips the calling test unless python3 with ctypes runs. */
    static synchronized void assumePython() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("python3", "-c", "import ctypes").start();
                available = p.waitFor(Await.DEFAULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        Assumptions.assumeTrue(available, "python3 not found: the comparison with Python ctypes is skipped");
    }

    /** Runs the script and returns what it printed, trimmed; fails the test if it fails. */
    static String run(String script) throws Exception {
        assumePython();
        Path out = Files.createTempFile("ctypes", ".out");
        Path err = Files.createTempFile("ctypes", ".err");
        try {
            Process p = new ProcessBuilder("python3", "-c", script)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(Await.DEFAULT_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS), "python3 did not finish");
            String stderr = read(err);
            assertEquals(0, p.exitValue(), () -> "python3 failed: " + stderr);
            return read(out).trim();
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The first {@code ```python} block of the page (in this module's directory) that contains the text. */
    static String pythonBlock(String page, String containing) {
        List<String> lines = DocsSnippetsTest.read(Path.of(page).toAbsolutePath());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("```python")) {
                List<String> body = new ArrayList<>();
                for (i++; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
                    body.add(lines.get(i));
                }
                String code = String.join("\n", body);
                if (code.contains(containing)) {
                    return code + "\n";
                }
            }
        }
        return fail(page + " has no ```python block containing " + containing);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
