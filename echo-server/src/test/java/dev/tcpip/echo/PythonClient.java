package dev.tcpip.echo;

import org.junit.jupiter.api.Assumptions;

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

/** Runs src/test/resources/echo_client.py (stdlib asyncio only) against a port; skips without python3. */
final class PythonClient {
    private PythonClient() {
    }

    /** The python3 executable on PATH, or the test is skipped with a message. */
    static Path python3() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("python3 is not on PATH; skipping the Python asyncio client test");
        return null;
    }

    /** Runs the client against the port and asserts it reports success. */
    static void assertEchoes(int port, Path workDir) throws IOException, InterruptedException {
        Path python = python3();
        Path script = workDir.resolve("echo_client.py");
        try (InputStream in = PythonClient.class.getResourceAsStream("/echo_client.py")) {
            Files.copy(in, script);
        }
        Path out = workDir.resolve("python.out");
        Path err = workDir.resolve("python.err");
        Process p = new ProcessBuilder(List.of(python.toString(), script.toString(), Integer.toString(port), Sockets.HOST))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        boolean exited = p.waitFor(Sockets.TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(exited, "python client did not finish; stderr: " + stderr);
        assertEquals(0, p.exitValue(), "python client failed: " + stderr + stdout);
        assertTrue(stdout.startsWith("OK "), "python client said: " + stdout + stderr);
    }
}
