package dev.tcpip.echo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArgumentsTest {
    @Test
    void defaultsAreLoopbackAndPort5000() throws Exception {
        Arguments a = Arguments.parse();
        assertEquals("127.0.0.1", a.host());
        assertEquals(5000, a.port());
        assertFalse(a.help());
    }

    @Test
    void hostAndPortTakeSeparateOrInlineValues() throws Exception {
        Arguments a = Arguments.parse("--host", "0.0.0.0", "--port", "0");
        assertEquals("0.0.0.0", a.host());
        assertEquals(0, a.port());
        Arguments b = Arguments.parse("--port=65535", "--host=[::1]");
        assertEquals("::1", b.host());
        assertEquals(65535, b.port());
        assertEquals(7, Arguments.parse("--port", "6", "--port", "7").port(), "the last one wins");
    }

    @Test
    void helpIsRecognisedInBothForms() throws Exception {
        assertTrue(Arguments.parse("--help").help());
        assertTrue(Arguments.parse("-h").help());
        assertTrue(Arguments.USAGE.contains("--host H") && Arguments.USAGE.contains("--port N"));
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
            exitStatusLines(Arguments.USAGE));
        assertFalse(Arguments.USAGE.contains("clean stop"), "a stop by signal does not exit 0");
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

    private static void assertMessage(String expected, String... args) {
        Arguments.UsageException e = assertThrows(Arguments.UsageException.class, () -> Arguments.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
