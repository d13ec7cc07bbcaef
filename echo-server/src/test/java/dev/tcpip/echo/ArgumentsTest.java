package dev.tcpip.echo;

import dev.tcpip.launcher.CommandLines;
import dev.tcpip.launcher.ListenAddress;
import dev.tcpip.launcher.ServerLauncher;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The echo server's command line (picocli, through tcpip-launcher), in-process; the jar's runs are EchoServerProcessIT's. */
class ArgumentsTest {
    private static final String USAGE = Main.commandLine().getUsageMessage();

    private static ListenAddress parse(String... args) {
        CommandLine cl = Main.commandLine();
        CommandLines.parse(cl, args);
        return ServerLauncher.listenAddress(cl);
    }

    @Test
    void defaultsAreLoopbackAndPort5000() {
        ListenAddress a = parse();
        assertEquals("127.0.0.1", a.host());
        assertEquals(5000, a.port());
    }

    @Test
    void hostAndPortTakeSeparateOrInlineValues() {
        ListenAddress a = parse("--host", "0.0.0.0", "--port", "0");
        assertEquals("0.0.0.0", a.host());
        assertEquals(0, a.port());
        ListenAddress b = parse("--port=65535", "--host=[::1]");
        assertEquals("::1", b.host());
        assertEquals(65535, b.port());
        assertEquals(7, parse("--port", "6", "--port", "7").port(), "the last one wins");
    }

    @Test
    void helpIsRecognisedInBothForms() {
        for (String flag : List.of("--help", "-h")) {
            ParseResult r = CommandLines.parse(Main.commandLine(), flag);
            assertTrue(r.isUsageHelpRequested(), flag);
        }
        assertTrue(USAGE.startsWith("Usage: java -jar echo-server.jar [--host H] [--port N] [--framing F] [--clients C]"
            + " [--max-frame N]" + System.lineSeparator()), USAGE);
        assertTrue(USAGE.contains("  --host H ") && USAGE.contains("  --port N "), USAGE);
        assertTrue(USAGE.contains("(default 127.0.0.1; 0.0.0.0 for every interface)")
            && USAGE.contains("(default 5000; 0 picks a free port)"), "the defaults: " + USAGE);
        assertTrue(USAGE.contains("\"Echo server running on port N\""), USAGE);
    }

    @Test
    void helpStatesTheRealExitCodesIncludingAfterASignal() {
        assertEquals(List.of(
            "Exit status:",
            "  0    after --help",
            "  1    it cannot listen (port in use, unknown host...)",
            "  2    bad arguments",
            "  130  stopped by Ctrl-C (SIGINT), once Vert.x has closed and the port is released",
            "  143  stopped by SIGTERM, once Vert.x has closed and the port is released"),
            exitStatusLines(USAGE));
        assertFalse(USAGE.contains("clean stop"), "a stop by signal does not exit 0");
    }

    /** The usage's lines from "Exit status:" to the end. */
    private static List<String> exitStatusLines(String usage) {
        List<String> lines = usage.lines().toList();
        int at = lines.indexOf("Exit status:");
        assertTrue(at >= 0, usage);
        return lines.subList(at, lines.size());
    }

    @Test
    void badArgumentsAreRejectedWithAMessage() {
        assertMessage("--port needs a number in 0..65535, got 'abc'", "--port", "abc");
        assertMessage("--port must be in 0..65535, got 65536", "--port", "65536");
        assertMessage("--port must be in 0..65535, got -1", "--port=-1");
        assertMessage("--port needs a value", "--port");
        assertMessage("--host needs a value", "--host");
        assertMessage("--host needs a non-empty address", "--host", " ");
        assertMessage("unknown option: --verbose", "--verbose");
        assertMessage("unknown option: --bogus", "--bogus");
        assertMessage("unknown option: --bogus", "--bogus=1");
        assertMessage("unknown option: --bogus", "--bogus", "1");
        assertMessage("unknown option: -p", "-p", "5000");
        assertMessage("unexpected argument: 5000", "5000");
        assertMessage("--help takes no value", "--help=yes");
    }

    /** The first line of stderr is "echo-server: " and this message (the rest is EchoServerProcessIT's). */
    private static void assertMessage(String expected, String... args) {
        CommandLine cl = Main.commandLine();
        ParameterException e = assertThrows(ParameterException.class, () -> CommandLines.parse(cl, args));
        assertEquals(expected, CommandLines.message(e));
    }

    // ---------------------------------------------------------------- --framing, --clients, --max-frame

    /** Parses into a fresh command object and returns it. */
    private static EchoCommand options(String... args) {
        EchoCommand command = new EchoCommand();
        CommandLines.parse(Main.commandLine(command), args);
        return command;
    }

    /** The message of the ParameterException the server factory throws for these arguments (parsing passes). */
    private static String refused(String... args) {
        EchoCommand command = options(args);
        ParameterException e = assertThrows(ParameterException.class,
            () -> command.server(new ListenAddress("127.0.0.1", 0)));
        return CommandLines.message(e);
    }

    @Test
    void theDefaultsAreLinesAndOneClientTheLsstDemo() {
        EchoCommand command = options();
        assertEquals(EchoCommand.Framing.LINE, command.framing());
        assertEquals(EchoCommand.Clients.ONE, command.clients());
        assertEquals(16 * 1024 * 1024, command.maxFrame());
        assertInstanceOf(EchoServer.class, command.server(new ListenAddress("127.0.0.1", 0)));
        assertInstanceOf(EchoServer.class, options("--framing", "line", "--clients", "one")
            .server(new ListenAddress("127.0.0.1", 0)), "the defaults given explicitly");
    }

    @Test
    void lengthFramingWithManyClientsMakesAFrameEchoWithTheMaximumGiven() {
        EchoCommand command = options("--framing", "length", "--clients=many", "--max-frame", "100");
        assertEquals(EchoCommand.Framing.LENGTH, command.framing());
        assertEquals(EchoCommand.Clients.MANY, command.clients());
        FrameEchoServer server = assertInstanceOf(FrameEchoServer.class,
            command.server(new ListenAddress("127.0.0.1", 5001)));
        assertEquals(100, server.maxFrame());
        assertEquals(5001, EchoCommand.port(server), "the port asked for, before deployment");
        FrameEchoServer byDefault = assertInstanceOf(FrameEchoServer.class,
            options("--clients", "many", "--framing", "length").server(new ListenAddress("127.0.0.1", 0)));
        assertEquals(16_777_216, byDefault.maxFrame(), "--max-frame defaults to 16 MiB");
        assertEquals(0, options("--framing", "length", "--clients", "many", "--max-frame", "0").maxFrame());
        assertEquals(1 << 30, options("--max-frame", "1073741824").maxFrame());
    }

    @Test
    void combinationsThatAreNotServedAreABadCommandLine() {
        assertEquals("--framing length needs --clients many", refused("--framing", "length"));
        assertEquals("--framing length needs --clients many", refused("--framing", "length", "--clients", "one"));
        assertEquals("--clients many needs --framing length", refused("--clients", "many"));
        assertEquals("--max-frame needs --framing length", refused("--max-frame", "100"));
        assertEquals("--max-frame needs --framing length", refused("--framing", "line", "--max-frame", "100"));
    }

    @Test
    void badFramingClientsAndMaxFrameValuesAreRejectedWithAMessageNamingTheOption() {
        assertMessage("--framing must be line or length, got 'bogus'", "--framing", "bogus");
        assertMessage("--framing needs a value", "--framing");
        assertMessage("--clients must be one or many, got 'two'", "--clients", "two");
        assertMessage("--clients needs a value", "--clients");
        assertMessage("--max-frame must be in 0..1073741824, got -1", "--max-frame", "-1");
        assertMessage("--max-frame must be in 0..1073741824, got -1", "--max-frame=-1");
        assertMessage("--max-frame must be in 0..1073741824, got 1073741825", "--max-frame", "1073741825");
        assertMessage("--max-frame needs a number in 0..1073741824, got 'abc'", "--max-frame", "abc");
        assertMessage("--max-frame needs a value", "--max-frame");
    }

    @Test
    void helpShowsTheNewOptionsWithTheirDefaultsAndTheWireFormat() {
        assertTrue(USAGE.contains("  --framing F ") && USAGE.contains("line (default)"), USAGE);
        assertTrue(USAGE.contains("  --clients C ") && USAGE.contains("one (default)"), USAGE);
        assertTrue(USAGE.contains("  --max-frame N ") && USAGE.contains("(default 16777216)"), USAGE);
        String flat = USAGE.replaceAll("\\s+", " ");
        assertTrue(flat.contains("A frame is a 4-byte signed big-endian length N, 0 <= N <= --max-frame"), flat);
        assertTrue(flat.contains("drops only that client"), flat);
    }
}
