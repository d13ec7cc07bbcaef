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
        assertTrue(USAGE.startsWith("Usage: java -jar echo-server.jar [--host H] [--port N]" + System.lineSeparator()), USAGE);
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
}
