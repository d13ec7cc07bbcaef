package dev.tcpip.tasks;

import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TaskServerProcess: a task server launched in a JVM of its own (this test's class path), as bgpy's run_background. */
class TaskServerProcessTest {
    private static final Duration STOP = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private final List<TaskServerProcess> started = new ArrayList<>();
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stopAll() throws Exception {
        for (TaskServerProcess p : started) {
            p.stop(STOP);
        }
        Await.await("closing Vert.x", vertx.close());
    }

    private TaskServerProcess start(TaskServerProcessOptions options) throws IOException {
        TaskServerProcess p = TaskServerProcess.start(options);
        started.add(p);
        return p;
    }

    private TaskClient client(TaskServerProcess p, String token) {
        return TaskClient.create(vertx, new TaskClientOptions().setPort(p.port()).setToken(token));
    }

    @Test
    void backgroundLaunchStartsADetachedProcessWaitsUntilItListensAndReturnsItsPidAndStopEndsIt() throws Exception {
        String token = TaskTokens.create();
        Path log = dir.resolve("server.log");
        TaskServerProcess p = start(new TaskServerProcessOptions()
            .setServer(new TaskServerOptions().setPort(0).setToken(token)).setLogFile(log));
        assertTrue(ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false), "pid " + p.pid() + " runs");
        assertTrue(p.pid() != ProcessHandle.current().pid());
        // Listening already: a client is served at once.
        TaskClient client = client(p, token);
        assertEquals("Initialization successful.", Await.await("INIT", client.initialize(new JsonObject(), true))
            .args().getString("message"));
        assertEquals("Done.", Await.await("EXEC", client.execute(
            new JsonObject().put("command", "increase").put("value", 10), true)).args().getString("message"));

        assertTrue(p.stop(STOP), "ended on SIGTERM within " + STOP);
        assertFalse(p.isAlive());
        RawSockets.assertRefusedEventually(p.port());
        String logged = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(logged.contains("running on 127.0.0.1:" + p.port()), logged);
    }

    @Test
    void theTokenIsPassedToTheChildWithoutMutatingAnyEnvironmentOrCommandLineAndTheChildIsDetached() throws Exception {
        String token = TaskTokens.create();
        TaskServerProcess p = start(new TaskServerProcessOptions().setServer(new TaskServerOptions().setToken(token)));
        Path proc = Path.of("/proc", Long.toString(p.pid()));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(proc), "no /proc: cannot read a process's command line");
        String cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.ISO_8859_1);
        assertTrue(cmdline.contains(TaskServerMain.class.getName()), cmdline);
        assertFalse(cmdline.contains(token), "the token is on the command line");
        assertFalse(Files.readString(proc.resolve("environ"), StandardCharsets.ISO_8859_1).contains(token),
            "the token is in the environment");
        // The process has a session of its own (setsid): a terminal's hang-up or Ctrl-C cannot reach it.
        String stat = Files.readString(proc.resolve("stat"), StandardCharsets.ISO_8859_1);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals(Long.toString(p.pid()), fields[3], "session id == pid: " + stat);
    }

    @Test
    void exitFromAClientEndsTheProcess() throws Exception {
        TaskServerProcess p = start(new TaskServerProcessOptions()
            .setServer(new TaskServerOptions().setInitAtStart(true)));
        TaskReply reply = Await.await("EXIT", client(p, null).terminate(new JsonObject(), true));
        assertEquals(Set.of("request_count", "value", "status"), reply.args().fieldNames());
        p.onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
        assertFalse(p.isAlive());
        RawSockets.assertRefusedEventually(p.port());
    }

    @Test
    void aTakenPortFailsWithTheReasonAndExitStatusOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class, () -> start(new TaskServerProcessOptions()
                .setServer(new TaskServerOptions().setPort(taken.getLocalPort()))));
            assertTrue(e.getMessage().startsWith("the task server process did not start: cannot start on 127.0.0.1:"
                + taken.getLocalPort() + ": "), e.getMessage());
            assertTrue(e.getMessage().endsWith("(exit status 1)"), e.getMessage());
        }
    }

    @Test
    void anUnknownTaskSetFailsAsABadConfigurationWithExitStatusTwo() {
        IOException e = assertThrows(IOException.class, () -> start(new TaskServerProcessOptions().setTasks("nope")));
        assertTrue(e.getMessage().startsWith("the task server process did not start: bad configuration: "
            + "no task set named 'nope'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(exit status 2)"), e.getMessage());
    }

    @Test
    void aProcessThatNeverAnswersIsKilledAtTheStartTimeout() throws Exception {
        Path silent = script("silent.sh", "exec sleep 60");
        IOException e = assertThrows(IOException.class, () -> start(new TaskServerProcessOptions()
            .setJavaCommand(silent.toString()).setDetach(false).setStartTimeout(Duration.ofMillis(500))));
        assertEquals("the task server process did not listen within 1 s; killed it"
            + " (its logs were discarded: set a log file to see them)", e.getMessage());
    }

    @Test
    void aProcessThatEndsWithoutAWordFailsWithItsStatus() throws Exception {
        Path dies = script("dies.sh", "echo 'no java here' >&2; exit 7");
        Path log = dir.resolve("dies.log");
        IOException e = assertThrows(IOException.class, () -> start(new TaskServerProcessOptions()
            .setJavaCommand(dies.toString()).setLogFile(log)));
        assertEquals("the task server process did not start: it ended without a word (its logs: " + log
            + ") (exit status 7)", e.getMessage());
        assertEquals("no java here\n", Files.readString(log));
    }

    @Test
    void theJsonFormRoundTripsAndNeverCarriesTheToken() {
        TaskServerProcessOptions o = new TaskServerProcessOptions().setTasks("counter").setLogFile(Path.of("t.log"))
            .setJvmArguments(List.of("-Xmx64m")).setStartTimeout(Duration.ofMillis(2500)).setDetach(false)
            .setServer(new TaskServerOptions().setPort(4000).setToken("secret"));
        JsonObject json = o.toJson();
        assertFalse(json.encode().contains("secret"), json.encode());
        assertEquals(json, new TaskServerProcessOptions(json).toJson());
        assertEquals(Path.of("t.log").toAbsolutePath().toString(), json.getString("logFile"));
        assertEquals(2.5, json.getDouble("startTimeout"));
        assertThrows(IllegalArgumentException.class,
            () -> new TaskServerProcessOptions(new JsonObject().put("server", new JsonObject().put("token", "x"))));
        assertThrows(IllegalArgumentException.class, () -> new TaskServerProcessOptions().setTasks(" "));
        assertThrows(IllegalArgumentException.class, () -> new TaskServerProcessOptions().setStartTimeout(Duration.ZERO));
    }

    private Path script(String name, String body) throws IOException {
        Path s = dir.resolve(name);
        Files.writeString(s, "#!/bin/sh\n" + body + "\n");
        assertTrue(s.toFile().setExecutable(true));
        return s;
    }
}
