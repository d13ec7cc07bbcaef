package dev.tcpip.mock;


import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs src/test/resources/mock_peer.py (stdlib asyncio + ctypes, written from docs/structs.md alone) against
 * a port; skips the test without python3.
 */
final class PythonPeer {
    private static final long DEADLINE_SECONDS = 60;

    private PythonPeer() {
    }

    /** The python3 executable on PATH; the test is skipped, saying why, without one. */
    static Path python3() {
        return dev.tcpip.testsupport.Python.python3("the Python ctypes peer");
    }

    /** Runs the peer against the port and asserts it reports success; returns its "OK ..." line. */
    static String assertCommands(int port, Path workDir) throws IOException, InterruptedException {
        Path python = python3();
        Path script = workDir.resolve("mock_peer.py");
        try (InputStream in = PythonPeer.class.getResourceAsStream("/mock_peer.py")) {
            Files.copy(in, script);
        }
        Path out = workDir.resolve("python.out");
        Path err = workDir.resolve("python.err");
        Process p = new ProcessBuilder(List.of(python.toString(), script.toString(), Integer.toString(port), "127.0.0.1"))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        boolean exited = p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(exited, "the python peer did not finish; stderr: " + stderr);
        assertEquals(0, p.exitValue(), "the python peer failed: " + stderr + stdout);
        assertTrue(stdout.startsWith("OK "), "the python peer said: " + stdout + stderr);
        return stdout.trim();
    }
}
