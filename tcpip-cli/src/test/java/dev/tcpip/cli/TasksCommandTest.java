package dev.tcpip.cli;

import dev.tcpip.launcher.CommandLines;
import dev.tcpip.tasks.MessageType;
import dev.tcpip.tasks.TaskServer;
import dev.tcpip.tasks.TaskServerOptions;
import dev.tcpip.tasks.TaskServerProcessOptions;
import dev.tcpip.tasks.TaskSets;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code tasks} command's command lines, in-process: parsing, the token options, and the request commands
 * against a task server of the test; the server as a process is TasksProcessIT's.
 */
class TasksCommandTest {
    private static final String TOKEN = "s3cr3t";

    @TempDir
    Path dir;

    private final TasksServerCommand server = new TasksServerCommand();
    private final TasksRequestCommand init = TasksRequestCommand.init();
    private TasksRequestCommand exec = TasksRequestCommand.exec();
    private final TasksRequestCommand exit = TasksRequestCommand.terminate();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Vertx vertx;

    @AfterEach
    void closeVertx() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The program's command line with this test's tasks commands; stdout and stderr to the writers. */
    private CommandLine commandLine() {
        CommandLine cl = Main.commandLine(new EndpointCommand(), new ChatServerCommand(),
            TasksCommand.commandLine(server, init, exec, exit));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    private void parse(String... args) {
        CommandLines.parse(commandLine(), args);
    }

    private String refused(String... args) {
        return CommandLines.message(assertThrows(ParameterException.class, () -> parse(args)));
    }

    /** A counter task server of the test, with the token, on a free port. */
    private int startServer() throws Exception {
        vertx = Vertx.vertx();
        TaskServer s = TaskServer.create(vertx, TaskSets.find("counter"),
            new TaskServerOptions().setHost("127.0.0.1").setPort(0).setToken(TOKEN));
        return s.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private Path tokenFile(String content) throws Exception {
        Path f = Files.createTempFile(dir, "token", ".txt");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void theServerTakesHostPortAndRunsTheCounterUnlessToldOtherwise() {
        parse("tasks", "server", "127.0.0.1", "0");
        TaskServerOptions o = server.serverOptions();
        assertEquals("127.0.0.1", o.getHost());
        assertEquals(0, o.getPort());
        assertFalse(o.isInitAtStart());
        assertTrue(o.isOpenAccess());
        assertEquals("counter", server.tasks());
        assertNull(server.logLevel());
        assertFalse(server.background);
        assertNull(server.processOptions(o).getLogFile());
        assertEquals(List.of(), server.processOptions(o).getJvmArguments());

        parse("tasks", "server", "[::1]", "5000", "--tasks", "counter", "--init", "--log-level", "debug");
        o = server.serverOptions();
        assertEquals("::1", o.getHost());
        assertEquals(5000, o.getPort());
        assertTrue(o.isInitAtStart());
        assertEquals("DEBUG", server.logLevel().toString());
    }

    @Test
    void backgroundLaunchesThisJarWithTheLogFileTheLevelAndTheToken() throws Exception {
        Path token = tokenFile(TOKEN + "\n");
        Path log = dir.resolve("server.log");
        parse("tasks", "server", "127.0.0.1", "0", "--background", "--init", "--token-file", token.toString(),
            "--log-level", "warn", "--log-file", log.toString());
        assertTrue(server.background);
        TaskServerProcessOptions o = server.processOptions(server.serverOptions());
        assertEquals("counter", o.getTasks());
        assertEquals(log.toAbsolutePath(), o.getLogFile());
        assertEquals(List.of("-D" + CliLogging.LEVEL_PROPERTY + "=WARN"), o.getJvmArguments());
        assertEquals(TOKEN, o.getServer().getToken());
        assertTrue(o.getServer().isInitAtStart());
        assertTrue(o.isDetach());
    }

    @Test
    void aLogFileMustBeAFileInADirectoryThatExists() {
        assertEquals("--log-file: no directory " + dir.resolve("nowhere").toAbsolutePath(),
            refused("tasks", "server", "127.0.0.1", "0", "--log-file", dir.resolve("nowhere/x.log").toString()));
        assertEquals("--log-file: " + dir + " is a directory",
            refused("tasks", "server", "127.0.0.1", "0", "--log-file", dir.toString()));
        assertEquals("--background takes no value", refused("tasks", "server", "127.0.0.1", "0", "--background=1"));
    }

    @Test
    void anUnknownTaskSetIsABadCommandLineThatListsTheAvailableOnes() {
        assertEquals("--tasks: no task set 'nope'; available: counter",
            refused("tasks", "server", "127.0.0.1", "0", "--tasks", "nope"));
        assertEquals(CommandLines.EXIT_USAGE, commandLine().execute("tasks", "server", "127.0.0.1", "0", "--tasks", "nope"));
        assertEquals(List.of("tcpip tasks server: --tasks: no task set 'nope'; available: counter",
            "Try 'java -jar tcpip.jar tasks server --help' for the usage."), err.toString().lines().toList());
    }

    @Test
    void badServerArgumentsAreRefusedWithTheReason() {
        assertTrue(refused("tasks", "server", "127.0.0.1", "70000").contains("--port must be in 0..65535"));
        assertTrue(refused("tasks", "server", "127.0.0.1").contains("PORT"), refused("tasks", "server", "127.0.0.1"));
        assertTrue(refused("tasks", "server", "127.0.0.1", "0", "--log-level", "loud").contains("--log-level must be one of"));
        assertEquals("--init takes no value", refused("tasks", "server", "127.0.0.1", "0", "--init=yes"));
        assertEquals("unknown option: --token", refused("tasks", "server", "127.0.0.1", "0", "--token", TOKEN));
        assertEquals("unexpected argument: extra", refused("tasks", "server", "127.0.0.1", "0", "extra"));
    }

    @Test
    void noSubcommandIsABadCommandLine() {
        assertEquals(CommandLines.EXIT_USAGE, commandLine().execute("tasks"));
        assertEquals(List.of("tcpip tasks: a subcommand is needed: server, init, exec, terminate or version",
            "Try 'java -jar tcpip.jar tasks --help' for the usage."), err.toString().lines().toList());
        assertEquals("unexpected argument: bogus", refused("tasks", "bogus"));
    }

    @Test
    void theTokenFileGivesItsFirstLine() throws Exception {
        Path f = tokenFile(TOKEN + "\r\nsecond line\n");
        parse("tasks", "server", "127.0.0.1", "0", "--token-file", f.toString());
        assertEquals(TOKEN, server.serverOptions().getToken());
        parse("tasks", "exec", "127.0.0.1", "9", "--token-file", f.toString());
        assertEquals(TOKEN, exec.clientOptions().getToken());
    }

    @Test
    void theTokenEnvReadsTheVariable() {
        parse("tasks", "server", "127.0.0.1", "0", "--token-env", "TASK_TOKEN");
        server.token.environment = Map.of("TASK_TOKEN", TOKEN)::get;
        assertEquals(TOKEN, server.serverOptions().getToken());
        server.token.environment = Map.<String, String>of()::get;
        ParameterException e = assertThrows(ParameterException.class, server::serverOptions);
        assertEquals("--token-env: the environment variable TASK_TOKEN is not set or empty", e.getMessage());
    }

    @Test
    void anUnusableTokenIsABadCommandLine() throws Exception {
        Path missing = dir.resolve("missing.txt");
        assertEquals(CommandLines.EXIT_USAGE,
            commandLine().execute("tasks", "server", "127.0.0.1", "0", "--token-file", missing.toString()));
        assertTrue(err.toString().startsWith("tcpip tasks server: --token-file: cannot read " + missing), err.toString());

        Path empty = tokenFile("\n");
        parse("tasks", "exec", "127.0.0.1", "9", "--token-file", empty.toString());
        assertTrue(assertThrows(ParameterException.class, exec::clientOptions).getMessage().contains("is empty"));

        parse("tasks", "exec", "127.0.0.1", "9", "--token-file", empty.toString(), "--token-env", "X");
        assertEquals("--token-file and --token-env cannot go together",
            assertThrows(ParameterException.class, exec::clientOptions).getMessage());
    }

    @Test
    void theRequestCommandsReadArgsAwaitAndTimeout() {
        parse("tasks", "exec", "localhost", "4000", "--args", "{\"command\": \"increase\", \"value\": 10}",
            "--await-response", "--timeout", "2.5");
        assertEquals(MessageType.EXEC, exec.type());
        assertEquals(new JsonObject().put("command", "increase").put("value", 10), exec.args());
        assertTrue(exec.awaitResponse());
        assertEquals("localhost", exec.clientOptions().getHost());
        assertEquals(4000, exec.clientOptions().getPort());
        assertEquals(Duration.ofMillis(2500), exec.clientOptions().getConnectTimeout());
        assertEquals(Duration.ofMillis(2500), exec.clientOptions().getResponseTimeout());
        assertNull(exec.clientOptions().getToken());

        parse("tasks", "init", "localhost", "4000");
        assertEquals(MessageType.INIT, init.type());
        assertEquals(new JsonObject(), init.args());
        assertFalse(init.awaitResponse());
        parse("tasks", "terminate", "localhost", "4000");
        assertEquals(MessageType.EXIT, exit.type());
    }

    @Test
    void badRequestArgumentsAreRefusedWithTheReason() {
        assertEquals("--args needs a JSON object, got '[1]'", refused("tasks", "exec", "h", "1", "--args", "[1]"));
        assertEquals("--args needs a JSON object, got '{nope'", refused("tasks", "exec", "h", "1", "--args", "{nope"));
        assertTrue(refused("tasks", "init", "h", "0").contains("--port must be in 1..65535"));
        assertTrue(refused("tasks", "exec", "h", "1", "--timeout", "0").contains("--timeout must be above 0"));
        assertTrue(refused("tasks", "exec", "h", "1", "--timeout", "soon").contains("--timeout needs a number"));
        assertEquals(CommandLines.EXIT_USAGE, commandLine().execute("tasks", "exec", "h", "1", "--args", "nope"));
    }

    @Test
    void theRequestsPrintTheRepliesArgsAndExitZeroForOkThreeForError() throws Exception {
        int port = startServer();
        Path f = tokenFile(TOKEN + "\n");
        String p = Integer.toString(port);
        String t = f.toString();

        assertEquals(0, commandLine().execute("tasks", "init", "127.0.0.1", p, "--token-file", t));
        assertEquals(0, commandLine().execute("tasks", "exec", "127.0.0.1", p, "--token-file", t,
            "--args", "{\"command\": \"increase\", \"value\": 10}", "--await-response"));
        assertEquals(3, commandLine().execute("tasks", "init", "127.0.0.1", p, "--token-file", t, "--await-response"));
        exec = TasksRequestCommand.exec();   // a command object is parsed once (the token file was set)
        CommandLine cl = commandLine();
        exec.token.environment = Map.of("T", TOKEN)::get;
        assertEquals(0, cl.execute("tasks", "exec", "127.0.0.1", p, "--token-env", "T",
            "--args", "{\"command\": \"decrease\", \"value\": 100}", "--await-response"));
        assertEquals(0, commandLine().execute("tasks", "terminate", "127.0.0.1", p, "--token-file", t, "--await-response"));
        assertEquals(List.of(
                "{\"message\":\"Received 'INIT'\"}",
                "{\"message\":\"Done.\"}",
                "{\"message\":\"Already initialized.\"}",
                "{\"message\":\"Done.\"}",
                "{\"request_count\":3,\"value\":910,\"status\":\"Exited.\"}"),
            out.toString().lines().toList());
        assertEquals("", err.toString());
    }

    @Test
    void aWrongTokenIsAnErrorReply() throws Exception {
        int port = startServer();
        assertEquals(3, commandLine().execute("tasks", "exec", "127.0.0.1", Integer.toString(port),
            "--token-file", tokenFile("wrong\n").toString()));
        assertEquals("{\"message\":\"Invalid client authentication.\"}", out.toString().strip());
    }

    @Test
    void noServerExitsOneWithTheReasonOnStderr() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertEquals(1, commandLine().execute("tasks", "exec", "127.0.0.1", Integer.toString(port), "--timeout", "5"));
        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith("tcpip tasks exec: "), err.toString());
    }

    @Test
    void noReplyInTimeExitsOne() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(1, commandLine().execute("tasks", "exec", "127.0.0.1", Integer.toString(silent.getLocalPort()),
                "--timeout", "0.5"));
        }
        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith("tcpip tasks exec: no reply from 127.0.0.1:"), err.toString());
    }

    @Test
    void aServerThatCannotListenExitsOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(1, commandLine().execute("tasks", "server", "127.0.0.1", Integer.toString(taken.getLocalPort())));
        }
    }

    @Test
    void versionPrintsTheProjectsVersion() {
        String version = TasksVersionCommand.resourceVersion();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), version);
        assertEquals(0, commandLine().execute("tasks", "version"));
        assertEquals(version, out.toString().strip());
    }
}
