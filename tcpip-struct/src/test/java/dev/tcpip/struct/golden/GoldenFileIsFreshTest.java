package dev.tcpip.struct.golden;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The committed golden vectors are what {@code golden_structs.py} writes today: run it (python3 from PATH,
 * skipped with a message otherwise) into a temporary file and compare it with the committed file.
 */
class GoldenFileIsFreshTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String REGENERATE = "regenerate with: python3 tcpip-struct/src/test/python/golden_structs.py";

    @Test
    void committedGoldenFileEqualsWhatTheScriptWritesNow(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("structs.json");
        String fresh;
        try (PythonProcess python = PythonProcess.start(dir, "golden_structs.py", "--output", out.toString())) {
            int exit = python.waitFor(DEADLINE);
            assertEquals(0, exit, "golden_structs.py failed (exit " + exit + ", -1: killed after " + DEADLINE + ")"
                + python.output());
            fresh = Files.readString(out, StandardCharsets.UTF_8);
        }
        Path committed = PythonProcess.moduleDir().resolve("src/test/resources/golden/structs.json");
        assertSameLines(committed + " is stale; " + REGENERATE, Files.readString(committed, StandardCharsets.UTF_8),
            fresh);
    }

    @Test
    void testsReadTheCommittedFile() throws Exception {
        // The vectors the other golden tests use come from the class path: the same text as the source file.
        Path committed = PythonProcess.moduleDir().resolve("src/test/resources/golden/structs.json");
        try (InputStream in = getClass().getResourceAsStream(Golden.RESOURCE)) {
            assertNotNull(in, Golden.RESOURCE);
            assertSameLines("class path copy of " + committed, Files.readString(committed, StandardCharsets.UTF_8),
                new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Fails at the first differing line, showing both. */
    static void assertSameLines(String what, String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String el = i < e.size() ? e.get(i) : "(end of file)";
            String al = i < a.size() ? a.get(i) : "(end of file)";
            if (!el.equals(al)) {
                fail(what + ": first difference at line " + (i + 1) + "\n  committed:   " + el + "\n  regenerated: " + al);
            }
        }
        assertEquals(expected, actual, what + " (line endings)");
    }
}
