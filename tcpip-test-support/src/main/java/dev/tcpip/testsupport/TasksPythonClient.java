package dev.tcpip.testsupport;

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
 * The live Python task client ({@code tasks_client.py} beside this class: socket, struct and json only,
 * written from the task protocol's description), which runs bgpy's whole example sequence against a task
 * server started without {@code --init}: used against the library's server and against the CLI's.
 */
public final class TasksPythonClient {
    /** What the client prints for the bgpy example: one line per reply, its type and sorted args, then OK. */
    public static final List<String> BGPY_EXAMPLE = List.of(
        "OK {\"message\": \"Initialization successful.\"}",
        "ERROR {\"message\": \"Already initialized.\"}",
        "ERROR {\"message\": \"Not authenticated.\"}",
        "ERROR {\"message\": \"Invalid client authentication.\"}",
        "OK {\"message\": \"Received 'EXEC'\"}",
        "OK {\"message\": \"Received 'EXEC'\"}",
        "ERROR {\"message\": \"Exec task failed: unknown command: jump\"}",
        "OK {\"request_count\": 3, \"status\": \"Exited.\", \"value\": 910}",
        "OK");

    private TasksPythonClient() {
    }

    /**
     * Runs the client against a server until it ends (30 s at most), and checks that it exits 0.
     *
     * @param port the server's port on 127.0.0.1
     * @param token the server's token, given to the client in its own environment (never a command line)
     * @param dir a directory for the script and its output
     * @return the client's stdout lines, to compare with {@link #BGPY_EXAMPLE}
     * @throws IOException when the script cannot be written or the client started
     * @throws InterruptedException when interrupted while waiting for the client
     * @throws org.opentest4j.TestAbortedException (the test is skipped) when python3 is not on the PATH
     */
    public static List<String> run(int port, String token, Path dir) throws IOException, InterruptedException {
        Path python = Python.python3("the live Python task client");
        Path script = dir.resolve("tasks_client.py");
        try (InputStream in = TasksPythonClient.class.getResourceAsStream("tasks_client.py")) {
            Files.copy(in, script);
        }
        Path out = dir.resolve("tasks_client.out");
        Path err = dir.resolve("tasks_client.err");
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), "127.0.0.1", Integer.toString(port))
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("TASKS_TOKEN", token);
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        Process process = pb.start();
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the Python client ends");
        } finally {
            process.destroyForcibly();
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), stderr);
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }
}
