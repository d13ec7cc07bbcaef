package dev.tcpip.tasks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tcpip.tasks.counter.CounterTasks;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bgpy lines of seed-features.md that concern the library, one test each, named after the line (the
 * background launch and the token passed to a child are TaskServerProcessTest's, the CLI is tcpip-cli's
 * TasksCommandTest and TasksProcessIT).
 */
class BgpyFeaturesTest extends TaskServerTest {
    private static final String TOKEN = "s3cr3t-t0ken";

    private static JsonObject exec(String what) {
        return new JsonObject().put("do", what);
    }

    private static JsonObject counter(String command, int value) {
        return new JsonObject().put("command", command).put("value", value);
    }

    /** "Frames carry a length header and are parsed by a correct decoder: coalesced frames, split headers and split bodies all decode." */
    @Test
    void framesCarryALengthHeaderAndAreParsedByACorrectDecoderCoalescedFramesSplitHeadersAndSplitBodiesAllDecode() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        try (Socket s = Wire.connect(server.port())) {
            byte[] a = Wire.frame("EXEC", exec("count"));
            byte[] b = Wire.frame("EXEC", exec("count"));
            // Coalesced: two frames in one write.
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            RawSockets.send(s, both);
            for (int i = 0; i < 2; i++) {
                assertEquals(Wire.confirmation("EXEC"), Wire.read(s));
                assertEquals(Wire.ok("Done."), Wire.read(s));
            }
            // Split header and split body: one byte at a time.
            byte[] c = Wire.frame("EXEC", exec("count"));
            for (byte x : c) {
                RawSockets.send(s, new byte[] {x});
            }
            assertEquals(Wire.confirmation("EXEC"), Wire.read(s));
            assertEquals(Wire.ok("Done."), Wire.read(s));
        }
        assertEquals(3, tasks.execs.get());
    }

    /** "Sends need no fixed sleep." Requests written back to back, with no pause at all, are each answered. */
    @Test
    void sendsNeedNoFixedSleep() throws Exception {
        TaskServer server = start(new TaskServerOptions().setToken(TOKEN));
        try (Socket s = Wire.connect(server.port())) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(Wire.frame("AUTH", new JsonObject().put("token", TOKEN)));
            all.write(Wire.frame("INIT", new JsonObject()));
            for (int i = 0; i < 10; i++) {
                all.write(Wire.frame("EXEC", exec("count")));
            }
            all.write(Wire.frame("EXIT", new JsonObject()));
            RawSockets.send(s, all.toByteArray());
            assertEquals(Wire.confirmation("AUTH"), Wire.read(s));
            assertEquals(Wire.ok("Authentication successful."), Wire.read(s));
            assertEquals(Wire.confirmation("INIT"), Wire.read(s));
            assertEquals(Wire.ok("Initialization successful."), Wire.read(s));
            for (int i = 0; i < 10; i++) {
                assertEquals(Wire.confirmation("EXEC"), Wire.read(s));
                assertEquals(Wire.ok("Done."), Wire.read(s));
            }
            assertEquals(Wire.confirmation("EXIT"), Wire.read(s));
            JsonObject exited = Wire.read(s);
            assertEquals(10, exited.getJsonObject("args").getInteger("n"), exited.encode());
        }
    }

    /** "The payload codec is data-only (JSON or similar); code or objects are never deserialised, so no RCE." */
    @Test
    void thePayloadCodecIsDataOnlyCodeOrObjectsAreNeverDeserialisedSoNoRce() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        // A Java serialization stream and a pickle are not JSON: the connection is closed, nothing runs.
        ByteArrayOutputStream serialized = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
            out.writeObject(new ArrayList<>(List.of("x")));
        }
        byte[] pickle = {(byte) 0x80, 0x04, (byte) 0x95, 0x10, 0, 0, 0, 0, 0, 0, 0, (byte) 0x8c, 0x05, 'p', 'o', 's', 'i', 'x',
            (byte) 0x94, (byte) 0x8c, 0x06, 's', 'y', 's', 't', 'e', 'm', (byte) 0x94, (byte) 0x93, '.'};
        for (byte[] payload : List.of(serialized.toByteArray(), pickle)) {
            try (Socket s = Wire.connect(server.port())) {
                RawSockets.send(s, Wire.frame(payload));
                assertEquals(0, RawSockets.receiveUntilClosed(s.getInputStream()).length, "no reply, the connection closed");
            }
        }
        // What looks like a class name in JSON stays a string: the task gets plain JSON values.
        JsonObject sneaky = exec("echo").put("@class", "java.lang.ProcessBuilder")
            .put("command", new JsonArray().add("rm").add("-rf").add("/"));
        try (Socket s = Wire.connect(server.port())) {
            assertEquals(Wire.ok("Done."), Wire.call(s, "EXEC", sneaky));
        }
        assertEquals(List.of(sneaky), tasks.execArgs);
        assertJsonOnly(tasks.execArgs.get(0));
    }

    private static void assertJsonOnly(Object value) {
        if (value instanceof JsonObject) {
            ((JsonObject) value).forEach(e -> assertJsonOnly(e.getValue()));
        } else if (value instanceof JsonArray) {
            ((JsonArray) value).forEach(BgpyFeaturesTest::assertJsonOnly);
        } else {
            assertTrue(value == null || value instanceof String || value instanceof Number || value instanceof Boolean,
                "not a JSON value: " + value.getClass());
        }
    }

    /** "Tasks are handlers registered on the server by name." */
    @Test
    void tasksAreHandlersRegisteredOnTheServerByName() throws Exception {
        TaskSet found = TaskSets.find("counter");
        assertInstanceOf(CounterTasks.class, found);
        assertTrue(TaskSets.available().contains("counter"), TaskSets.available().toString());
        NoSuchElementException none = assertThrows(NoSuchElementException.class, () -> TaskSets.find("pickled"));
        assertTrue(none.getMessage().contains("available: counter"), none.getMessage());

        TaskServer server = start(found, new TaskServerOptions());
        assertEquals("counter", server.tasks().name());
        TaskClient client = client(server, null);
        assertEquals(TaskReply.okMessage("Initialization successful."), await(client.initialize(new JsonObject(), true)));
        assertEquals(TaskReply.okMessage("Done."), await(client.execute(counter("increase", 5), true)));
    }

    /** "The message types are INIT, EXEC, EXIT, AUTH, OK and ERROR." */
    @Test
    void theMessageTypesAreInitExecExitAuthOkAndError() throws Exception {
        Set<String> names = new TreeSet<>();
        Arrays.stream(MessageType.values()).forEach(t -> names.add(t.name()));
        assertEquals(new TreeSet<>(List.of("INIT", "EXEC", "EXIT", "AUTH", "OK", "ERROR")), names);
        assertEquals(List.of(MessageType.AUTH, MessageType.INIT, MessageType.EXEC, MessageType.EXIT),
            Arrays.stream(MessageType.values()).filter(MessageType::isRequest).toList());
        // Any other type breaks the protocol: that connection is closed.
        TaskServer server = start(new TaskServerOptions());
        try (Socket s = Wire.connect(server.port())) {
            Wire.send(s, "RUN", new JsonObject());
            assertEquals(0, RawSockets.receiveUntilClosed(s.getInputStream()).length);
        }
    }

    /** "Every received request is acknowledged with OK {"message":"Received '<TYPE>'"}, which is the bgpy confirmation." */
    @Test
    void everyReceivedRequestIsAcknowledgedWithOkReceivedType() throws Exception {
        TaskServer server = start(new TaskServerOptions().setToken(TOKEN));
        try (Socket s = Wire.connect(server.port())) {
            // Wire.call checks the confirmation before it returns the outcome.
            assertEquals(Wire.ok("Authentication successful."), Wire.call(s, "AUTH", new JsonObject().put("token", TOKEN)));
            assertEquals(Wire.ok("Initialization successful."), Wire.call(s, "INIT", new JsonObject()));
            assertEquals(Wire.error("Already initialized."), Wire.call(s, "INIT", new JsonObject()));
            assertEquals(Wire.ok("Done."), Wire.call(s, "EXEC", exec("count")));
            assertEquals("ERROR", Wire.call(s, "EXEC", exec("throw")).getString("type"));
            assertEquals(new JsonObject().put("n", 1).put("exited", true), Wire.call(s, "EXIT", new JsonObject()).getJsonObject("args"));
        }
        // The client sees the same confirmations.
        TaskServer other = start(new TaskServerOptions().setInitAtStart(true));
        TaskClient client = client(other, null);
        assertEquals(TaskReply.okMessage("Received 'INIT'"), await(client.initialize(new JsonObject(), false)));
        assertEquals(TaskReply.okMessage("Received 'EXEC'"), await(client.execute(exec("count"), false)));
        assertEquals(TaskReply.okMessage("Received 'EXIT'"), await(client.terminate(new JsonObject(), false)));
    }

    /** "With awaitResponse=true the client also receives the task's respond(...) payload, and a timeout applies." */
    @Test
    void withAwaitResponseTrueTheClientAlsoReceivesTheTasksRespondPayloadAndATimeoutApplies() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        TaskClient client = client(server, null);
        JsonObject payload = new JsonObject().put("answer", 42).put("list", new JsonArray().add("a"));
        assertEquals(TaskReply.ok(payload), await(client.execute(exec("respond").put("reply", payload), true)));
        assertEquals(TaskReply.error("no can do"), await(client.execute(exec("error").put("reply", "no can do"), true)));

        TaskClient impatient = TaskClient.create(vertx, new TaskClientOptions().setPort(server.port())
            .setResponseTimeout(Duration.ofMillis(300)));
        TimeoutException e = awaitFailure(impatient.execute(exec("block"), true), TimeoutException.class);
        assertTrue(e.getMessage().contains("within 0.3 s"), e.getMessage());
        // Not awaiting the outcome, the confirmation comes at once though the task still blocks.
        assertEquals(TaskReply.okMessage("Received 'EXEC'"), await(impatient.execute(exec("count"), false)));
    }

    /** "AUTH with the correct token gives "Authentication successful."" */
    @Test
    void authWithTheCorrectTokenGivesAuthenticationSuccessful() throws Exception {
        TaskServer server = start(new TaskServerOptions().setToken(TOKEN));
        assertEquals(TaskReply.okMessage("Authentication successful."), await(client(server, TOKEN).authenticate()));
        assertEquals(TaskReply.okMessage("Initialization successful."), await(client(server, TOKEN).initialize(new JsonObject(), true)));
        assertEquals(1, tasks.inits.get());
    }

    /** "AUTH with a wrong token gives ERROR "Invalid client authentication."" */
    @Test
    void authWithAWrongTokenGivesErrorInvalidClientAuthentication() throws Exception {
        TaskServer server = start(new TaskServerOptions().setToken(TOKEN).setInitAtStart(true));
        TaskReply refused = TaskReply.error("Invalid client authentication.");
        assertEquals(refused, await(client(server, "wrong").authenticate()));
        assertEquals(refused, await(client(server, null).authenticate()));
        // The client does not send its request after a refused AUTH.
        assertEquals(refused, await(client(server, "wrong").execute(exec("count"), true)));
        try (Socket s = Wire.connect(server.port())) {
            assertEquals(Wire.error("Invalid client authentication."), Wire.call(s, "AUTH", new JsonObject().put("token", "wrong")));
            assertEquals(Wire.error("Invalid client authentication."), Wire.call(s, "AUTH", new JsonObject().put("token", 42)));
            assertEquals(Wire.error("Invalid client authentication."), Wire.call(s, "AUTH", new JsonObject()));
            // Still not authenticated.
            Wire.send(s, "EXEC", exec("count"));
            assertEquals(Wire.error("Not authenticated."), Wire.read(s));
        }
        assertEquals(0, tasks.execs.get());
    }

    /** "Tokens are compared in constant time." What can be seen from outside: near misses of every kind are refused. */
    @Test
    void tokensAreComparedInConstantTime() throws Exception {
        TaskServer server = start(new TaskServerOptions().setToken(TOKEN));
        for (String guess : List.of(TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "x",
            TOKEN.substring(0, TOKEN.length() - 1) + "X", "x" + TOKEN.substring(1), TOKEN.toUpperCase(), "")) {
            TaskClient client = TaskClient.create(vertx, new TaskClientOptions().setPort(server.port()));
            try (Socket s = Wire.connect(server.port())) {
                assertEquals(Wire.error("Invalid client authentication."),
                    Wire.call(s, "AUTH", new JsonObject().put("token", guess)), guess);
            }
            assertEquals(TaskReply.error("Invalid client authentication."), await(client.authenticate()));
        }
        assertEquals(TaskReply.okMessage("Authentication successful."), await(client(server, TOKEN).authenticate()));
        // The comparison itself: TaskTokensTest.
    }

    /**
     * "Requests received before AUTH are rejected without being decoded beyond the header, and the client
     * receives an error." The payload is parsed as JSON, which is data only; of a request before AUTH only
     * the type is read: its arguments are not even checked, and nothing runs.
     */
    @Test
    void requestsReceivedBeforeAuthAreRejectedWithoutBeingDecodedBeyondTheHeaderAndTheClientReceivesAnError() throws Exception {
        TaskServer server = start(new TaskServerOptions().setToken(TOKEN));
        try (Socket s = Wire.connect(server.port())) {
            for (String type : List.of("INIT", "EXEC", "EXIT")) {
                Wire.send(s, type, exec("count"));
                assertEquals(Wire.error("Not authenticated."), Wire.read(s), type);
            }
            // Arguments that are not even an object are not looked at.
            RawSockets.send(s, Wire.frame(new JsonObject().put("type", "EXEC").put("args", 42)));
            assertEquals(Wire.error("Not authenticated."), Wire.read(s));
            // The connection stays usable: AUTH, then the same request runs.
            assertEquals(Wire.ok("Authentication successful."), Wire.call(s, "AUTH", new JsonObject().put("token", TOKEN)));
            assertEquals(Wire.ok("Initialization successful."), Wire.call(s, "INIT", new JsonObject()));
        }
        assertEquals(1, tasks.inits.get());
        assertEquals(0, tasks.execs.get());
        assertEquals(0, tasks.exits.get());
        assertFalse(server.done().isComplete(), "EXIT before AUTH did not end the server");
    }

    /** "With no token configured, access is open, and this is stated explicitly in the configuration." */
    @Test
    void withNoTokenConfiguredAccessIsOpenAndThisIsStatedExplicitlyInTheConfiguration() throws Exception {
        TaskServerOptions options = new TaskServerOptions();
        assertTrue(options.isOpenAccess());
        assertTrue(options.toString().contains("open access"), options.toString());
        assertFalse(new TaskServerOptions().setToken(TOKEN).isOpenAccess());

        ListAppender<ILoggingEvent> log = capture(TaskServer.class);
        try {
            TaskServer server = start(options);
            assertTrue(log.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("OPEN ACCESS")), "a WARN that access is open: " + log.list);
            try (Socket s = Wire.connect(server.port())) {
                // No AUTH needed; AUTH with any token succeeds.
                assertEquals(Wire.ok("Initialization successful."), Wire.call(s, "INIT", new JsonObject()));
                assertEquals(Wire.ok("Authentication successful."), Wire.call(s, "AUTH", new JsonObject().put("token", "anything")));
            }
        } finally {
            release(TaskServer.class, log);
        }
        // With a token, no such warning.
        ListAppender<ILoggingEvent> quiet = capture(TaskServer.class);
        try {
            start(new TaskServerOptions().setToken(TOKEN));
            assertTrue(quiet.list.stream().noneMatch(e -> e.getFormattedMessage().contains("OPEN ACCESS")), quiet.list.toString());
        } finally {
            release(TaskServer.class, quiet);
        }
    }

    static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }

    static void release(Class<?> type, ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(type)).detachAppender(appender);
    }

    /** "The first INIT gives "Initialization successful."" */
    @Test
    void theFirstInitGivesInitializationSuccessful() throws Exception {
        TaskServer server = start(new TaskServerOptions());
        assertEquals(TaskReply.okMessage("Initialization successful."), await(client(server, null).initialize(new JsonObject(), true)));
        assertEquals(1, tasks.inits.get());
    }

    /** "Any later INIT gives ERROR "Already initialized."" */
    @Test
    void anyLaterInitGivesErrorAlreadyInitialized() throws Exception {
        TaskServer server = start(new TaskServerOptions());
        TaskClient client = client(server, null);
        await(client.initialize(new JsonObject(), true));
        for (int i = 0; i < 3; i++) {
            assertEquals(TaskReply.error("Already initialized."), await(client.initialize(new JsonObject(), true)));
        }
        assertEquals(TaskReply.error("Already initialized."), await(server.initialize(new JsonObject())));
        assertEquals(1, tasks.inits.get());
    }

    /** "Initialising from a config or file at startup also makes a client INIT return "Already initialized."" */
    @Test
    void initialisingFromAConfigOrFileAtStartupAlsoMakesAClientInitReturnAlreadyInitialized() throws Exception {
        TaskServerOptions fromConfig = new TaskServerOptions(new JsonObject().put("initAtStart", true));
        TaskServer server = start(fromConfig);
        assertEquals(1, tasks.inits.get(), "initialised before start() completed");
        TaskClient client = client(server, null);
        assertEquals(TaskReply.error("Already initialized."), await(client.initialize(new JsonObject(), true)));
        assertEquals(TaskReply.okMessage("Done."), await(client.execute(exec("count"), true)));
        assertEquals(1, tasks.inits.get());
    }

    /** "EXEC before INIT returns an error to the client." */
    @Test
    void execBeforeInitReturnsAnErrorToTheClient() throws Exception {
        TaskServer server = start(new TaskServerOptions());
        assertEquals(TaskReply.error("Not initialized."), await(client(server, null).execute(exec("count"), true)));
        assertEquals(0, tasks.execs.get());
    }

    /**
     * "State threads through EXEC: the init state is passed to exec, and the return value replaces the state.
     * After "increase 10", "decrease 100" and EXIT, request_count is 3 and value goes 1000 → 910."
     */
    @Test
    void stateThreadsThroughExecAfterIncrease10Decrease100AndExitRequestCountIs3AndValueIs910() throws Exception {
        String token = TaskTokens.create();
        TaskServer server = start(new CounterTasks(), new TaskServerOptions().setToken(token));
        TaskClient client = client(server, token);
        assertEquals(TaskReply.okMessage("Initialization successful."), await(client.initialize(new JsonObject(), true)));
        assertEquals(TaskReply.error("Already initialized."), await(client.initialize(new JsonObject(), true)));
        assertEquals(TaskReply.okMessage("Received 'EXEC'"), await(client.execute(counter("increase", 10), false)));
        assertEquals(TaskReply.okMessage("Received 'EXEC'"), await(client.execute(counter("decrease", 100), false)));
        TaskReply last = await(client.terminate(new JsonObject(), true));
        assertEquals(TaskReply.ok(new JsonObject().put("request_count", 3).put("value", 910).put("status", "Exited.")), last);
        await("the server ends", server.done());
        RawSockets.assertRefusedEventually(server.port());
    }

    /** "EXIT runs the exit handler, optionally responds (terminate(awaitResponse) returns the final state), then stops the server, and the listen port closes." */
    @Test
    void exitRunsTheExitHandlerOptionallyRespondsThenStopsTheServerAndTheListenPortCloses() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        TaskClient client = client(server, null);
        await(client.execute(exec("count"), true));
        try (Socket bystander = Wire.connect(server.port())) {
            assertEquals(TaskReply.ok(new JsonObject().put("n", 1).put("exited", true)), await(client.terminate(new JsonObject(), true)));
            assertEquals(1, tasks.exits.get());
            await("the server ends", server.done());
            RawSockets.assertClosedByPeer(bystander);
        }
        RawSockets.assertRefusedEventually(server.port());

        // Without a response from the task, and without awaiting it.
        TaskSet silent = TaskSet.of("silent", args -> new JsonObject(), (state, args, r) -> state, (state, args, r) -> { });
        TaskServer second = start(silent, new TaskServerOptions().setInitAtStart(true));
        assertEquals(TaskReply.okMessage("Exited."), await(client(second, null).terminate(new JsonObject(), true)));
        await("the second server ends", second.done());
        TaskServer third = start(new TaskServerOptions());
        assertEquals(TaskReply.okMessage("Received 'EXIT'"), await(client(third, null).terminate(new JsonObject(), false)));
        await("the third server ends", third.done());
        assertEquals(1, tasks.exits.get(), "no exit task without INIT");
        RawSockets.assertRefusedEventually(third.port());
    }

    /** "An exception in a task returns ERROR to the client, and the server keeps running." */
    @Test
    void anExceptionInATaskReturnsErrorToTheClientAndTheServerKeepsRunning() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        TaskClient client = client(server, null);
        await(client.execute(exec("count"), true));
        assertEquals(TaskReply.error("Exec task failed: boom"), await(client.execute(exec("throw"), true)));
        assertEquals(TaskReply.error("Exec task failed: no such test action: nonsense"), await(client.execute(exec("nonsense"), true)));
        // The state is as it was before the failing task (which had changed its copy).
        await(client.execute(exec("count"), true));
        assertEquals(new JsonObject().put("n", 2).put("exited", true), await(client.terminate(new JsonObject(), true)).args());

        // The counter's missing key, as bgpy's KeyError, which killed the bgpy server.
        TaskServer counter = start(new CounterTasks(), new TaskServerOptions().setInitAtStart(true));
        TaskClient c = client(counter, null);
        TaskReply missing = await(c.execute(new JsonObject(), true));
        assertEquals(MessageType.ERROR, missing.type());
        assertTrue(missing.message().startsWith("Exec task failed: missing \"command\""), missing.message());
        assertEquals(TaskReply.okMessage("Done."), await(c.execute(counter("increase", 1), true)));
    }

    /** "A malformed frame closes only that connection, and the server keeps running." */
    @Test
    void aMalformedFrameClosesOnlyThatConnectionAndTheServerKeepsRunning() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true).setMaxFrameLength(1024));
        List<byte[]> malformed = List.of(
            new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe},          // a negative length
            new byte[] {0, 0, 4, 1},                                                      // over the maximum
            Wire.frame(new byte[] {(byte) 0xc3, 0x28, '{', '}'}),                         // not UTF-8
            Wire.frame("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)),    // not JSON
            Wire.frame("[1, 2]".getBytes(java.nio.charset.StandardCharsets.UTF_8)),      // not an object
            Wire.frame(new JsonObject().put("args", new JsonObject())),                   // no type
            Wire.frame(new JsonObject().put("type", 3)),                                   // bgpy's number for AUTH
            Wire.frame(new JsonObject().put("type", "EXEC").put("args", "x")));            // args not an object
        try (Socket bystander = Wire.connect(server.port())) {
            assertEquals(Wire.ok("Done."), Wire.call(bystander, "EXEC", exec("count")));
            for (byte[] bytes : malformed) {
                try (Socket s = Wire.connect(server.port())) {
                    RawSockets.send(s, bytes);
                    assertEquals(0, RawSockets.receiveUntilClosed(s.getInputStream()).length);
                }
                assertEquals(Wire.ok("Done."), Wire.call(bystander, "EXEC", exec("count")));
            }
        }
        assertEquals(1 + malformed.size(), tasks.execs.get());
    }

    /** "Several clients can connect concurrently; a stuck client does not block others." */
    @Test
    void severalClientsCanConnectConcurrentlyAStuckClientDoesNotBlockOthers() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true).setToken(TOKEN));
        List<Socket> open = new ArrayList<>();
        try {
            // A stuck client: half a header, then nothing; another: half a body.
            Socket stuck = Wire.connect(server.port());
            open.add(stuck);
            RawSockets.send(stuck, new byte[] {0, 0});
            Socket stuckBody = Wire.connect(server.port());
            open.add(stuckBody);
            byte[] frame = Wire.frame("AUTH", new JsonObject().put("token", TOKEN));
            RawSockets.send(stuckBody, Arrays.copyOf(frame, frame.length / 2));
            // Five clients at once, each authenticating and executing.
            for (int i = 0; i < 5; i++) {
                Socket s = Wire.connect(server.port());
                open.add(s);
                Wire.send(s, "AUTH", new JsonObject().put("token", TOKEN));
            }
            for (Socket s : open.subList(2, open.size())) {
                assertEquals(Wire.confirmation("AUTH"), Wire.read(s));
                assertEquals(Wire.ok("Authentication successful."), Wire.read(s));
                assertEquals(Wire.ok("Done."), Wire.call(s, "EXEC", exec("count")));
            }
            assertEquals(5, await(client(server, TOKEN).terminate(new JsonObject(), true)).args().getInteger("n"));
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    /** "Read, idle and response timeouts are configurable." */
    @Test
    void readIdleAndResponseTimeoutsAreConfigurable() throws Exception {
        // Read and idle: one timeout on the server; a client silent (even mid-frame) for that long is dropped.
        TaskServerOptions options = new TaskServerOptions().setIdleTimeout(Duration.ofMillis(200)).setInitAtStart(true);
        assertEquals(Duration.ofMillis(200), options.getIdleTimeout());
        assertEquals(0.2, options.toJson().getDouble("idleTimeout"));
        TaskServer server = start(options);
        try (Socket idle = Wire.connect(server.port()); Socket midFrame = Wire.connect(server.port())) {
            RawSockets.send(midFrame, new byte[] {0, 0, 0, 20, '{'});
            RawSockets.assertClosedByPeer(idle);
            RawSockets.assertClosedByPeer(midFrame);
        }
        // Response: the client's, for a task that takes longer.
        TaskClient client = TaskClient.create(vertx, new TaskClientOptions().setPort(server.port())
            .setResponseTimeout(Duration.ofMillis(100)));
        assertEquals(Duration.ofMillis(100), client.options().getResponseTimeout());
        awaitFailure(client.execute(exec("block"), true), TimeoutException.class);
        // And the task's time limit on the server.
        assertEquals(Duration.ofSeconds(2), new TaskServerOptions(new JsonObject().put("taskTimeout", 2)).getTaskTimeout());
    }

    /** "Response objects never gain internal keys such as await_response, and request arguments are not mutated." */
    @Test
    void responseObjectsNeverGainInternalKeysSuchAsAwaitResponseAndRequestArgumentsAreNotMutated() throws Exception {
        TaskServer server = start(new TaskServerOptions().setInitAtStart(true));
        TaskClient client = client(server, null);
        JsonObject payload = new JsonObject().put("a", 1);
        JsonObject args = exec("respond").put("reply", payload);
        JsonObject before = args.copy();
        for (boolean awaitResponse : List.of(true, false)) {
            TaskReply reply = await(client.execute(args, awaitResponse));
            assertEquals(awaitResponse ? payload : new JsonObject().put("message", "Received 'EXEC'"), reply.args());
            assertFalse(reply.args().containsKey("await_response"));
            assertEquals(before, args, "the caller's arguments are unchanged");
        }
        // The task got exactly the arguments sent, without any key added. Without awaitResponse the client
        // returns at the confirmation, before the task has run: wait for it.
        dev.tcpip.testsupport.Await.awaitCondition("both EXEC tasks ran", () -> tasks.execArgs.size() == 2);
        assertEquals(List.of(before, before), tasks.execArgs);
        // A task that changes its arguments and state changes nothing else.
        await(client.execute(exec("throw"), true));
        TaskReply last = await(client.terminate(new JsonObject(), true));
        assertEquals(new JsonObject().put("n", 2).put("exited", true), last.args());
        // Replies on the wire: exactly type and args.
        TaskServer other = start(new TaskServerOptions().setInitAtStart(true));
        try (Socket s = Wire.connect(other.port())) {
            Wire.send(s, "EXEC", exec("respond").put("reply", payload).put("await_response", true));
            JsonObject confirmation = Wire.read(s);
            JsonObject outcome = Wire.read(s);
            assertEquals(Set.of("type", "args"), confirmation.fieldNames());
            assertEquals(Set.of("type", "args"), outcome.fieldNames());
            assertEquals(payload, outcome.getJsonObject("args"));
        }
    }
}
