package dev.tcpip.docs;

import dev.tcpip.tasks.Responder;
import dev.tcpip.tasks.TaskClient;
import dev.tcpip.tasks.TaskClientOptions;
import dev.tcpip.tasks.TaskReply;
import dev.tcpip.tasks.TaskServer;
import dev.tcpip.tasks.TaskServerOptions;
import dev.tcpip.tasks.TaskServerProcess;
import dev.tcpip.tasks.TaskServerProcessOptions;
import dev.tcpip.tasks.TaskSet;
import dev.tcpip.tasks.TaskSets;
import dev.tcpip.tasks.TaskTokens;
import dev.tcpip.tasks.counter.CounterTasks;
import dev.tcpip.testsupport.Python;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java 17 examples of docs/task-server.md, its Python client, and its task set found on the class path. */
@ExtendWith(VertxExtension.class)
class TaskServerDocTest {

    // tag::tasks-task-set[]
    /** An instrument's exposures: INIT picks a filter, EXEC changes it or takes an exposure, EXIT sums up. */
    public static final class ExposureTasks implements TaskSet {
        @Override
        public String name() {
            return "exposures";                                       // what --tasks and TaskSets.find use
        }

        @Override
        public JsonObject init(JsonObject args) {                     // INIT: the first state
            return new JsonObject().put("exposures", 0).put("filter", args.getString("filter", "r"));
        }

        @Override
        public JsonObject exec(JsonObject state, JsonObject args, Responder responder) {
            switch (args.getString("command", "")) {                  // EXEC: returns the next state
                case "filter":
                    return state.put("filter", args.getString("name"));
                case "expose":
                    int n = state.getInteger("exposures") + 1;
                    responder.respond(new JsonObject().put("exposure", n).put("filter", state.getString("filter")));
                    return state.put("exposures", n);
                default:                                              // the client gets ERROR "Exec task failed: ..."
                    throw new IllegalArgumentException("unknown command: " + args.getString("command"));
            }
        }

        @Override
        public void exit(JsonObject state, JsonObject args, Responder responder) {
            responder.respond(new JsonObject().put("exposures", state.getInteger("exposures")));
        }
    }
    // end::tasks-task-set[]

    @Test
    void aServerAndAClientRunTheExposureTasks(Vertx vertx) throws Exception {
        // tag::tasks-server[]
        String token = TaskTokens.create();                           // give it to the clients, not the command line
        TaskServer server = TaskServer.create(vertx, new ExposureTasks(), new TaskServerOptions()
            .setPort(0)                                               // 127.0.0.1 and a free port
            .setToken(token)
            .setTaskTimeout(Duration.ofSeconds(30)));                 // a task that runs longer answers ERROR
        Future<Integer> listening = server.start();                   // the port, once listening
        Future<Void> ended = server.done();                           // after a client's EXIT, or close()
        // end::tasks-server[]
        int port = await(listening);

        // tag::tasks-client[]
        TaskClient client = TaskClient.create(vertx, new TaskClientOptions().setPort(port).setToken(token));
        Future<TaskReply> summary = client.initialize(new JsonObject().put("filter", "g"), true)
            .compose(initialized -> client.execute(new JsonObject().put("command", "expose"), true))
            .compose(exposure -> {
                if (!exposure.isOk()) {                               // an ERROR reply, e.g. the task threw
                    return Future.failedFuture(exposure.message());
                }
                return client.terminate(new JsonObject(), true);      // EXIT: the server ends after its answer
            });
        // end::tasks-client[]
        assertEquals(TaskReply.ok(new JsonObject().put("exposures", 1)), await(summary));
        await(ended);
        RawSockets.assertRefusedEventually(port);
    }

    @Test
    void replyTypesAndMessagesAreAsThePageSays(Vertx vertx) throws Exception {
        String token = TaskTokens.create();
        TaskServer server = TaskServer.create(vertx, new ExposureTasks(), new TaskServerOptions().setToken(token));
        int port = await(server.start());
        TaskClient client = TaskClient.create(vertx, new TaskClientOptions().setPort(port).setToken(token));
        TaskClient stranger = TaskClient.create(vertx, new TaskClientOptions().setPort(port).setToken("guess"));
        TaskClient anonymous = TaskClient.create(vertx, new TaskClientOptions().setPort(port));
        assertEquals(TaskReply.error("Not initialized."),
            await(client.execute(new JsonObject().put("command", "expose"), true)));
        assertEquals(TaskReply.okMessage("Received 'INIT'"), await(client.initialize(new JsonObject(), false)));
        assertEquals(TaskReply.error("Already initialized."), await(client.initialize(new JsonObject(), true)));
        assertEquals(TaskReply.error("Invalid client authentication."), await(stranger.initialize(new JsonObject(), true)));
        assertEquals(TaskReply.error("Not authenticated."), await(anonymous.execute(new JsonObject(), true)));
        assertEquals(TaskReply.okMessage("Done."),
            await(client.execute(new JsonObject().put("command", "filter").put("name", "i"), true)));
        assertEquals(TaskReply.ok(new JsonObject().put("exposure", 1).put("filter", "i")),
            await(client.execute(new JsonObject().put("command", "expose"), true)));
        assertEquals(TaskReply.error("Exec task failed: unknown command: jump"),
            await(client.execute(new JsonObject().put("command", "jump"), true)));
        await(server.close());
    }

    @Test
    void aTaskSetOnTheClassPathIsFoundByName(Vertx vertx) throws Exception {
        // src/test/resources/META-INF/services/dev.tcpip.tasks.TaskSet names ExposureTasks, as a user's jar would.
        // tag::tasks-find[]
        List<String> names = TaskSets.available();                    // every task set on the class path
        TaskSet tasks = TaskSets.find("exposures");                   // a new ExposureTasks
        TaskServer server = TaskServer.create(vertx, tasks, new TaskServerOptions());
        // end::tasks-find[]
        assertInstanceOf(ExposureTasks.class, tasks);
        assertTrue(names.containsAll(List.of("counter", "exposures")), names.toString());
        await(server.start());
        await(server.close());
    }

    @Test
    void aServerInItsOwnProcessStartsAndStops(Vertx vertx, @TempDir Path dir) throws Exception {
        String token = TaskTokens.create();
        // tag::tasks-background[]
        TaskServerProcess server = TaskServerProcess.start(new TaskServerProcessOptions()
            .setTasks("exposures")                                    // found on this JVM's class path
            .setServer(new TaskServerOptions().setPort(0).setToken(token))
            .setLogFile(dir.resolve("tasks.log")));                   // else its logs are discarded
        int port = server.port();                                     // listening already: no sleep needed
        long pid = server.pid();                                      // the server's JVM
        // ... clients connect to port, from this program or any other ...
        boolean clean = server.stop(Duration.ofSeconds(10));          // SIGTERM; killed if not ended in 10 s
        // end::tasks-background[]
        assertTrue(pid != ProcessHandle.current().pid());
        assertTrue(clean, "stopped by SIGTERM");
        assertFalse(server.isAlive());
        RawSockets.assertRefusedEventually(port);
        String log = Files.readString(dir.resolve("tasks.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("task server 'exposures' running on 127.0.0.1:" + port), log);
    }

    @Test
    void thePythonClientOnThePageRunsTheBgpyExample(Vertx vertx, @TempDir Path dir) throws Exception {
        Path python = Python.python3("the Python task client of docs/task-server.md");
        String token = TaskTokens.create();
        TaskServer server = TaskServer.create(vertx, new CounterTasks(), new TaskServerOptions().setToken(token));
        int port = await(server.start());
        Path script = dir.resolve("client.py");
        Files.writeString(script, Ctypes.pythonBlock("task-server.md", "def request("));
        ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), "127.0.0.1", Integer.toString(port))
            .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        pb.environment().put("TASKS_TOKEN", token);
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the Python client ends");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), () -> read(dir.resolve("err")));
        assertEquals(List.of(
            "OK {'message': 'Initialization successful.'}",
            "OK {'message': \"Received 'EXEC'\"}",
            "OK {'message': 'Done.'}",
            "ERROR {'message': 'Exec task failed: unknown command: jump'}",
            "OK {'request_count': 3, 'value': 910, 'status': 'Exited.'}"), Files.readAllLines(dir.resolve("out")));
        await(server.done());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
