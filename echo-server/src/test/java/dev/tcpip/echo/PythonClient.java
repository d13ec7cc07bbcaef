package dev.tcpip.echo;


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
 * Runs the Python peers of src/test/resources against a port: echo_client.py (stdlib asyncio only) for lines,
 * frame_client.py (stdlib socket and struct only) for frames; skips without python3.
 */
final class PythonClient {
    private PythonClient() {
    }

    /** The python3 executable on PATH; the test is skipped, saying why, without one. */
    static Path python3() {
        return dev.tcpip.testsupport.Python.python3("the Python echo clients");
    }

    /** Runs the client against the port and asserts it reports success. */
    static void assertEchoes(int port, Path workDir) throws IOException, InterruptedException {
        assertSucceeds("echo_client.py", port, workDir);
    }

    /**
     * Runs src/test/resources/frame_client.py (stdlib socket and struct only) against a server in frame mode
     * ({@code --framing length --clients many}) and asserts it reports success.
     */
    static void assertFramesEchoed(int port, Path workDir) throws IOException, InterruptedException {
        assertSucceeds("frame_client.py", port, workDir);
    }

    /** Runs a test resource's Python script with the port and host, and asserts it prints "OK ..." and exits 0. */
    private static void assertSucceeds(String name, int port, Path workDir) throws IOException, InterruptedException {
        Path python = python3();
        Path script = workDir.resolve(name);
        try (InputStream in = PythonClient.class.getResourceAsStream("/" + name)) {
            Files.copy(in, script);
        }
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
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
