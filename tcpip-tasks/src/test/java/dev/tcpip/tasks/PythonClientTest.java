package dev.tcpip.tasks;

import dev.tcpip.tasks.counter.CounterTasks;
import dev.tcpip.testsupport.Python;
import dev.tcpip.testsupport.RawSockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live Python client (src/test/resources/tasks_client.py: socket, struct and json only) runs bgpy's whole
 * example sequence against a TaskServer; skipped with a message when python3 is not on PATH.
 */
class PythonClientTest extends TaskServerTest {
    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void stopPython() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aPythonClientRunsTheBgpyExampleSequence() throws Exception {
        Path python = Python.python3("the live Python task client");
        String token = TaskTokens.create();
        TaskServer server = start(new CounterTasks(), new TaskServerOptions().setToken(token));
        Path script = dir.resolve("tasks_client.py");
        try (InputStream in = PythonClientTest.class.getResourceAsStream("/tasks_client.py")) {
            Files.copy(in, script);
        }
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), "127.0.0.1", Integer.toString(server.port()))
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        // The token reaches the child through its own environment: never a command line, never ours.
        pb.environment().put("TASKS_TOKEN", token);
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        process = pb.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the Python client ends");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), stderr);
        assertEquals(List.of(
            "OK {\"message\": \"Initialization successful.\"}",
            "ERROR {\"message\": \"Already initialized.\"}",
            "ERROR {\"message\": \"Not authenticated.\"}",
            "ERROR {\"message\": \"Invalid client authentication.\"}",
            "OK {\"message\": \"Received 'EXEC'\"}",
            "OK {\"message\": \"Received 'EXEC'\"}",
            "ERROR {\"message\": \"Exec task failed: unknown command: jump\"}",
            "OK {\"request_count\": 3, \"status\": \"Exited.\", \"value\": 910}",
            "OK"), Files.readAllLines(out, StandardCharsets.UTF_8), stderr);
        await("the server ends after EXIT", server.done());
        RawSockets.assertRefusedEventually(server.port());
    }
}
