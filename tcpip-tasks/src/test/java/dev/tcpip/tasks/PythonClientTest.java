package dev.tcpip.tasks;

import dev.tcpip.tasks.counter.CounterTasks;
import dev.tcpip.testsupport.Python;
import dev.tcpip.testsupport.RawSockets;
import dev.tcpip.testsupport.TasksPythonClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A live Python client ({@link TasksPythonClient}: socket, struct and json only) runs bgpy's whole example
 * sequence against a TaskServer; skipped with a message when python3 is not on PATH.
 */
class PythonClientTest extends TaskServerTest {
    @TempDir
    Path dir;

    @Test
    void aPythonClientRunsTheBgpyExampleSequence() throws Exception {
        Python.python3("the live Python task client");   // skipped before anything starts
        String token = TaskTokens.create();
        TaskServer server = start(new CounterTasks(), new TaskServerOptions().setToken(token));
        assertEquals(TasksPythonClient.BGPY_EXAMPLE, TasksPythonClient.run(server.port(), token, dir));
        await("the server ends after EXIT", server.done());
        RawSockets.assertRefusedEventually(server.port());
    }
}
