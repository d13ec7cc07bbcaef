package dev.tcpip.launcher;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's command line, in-process: the options it adds, their checks, and what --help says. */
class ServerLauncherTest {
    private static CommandLine commandLine(GreeterMain.Options options) {
        return GreeterMain.launcher().commandLine(options);
    }

    private static ListenAddress parse(String... args) {
        CommandLine cl = commandLine(new GreeterMain.Options());
        CommandLines.parse(cl, args);
        return ServerLauncher.listenAddress(cl);
    }

    private static String message(String... args) {
        CommandLine cl = commandLine(new GreeterMain.Options());
        return CommandLines.message(assertThrows(ParameterException.class, () -> CommandLines.parse(cl, args)));
    }

    @Test
    void hostAndPortDefaultToLoopbackAndTheProgramsPort() {
        assertEquals(new ListenAddress("127.0.0.1", 5055), parse());
    }

    @Test
    void hostAndPortTakeSeparateOrInlineValuesAndTheLastOneWins() {
        assertEquals(new ListenAddress("0.0.0.0", 0), parse("--host", "0.0.0.0", "--port", "0"));
        assertEquals(new ListenAddress("::1", 65535), parse("--port=65535", "--host=[::1]"));
        assertEquals(7, parse("--port", "6", "--port", "7").port());
        assertEquals("[::1]:65535", new ListenAddress("::1", 65535).toString());
    }

    @Test
    void theProgramsOwnOptionsAreParsedToo() {
        GreeterMain.Options options = new GreeterMain.Options();
        commandLine(options).parseArgs("--greeting", "hi", "--port", "1");
        assertEquals("hi", options.greeting);
    }

    @Test
    void badHostsAndPortsAreRefusedWithAMessage() {
        assertEquals("--port needs a number in 0..65535, got 'abc'", message("--port", "abc"));
        assertEquals("--port must be in 0..65535, got 65536", message("--port", "65536"));
        assertEquals("--port must be in 0..65535, got -1", message("--port=-1"));
        assertEquals("--port needs a value", message("--port"));
        assertEquals("--host needs a value", message("--host"));
        assertEquals("--host needs a non-empty address", message("--host", " "));
        assertEquals("unknown option: --bogus", message("--bogus=1"));
    }

    @Test
    void helpStatesTheOptionsWhatItPrintsAndTheExitStatuses() {
        String usage = commandLine(new GreeterMain.Options()).getUsageMessage();
        List<String> lines = usage.lines().toList();
        assertEquals("Usage: java -jar greeter.jar [--host H] [--port N] [--greeting TEXT]", lines.get(0));
        assertEquals("       java -jar greeter.jar ping", lines.get(1));
        assertTrue(usage.contains("      --host H          address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)"), usage);
        assertTrue(usage.contains("      --port N          port to listen on, 0..65535 (default 5055; 0 picks a free port)"), usage);
        assertTrue(usage.contains("      --greeting TEXT   the word before each line (default hello)"), usage);
        assertTrue(usage.contains("Once listening it prints one line on stdout, \"Greeter running on port N\", with the real"
            + " port;"), usage);
        assertTrue(usage.contains("(waiting at most 5 s)"), usage);
        assertTrue(usage.contains("java -Dlog.level=DEBUG logs more."), "the program's footer follows: " + usage);
        int at = lines.indexOf("Exit status:");
        assertEquals(List.of(
            "Exit status:",
            "  0    after --help",
            "  1    it cannot listen (port in use, unknown host...)",
            "  2    bad arguments",
            "  130  stopped by Ctrl-C (SIGINT), once Vert.x has closed and the port is released",
            "  143  stopped by SIGTERM, once Vert.x has closed and the port is released"), lines.subList(at, lines.size()));
    }

    @Test
    void aCommandLineNotMadeByALauncherHasNoAddress() {
        CommandLine plain = new CommandLine(new GreeterMain.Options());
        assertThrows(IllegalArgumentException.class, () -> ServerLauncher.listenAddress(plain));
    }

    @Test
    void theLaunchersSettingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ServerLauncher.program(" "));
        assertThrows(IllegalArgumentException.class, () -> ServerLauncher.program("x").defaultPort(65536));
        assertThrows(IllegalArgumentException.class, () -> ServerLauncher.program("x").stopTimeout(java.time.Duration.ZERO));
    }
}
