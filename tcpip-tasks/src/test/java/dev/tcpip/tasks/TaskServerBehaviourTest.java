package dev.tcpip.tasks;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tcpip.tasks.counter.CounterTasks;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task server's behaviour beyond the bgpy lines: framing, limits, concurrency, time limits, the end. */
class TaskServerBehaviourTest extends TaskServerTest {
    private static JsonObject exec(String what) {
        return new JsonObject().put("do", what);
    }

    @Test
    void twoFramesInOneWriteAreBothAnswered() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        try (Socket s = Wire.connect(server.port())) {
            byte[] a = Wire.frame("EXEC", exec("echo").put("id", 1));
            byte[] b = Wire.frame("EXEC", exec("echo").put("id", 2));
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            RawSockets.send(s, both);
            for (int i = 0; i < 2; i++) {
                assertEquals(Wire.confirmation("EXEC"), Wire.read(s));
                assertEquals(Wire.ok("Done."), Wire.read(s));
            }
        }
        assertEquals(List.of(1, 2), tasks.execArgs.stream().map(a -> a.getInteger("id")).toList());
    }

    @Test
    void aHeaderSplitOverThreeWritesIsRead() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        try (Socket s = Wire.connect(server.port())) {
            byte[] frame = Wire.frame("EXEC", exec("count"));
            RawSockets.send(s, new byte[] {frame[0]});
            RawSockets.send(s, new byte[] {frame[1], frame[2]});
            byte[] rest = new byte[frame.length - 3];
            System.arraycopy(frame, 3, rest, 0, rest.length);
            RawSockets.send(s, rest);
            assertEquals(Wire.confirmation("EXEC"), Wire.read(s));
            assertEquals(Wire.ok("Done."), Wire.read(s));
        }
        assertEquals(1, tasks.execs.get());
    }

    @Test
    void aFrameOverTheMaximumClosesThatConnectionAndTheServerGoesOn() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true).setMaxFrameLength(100));
        try (Socket other = Wire.connect(server.port())) {
            try (Socket big = Wire.connect(server.port())) {
                String padding = "x".repeat(100);
                RawSockets.send(big, Wire.frame("EXEC", exec("count").put("padding", padding)));
                assertEquals(0, RawSockets.receiveUntilClosed(big.getInputStream()).length);
            }
            // Exactly the maximum is fine.
            JsonObject fits = exec("count");
            int room = 100 - Wire.frame("EXEC", fits.copy().put("p", "")).length + 4;
            assertEquals(Wire.ok("Done."), Wire.call(other, "EXEC", fits.put("p", "y".repeat(room))));
            assertEquals(100, Wire.frame("EXEC", fits).length - 4);
        }
        // The default maximum is 1 MiB.
        assertEquals(1024 * 1024, new TaskServerOptions().getMaxFrameLength());
        assertEquals(1, tasks.execs.get());
    }

    @Test
    void aHundredClientsAtOnceDoingExecAllGetTheirOutcomesAndTheCountIsExact() throws Exception {
        int clients = 100;
        // Room for the client's hundred while the server may still be closing the first hundred.
        TaskServer server = start(new CounterTasks(), new TaskServerOptions().setInitAtStart(true).setMaxClients(2 * clients));
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                sockets.add(Wire.connect(server.port()));
            }
            // All connected; now every one sends its EXEC before any reply is read.
            for (Socket s : sockets) {
                Wire.send(s, "EXEC", new JsonObject().put("command", "increase").put("value", 1));
            }
            for (Socket s : sockets) {
                assertEquals(Wire.confirmation("EXEC"), Wire.read(s));
                assertEquals(Wire.ok("Done."), Wire.read(s));
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        // And as many through the client, all at once.
        TaskClient client = client(server, null);
        List<Future<TaskReply>> calls = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            calls.add(client.execute(new JsonObject().put("command", "decrease").put("value", 2), true));
        }
        for (Future<TaskReply> call : calls) {
            assertEquals(TaskReply.okMessage("Done."), await(call));
        }
        JsonObject last = await(client.terminate(new JsonObject(), true)).args();
        assertEquals(2 * clients + 1, last.getInteger("request_count"));
        assertEquals(1000 + clients - 2 * clients, last.getInteger("value"));
    }

    @Test
    void tasksRunOneAtATimeInArrivalOrderAcrossClients() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        try (Socket first = Wire.connect(server.port())) {
            Wire.send(first, "EXEC", exec("block"));
            assertEquals(Wire.confirmation("EXEC"), Wire.read(first));
            assertTrue(tasks.blocked.await(10, TimeUnit.SECONDS));
            // Three more clients while the first task blocks: each confirmed at once, run later, in order.
            List<Socket> others = new ArrayList<>();
            try {
                for (int id = 1; id <= 3; id++) {
                    Socket s = Wire.connect(server.port());
                    others.add(s);
                    Wire.send(s, "EXEC", exec("echo").put("id", id));
                    assertEquals(Wire.confirmation("EXEC"), Wire.read(s));
                }
                assertEquals(1, tasks.execs.get(), "nothing else ran while the first task blocked");
                tasks.release();
                assertEquals(Wire.ok("Done."), Wire.read(first));
                for (Socket s : others) {
                    assertEquals(Wire.ok("Done."), Wire.read(s));
                }
            } finally {
                for (Socket s : others) {
                    s.close();
                }
            }
        }
        assertEquals(List.of(1, 2, 3), tasks.execArgs.subList(1, 4).stream().map(a -> a.getInteger("id")).toList());
        assertEquals(1, tasks.mostAtOnce.get());
        // The state went through every one of them: the block's result, then the echoes.
        JsonObject state = await(client(server, null).terminate(new JsonObject(), true)).args();
        assertEquals(1000, state.getInteger("n"));
        assertEquals(3, state.getJsonObject("last").getInteger("id"));
    }

    @Test
    void aTaskThatNeverReturnsHitsItsTimeLimitAndTheServerGoesOn() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true).setTaskTimeout(Duration.ofMillis(300)));
        TaskClient client = client(server, null);
        await(client.execute(exec("count"), true));
        // The task ignores interrupts: it is abandoned, not stopped.
        assertEquals(TaskReply.error("Exec task timed out after 0.3 s."), await(client.execute(exec("block"), true)));
        assertEquals(0, tasks.blocked.getCount());
        assertEquals(TaskReply.okMessage("Done."), await(client.execute(exec("count"), true)));
        assertEquals(3, tasks.threads.size());
        assertNotEquals(tasks.threads.get(1), tasks.threads.get(2), "the next task runs on a fresh thread");
        // The state is as the last task that ended in time left it.
        assertEquals(2, await(client.terminate(new JsonObject(), true)).args().getInteger("n"));
    }

    @Test
    void aClientThatSendsHalfAFrameAndStallsAffectsNobodyElse() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        try (Socket staller = Wire.connect(server.port())) {
            byte[] frame = Wire.frame("EXEC", exec("count"));
            RawSockets.send(staller, java.util.Arrays.copyOf(frame, frame.length / 2));
            TaskClient client = client(server, null);
            for (int i = 0; i < 5; i++) {
                assertEquals(TaskReply.okMessage("Done."), await(client.execute(exec("count"), true)));
            }
            assertEquals(5, tasks.execs.get());
            // The staller is still connected (its idle timeout is 5 minutes): it finishes its frame and is answered.
            RawSockets.send(staller, java.util.Arrays.copyOfRange(frame, frame.length / 2, frame.length));
            assertEquals(Wire.confirmation("EXEC"), Wire.read(staller));
            assertEquals(Wire.ok("Done."), Wire.read(staller));
        }
    }

    @Test
    void aSlowTaskHoldsUpNeitherAnotherClientsAuthNorItsConfirmation() throws Exception {
        String token = TaskTokens.create();
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true).setToken(token));
        try (Socket slow = Wire.connect(server.port()); Socket other = Wire.connect(server.port())) {
            Wire.call(slow, "AUTH", new JsonObject().put("token", token));
            Wire.send(slow, "EXEC", exec("block"));
            assertEquals(Wire.confirmation("EXEC"), Wire.read(slow));
            assertTrue(tasks.blocked.await(10, TimeUnit.SECONDS));
            assertEquals(Wire.ok("Authentication successful."), Wire.call(other, "AUTH", new JsonObject().put("token", token)));
            Wire.send(other, "EXEC", exec("count"));
            assertEquals(Wire.confirmation("EXEC"), Wire.read(other));
            tasks.release();
            assertEquals(Wire.ok("Done."), Wire.read(slow));
            assertEquals(Wire.ok("Done."), Wire.read(other));
        }
    }

    @Test
    void anUnauthenticatedExecGetsNotAuthenticatedAndTheTaskDoesNotRun() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true).setToken("t"));
        try (Socket s = Wire.connect(server.port())) {
            Wire.send(s, "EXEC", exec("count"));
            // No confirmation: the one reply is the error.
            assertEquals(Wire.error("Not authenticated."), Wire.read(s));
        }
        TaskReply viaClient = await(TaskClient.create(vertx, new TaskClientOptions().setPort(server.port()))
            .execute(exec("count"), true));
        assertEquals(TaskReply.error("Not authenticated."), viaClient);
        assertEquals(0, tasks.execs.get());
    }

    @Test
    void moreClientsThanTheMaximumAreDisconnectedAtOnce() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true).setMaxClients(2));
        assertEquals(64, new TaskServerOptions().getMaxClients());
        try (Socket a = Wire.connect(server.port()); Socket b = Wire.connect(server.port())) {
            assertEquals(Wire.ok("Done."), Wire.call(a, "EXEC", exec("count")));
            assertEquals(Wire.ok("Done."), Wire.call(b, "EXEC", exec("count")));
            try (Socket third = Wire.connect(server.port())) {
                RawSockets.assertClosedByPeer(third);
            }
            assertEquals(Wire.ok("Done."), Wire.call(a, "EXEC", exec("count")));
        }
    }

    @Test
    void aRequestWhoseClientLeftAfterTheConfirmationStillRunsAndItsOutcomeIsDroppedQuietly() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        try (Socket s = Wire.connect(server.port())) {
            Wire.send(s, "EXEC", exec("block"));
            assertEquals(Wire.confirmation("EXEC"), Wire.read(s));
        }
        tasks.release();
        awaitCondition("the task ran", () -> tasks.execs.get() == 1);
        assertEquals(1000, await(client(server, null).terminate(new JsonObject(), true)).args().getInteger("n"));
    }

    @Test
    void aTaskThatReturnsNoStateFailsAndTheStateStays() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        TaskClient client = client(server, null);
        await(client.execute(exec("count"), true));
        assertEquals(TaskReply.error("Exec task failed: it returned null instead of the new state"),
            await(client.execute(exec("null"), true)));
        assertEquals(1, await(client.terminate(new JsonObject(), true)).args().getInteger("n"));
    }

    @Test
    void anInitTaskThatFailsLeavesTheServerUninitialised() throws Exception {
        int[] calls = {0};
        TaskSet flaky = TaskSet.of("flaky", args -> {
            if (calls[0]++ == 0) {
                throw new java.io.IOException("no instrument");
            }
            return new JsonObject().put("ok", true);
        }, (state, args, r) -> state, (state, args, r) -> { });
        TaskServer server = start(flaky, new TaskServerOptions());
        TaskClient client = client(server, null);
        assertEquals(TaskReply.error("Init task failed: no instrument"), await(client.initialize(new JsonObject(), true)));
        assertEquals(TaskReply.error("Not initialized."), await(client.execute(new JsonObject(), true)));
        assertEquals(TaskReply.okMessage("Initialization successful."), await(client.initialize(new JsonObject(), true)));
    }

    @Test
    void anInitAtStartThatFailsFailsTheStartAndEndsTheServer() {
        TaskSet broken = TaskSet.of("broken", args -> {
            throw new IllegalStateException("no config");
        }, (state, args, r) -> state, (state, args, r) -> { });
        TaskServer server = TaskServer.create(vertx, broken, new TaskServerOptions().setInitAtStart(true));
        servers.add(server);
        IllegalStateException e = awaitFailure(server.start(), IllegalStateException.class);
        assertEquals("the init task at start-up failed: Init task failed: no config", e.getMessage());
        assertTrue(server.done().isComplete() || awaitDone(server));
        assertEquals(-1, server.port());
    }

    private static boolean awaitDone(TaskServer server) {
        awaitCondition("the server ended", () -> server.done().isComplete());
        return true;
    }

    @Test
    void closeAnswersTheRunningAndQueuedRequestsAndEndsTheServer() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        try (Socket running = Wire.connect(server.port()); Socket queued = Wire.connect(server.port())) {
            Wire.send(running, "EXEC", exec("block"));
            assertEquals(Wire.confirmation("EXEC"), Wire.read(running));
            assertTrue(tasks.blocked.await(10, TimeUnit.SECONDS));
            Wire.send(queued, "EXEC", exec("count"));
            assertEquals(Wire.confirmation("EXEC"), Wire.read(queued));
            await(server.close());
            assertEquals(Wire.error("Server is shutting down."), Wire.read(running));
            assertEquals(Wire.error("Server is shutting down."), Wire.read(queued));
            RawSockets.assertClosedByPeer(running);
            RawSockets.assertClosedByPeer(queued);
        }
        RawSockets.assertRefusedEventually(server.port());
        assertEquals(1, tasks.execs.get());
        assertTrue(server.done().isComplete());
    }

    @Test
    void anExitAnswersTheRequestsQueuedBehindIt() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        try (Socket blocker = Wire.connect(server.port()); Socket exit = Wire.connect(server.port());
             Socket late = Wire.connect(server.port())) {
            Wire.send(blocker, "EXEC", exec("block"));
            assertEquals(Wire.confirmation("EXEC"), Wire.read(blocker));
            assertTrue(tasks.blocked.await(10, TimeUnit.SECONDS));
            Wire.send(exit, "EXIT", new JsonObject());
            assertEquals(Wire.confirmation("EXIT"), Wire.read(exit));
            Wire.send(late, "EXEC", exec("count"));
            assertEquals(Wire.confirmation("EXEC"), Wire.read(late));
            tasks.release();
            assertEquals(Wire.ok("Done."), Wire.read(blocker));
            assertEquals(new JsonObject().put("n", 1000).put("exited", true), Wire.read(exit).getJsonObject("args"));
            assertEquals(Wire.error("Server is shutting down."), Wire.read(late));
            await(server.done());
        }
        assertEquals(1, tasks.execs.get());
    }

    @Test
    void tasksRunOnTheServersOwnThreadNeverAnEventLoop() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        await(client(server, null).execute(exec("count"), true));
        assertEquals(1, tasks.threads.size());
        assertTrue(tasks.threads.get(0).startsWith("tcpip-tasks-test-"), tasks.threads.toString());
    }

    @Test
    void aClientsOkOrErrorIsIgnored() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        try (Socket s = Wire.connect(server.port())) {
            // bgpy's clients acknowledge every reply with OK "Received 'OK'": harmless here.
            RawSockets.send(s, Wire.frame(Wire.ok("Received 'OK'")));
            RawSockets.send(s, Wire.frame(Wire.error("whatever")));
            assertEquals(Wire.ok("Done."), Wire.call(s, "EXEC", exec("count")));
        }
    }

    @Test
    void aFailedAuthIsLoggedWithoutTheTokenAndTheServerNeverLogsTheToken() throws Exception {
        String token = TaskTokens.create();
        ListAppender<ILoggingEvent> log = BgpyFeaturesTest.capture(TaskSession.class);
        ListAppender<ILoggingEvent> serverLog = BgpyFeaturesTest.capture(TaskServer.class);
        try {
            TaskServer server = start(new TaskServerOptions().setToken(token));
            String guess = token.substring(1) + "Q";
            try (Socket s = Wire.connect(server.port())) {
                assertEquals(Wire.error("Invalid client authentication."), Wire.call(s, "AUTH", new JsonObject().put("token", guess)));
                assertEquals(Wire.ok("Authentication successful."), Wire.call(s, "AUTH", new JsonObject().put("token", token)));
            }
            assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("invalid client authentication")));
            for (ILoggingEvent e : List.of(log.list, serverLog.list).stream().flatMap(List::stream).toList()) {
                assertFalse(e.getFormattedMessage().contains(token) || e.getFormattedMessage().contains(guess), e.getFormattedMessage());
            }
            assertFalse(server.options().toString().contains(token));
        } finally {
            BgpyFeaturesTest.release(TaskSession.class, log);
            BgpyFeaturesTest.release(TaskServer.class, serverLog);
        }
    }

    @Test
    void anExitTaskThatThrowsAnswersErrorAndTheServerEndsAnyway() throws Exception {
        TaskSet failing = TaskSet.of("failing", args -> new JsonObject(), (state, args, r) -> state, (state, args, r) -> {
            throw new IllegalStateException("cannot park the telescope");
        });
        TaskServer server = start(failing, new TaskServerOptions().setInitAtStart(true));
        assertEquals(TaskReply.error("Exit task failed: cannot park the telescope"),
            await(client(server, null).terminate(new JsonObject(), true)));
        await("the server ends", server.done());
        RawSockets.assertRefusedEventually(server.port());
    }

    @Test
    void jsonAsPythonWritesItIsReadNanAndNonAsciiIncluded() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        try (Socket s = Wire.connect(server.port())) {
            // What json.dumps({"type": "EXEC", "args": {...}}) sends: spaces after separators, NaN, escaped non-ASCII.
            String python = "{\"type\": \"EXEC\", \"args\": {\"do\": \"respond\", \"reply\": "
                + "{\"x\": NaN, \"name\": \"gr\\u00fc\\u00df\"}}}";
            RawSockets.send(s, Wire.frame(python.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(Wire.confirmation("EXEC"), Wire.read(s));
            java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            String reply = new String(payload, java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals("{\"type\":\"OK\",\"args\":{\"x\":NaN,\"name\":\"gr\\u00FC\\u00DF\"}}", reply);
        }
    }
}
