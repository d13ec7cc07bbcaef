package dev.tcpip.cli;

import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.launcher.CommandLines;
import dev.tcpip.services.endpoint.QueueEndpointOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code endpoint} command's command line, in-process; the jar's runs are EndpointProcessIT's. */
class EndpointCommandTest {
    private static final String USAGE = Main.commandLine().getSubcommands().get("endpoint").getUsageMessage();

    /** Parses {@code endpoint args} into a fresh command, checks the options together, and returns it. */
    private static EndpointCommand parse(String... args) {
        EndpointCommand command = new EndpointCommand();
        CommandLines.parse(Main.commandLine(command), prepend(args));
        command.check();
        return command;
    }

    private static String[] prepend(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "endpoint";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    /** The message of a bad command line: after {@code tcpip endpoint: } on stderr. */
    private static String refused(String... args) {
        ParameterException e = assertThrows(ParameterException.class, () -> parse(args));
        return CommandLines.message(e);
    }

    private static List<String> messages(String stdin, String... args) {
        return parse(args).messages(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theDefaultsArePysocklibs() {
        EndpointCommand c = parse();
        assertEquals("localhost", c.ip());
        assertEquals(12345, c.port());
        assertFalse(c.server());
        assertEquals(EndpointCommand.Type.MULTI, c.type());
        assertFalse(c.reconnect());
        assertEquals(Duration.ofSeconds(5), c.timeout());
        assertEquals(0, c.count());
        assertNull(c.messages(new ByteArrayInputStream(new byte[0])), "no --messages: the sample messages");
        assertEquals("Client", c.kind());
    }

    @Test
    void longAndShortOptionsSetTheSameThings() {
        EndpointCommand longForm = parse("--ip", "127.0.0.1", "--port", "0", "--server", "--type", "sender", "--reconnect",
            "--timeout", "0.25", "--messages", "a", "b", "--count", "3", "--type", "multi");
        EndpointCommand shortForm = parse("-i", "127.0.0.1", "-p", "0", "-s", "-t", "sender", "-r", "-o", "0.25",
            "-m", "a", "b", "--count=3", "-t", "MULTI");
        for (EndpointCommand c : List.of(longForm, shortForm)) {
            assertEquals("127.0.0.1", c.ip());
            assertEquals(0, c.port());
            assertTrue(c.server());
            assertEquals(EndpointCommand.Type.MULTI, c.type(), "the last --type wins");
            assertTrue(c.reconnect());
            assertEquals(Duration.ofMillis(250), c.timeout());
            assertEquals(3, c.count());
            assertEquals(List.of("a", "b"), c.messages(new ByteArrayInputStream(new byte[0])));
            assertEquals("Server", c.kind());
        }
        assertEquals("::1", parse("--ip", "[::1]").ip());
        assertTrue(parse("-sr", "-p", "1").reconnect(), "short flags cluster");
    }

    @Test
    void typeAndServerPickTheEndpoint() {
        assertEquals("ClientReceiver", parse("-t", "receiver").kind());
        assertEquals("ClientSender", parse("-t", "sender").kind());
        assertEquals("Client", parse("-t", "multi").kind());
        assertEquals("ServerReceiver", parse("-s", "-t", "receiver").kind());
        assertEquals("ServerSender", parse("-s", "-t", "sender").kind());
        assertEquals("Server", parse("-s").kind());
    }

    @Test
    void reconnectAndTimeoutMakeTheReconnectPolicy() {
        QueueEndpointOptions once = parse("-o", "1.5", "-m", "x").endpointOptions(1);
        assertEquals(ReconnectPolicy.never().withConnectTimeout(Duration.ofMillis(1500)), once.getReconnect());
        assertFalse(once.getReconnect().reconnects());
        QueueEndpointOptions again = parse("--reconnect", "-i", "example.org", "-p", "99").endpointOptions(0);
        assertEquals(ReconnectPolicy.defaults().withConnectTimeout(Duration.ofSeconds(5)), again.getReconnect());
        assertEquals("example.org", again.getHost());
        assertEquals(99, again.getPort());
        assertEquals(QueueEndpointOptions.DEFAULT_QUEUE_CAPACITY, again.getOutboundCapacity());
        assertEquals(5000, parse().endpointOptions(5000).getOutboundCapacity(), "room for every message given");
    }

    @Test
    void messagesDashReadsStandardInputOneMessagePerLine() {
        assertEquals(List.of("héllo", "wörld", "", "last"), messages("héllo\nwörld\r\n\nlast", "-m", "-"));
        assertEquals(List.of("a", "b"), messages("a\nb\n", "--messages", "-"), "no message after the last line ending");
        assertEquals(List.of(), messages("", "--messages", "-"), "empty input: no message");
        assertEquals(List.of("a\rb"), messages("a\rb\r\n", "-m", "-"), "a CR inside a line stays");
        ParameterException e = assertThrows(ParameterException.class, () -> parse("-m", "-")
            .messages(new ByteArrayInputStream(new byte[] {'o', 'k', '\n', (byte) 0xC3, '\n'})));
        assertEquals("--messages -: standard input is not UTF-8 text", CommandLines.message(e));
    }

    @Test
    void messagesThatCannotGoOnTheWireAreABadCommandLine() {
        ParameterException crlf = assertThrows(ParameterException.class,
            () -> messages("", "-m", "two\r\nlines"));
        assertEquals("--messages: a message must not contain CR LF, which ends each message on the wire",
            CommandLines.message(crlf));
        String big = "x".repeat(QueueEndpointOptions.DEFAULT_MAX_MESSAGE_LENGTH + 1);
        ParameterException tooLong = assertThrows(ParameterException.class, () -> messages(big + "\n", "-m", "-"));
        assertEquals("--messages: a message may have at most 65536 bytes (UTF-8), got one of 65537",
            CommandLines.message(tooLong));
        assertEquals(1, messages("", "-m", "x".repeat(QueueEndpointOptions.DEFAULT_MAX_MESSAGE_LENGTH)).size());
    }

    @Test
    void badValuesNameTheOption() {
        assertEquals("--type must be multi, receiver or sender, got 'bogus'", refused("--type", "bogus"));
        assertEquals("--type needs a value", refused("-t"));
        assertEquals("--port needs a number in 0..65535, got 'x'", refused("--port", "x"));
        assertEquals("--port must be in 0..65535, got 65536", refused("-p", "65536"));
        assertEquals("--ip needs a non-empty address", refused("--ip", " "));
        assertEquals("--timeout needs a number of seconds, got 'soon'", refused("--timeout", "soon"));
        assertEquals("--timeout must be above 0 and at most 3600 seconds, got 0", refused("-o", "0"));
        assertEquals("--timeout must be above 0 and at most 3600 seconds, got NaN", refused("-o", "NaN"));
        assertEquals("--count needs a number in 1..2147483647, got 'all'", refused("--count", "all"));
        assertEquals("--count must be in 1..2147483647, got 0", refused("--count", "0"));
        assertEquals("--messages needs a value", refused("--messages"));
        assertEquals("--server takes no value", refused("--server=yes"));
        assertEquals("unknown option: --bogus", refused("--bogus"));
        assertEquals("unexpected argument: stray", refused("stray"));
    }

    @Test
    void optionsThatDoNotGoTogetherAreABadCommandLine() {
        assertEquals("--port 0 needs --server (it picks a free port to listen on); a client needs a port in 1..65535",
            refused("--port", "0"));
        assertEquals("--count needs --type receiver or multi", refused("-t", "sender", "--count", "2"));
        assertEquals("--messages needs --type sender or multi", refused("-t", "receiver", "-m", "a"));
        assertEquals("'--messages -' reads the messages from standard input and takes no other value",
            refused("-m", "a", "-"));
        assertTrue(parse("-r", "-m", "a").reconnect(), "a reconnecting sender of --messages: sent once, then it ends");
    }

    @Test
    void executingReturnsTheExitStatusAndPrintsTheTwoLinesOfABadCommandLine() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("endpoint", "--port", "x"));
        assertEquals(List.of("tcpip endpoint: --port needs a number in 0..65535, got 'x'",
            "Try 'java -jar tcpip.jar endpoint --help' for the usage."), err.toString().lines().toList());

        StringWriter none = new StringWriter();
        CommandLine bare = Main.commandLine();
        bare.setErr(new PrintWriter(none));
        assertEquals(2, bare.execute());
        assertEquals(List.of("tcpip: a command is needed: endpoint, chat-server or tasks", "Try 'java -jar tcpip.jar --help' for the usage."),
            none.toString().lines().toList());

        StringWriter out = new StringWriter();
        CommandLine help = Main.commandLine();
        help.setOut(new PrintWriter(out));
        assertEquals(0, help.execute("endpoint", "--help"));
        assertEquals(USAGE, out.toString());
    }

    @Test
    void theUsageShowsEveryOptionWithItsDefaultAndTheExitStatuses() {
        assertTrue(USAGE.startsWith("Usage: java -jar tcpip.jar endpoint [--ip H] [--port P] [--server] [--type T] [--reconnect]"),
            USAGE);
        for (String option : List.of("-i, --ip H", "-p, --port P", "-s, --server", "-t, --type T", "-r, --reconnect",
                 "-o, --timeout S", "-m, --messages M", "    --count N", "-h, --help")) {
            assertTrue(USAGE.contains("  " + option + " "), option + " in\n" + USAGE);
        }
        assertTrue(USAGE.contains("(default localhost)") && USAGE.contains("(default 12345)")
            && USAGE.contains("multi (default)") && USAGE.contains("(default 5.0)"), USAGE);
        String flat = USAGE.replaceAll("\\s+", " ");
        assertTrue(flat.contains("\"<kind> listening on port N\""), flat);
        List<String> lines = USAGE.lines().toList();
        List<String> statuses = lines.subList(lines.indexOf("Exit status:") + 1, lines.size());
        assertEquals(List.of("0", "1", "2", "130", "143"), statuses.stream().map(l -> l.trim().split(" ")[0]).toList());
        assertTrue(statuses.stream().allMatch(l -> l.length() <= CommandLines.USAGE_WIDTH), "never wrapped, so short:\n" + USAGE);
        String program = Main.commandLine().getUsageMessage();
        assertTrue(program.startsWith("Usage: java -jar tcpip.jar" + System.lineSeparator()
            + "       java -jar tcpip.jar endpoint [--ip H]"), program);
    }
}
