package dev.tcpip.launcher;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conventions, on a client-like program with a flag, a two-value option, a required option and a subcommand. */
class CommandLinesTest {
    @Command(name = "java -jar tool.jar", description = "A tool.", subcommands = Sub.class,
        exitCodeList = {"0:done, or after --help", "2:bad arguments", "130:interrupted by Ctrl-C (SIGINT)"},
        footer = "Something to say at the end.")
    static final class Tool implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        int port = 5000;
        boolean fast;

        @Option(names = "--port", order = 1, paramLabel = "N", description = "the port (default 5000)")
        void port(String value) {
            port = CommandLines.parsePort(spec, value, 1);
        }

        @Option(names = "--fast", order = 2, description = "go fast", preprocessor = CommandLines.NoValue.class)
        void fast(boolean value) {
            fast = value;
        }

        @Option(names = "--move", order = 3, arity = "2", paramLabel = "AZ EL", description = "move there")
        List<String> moves = new ArrayList<>();

        @Override
        public Integer call() {
            return 40 + port % 10;
        }
    }

    @Command(name = "sub", description = "A subcommand.")
    static final class Sub implements Callable<Integer> {
        @Option(names = "--kind", required = true, paramLabel = "K", description = "the kind")
        String kind;

        @Override
        public Integer call() {
            return 7;
        }
    }

    /** What one execution printed and returned. */
    private record Run(int status, String out, String err) {
    }

    private static Run execute(Tool tool, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = CommandLines.configure(new CommandLine(tool), "tool");
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static void assertBad(String message, String... args) {
        assertSubBad("tool", "java -jar tool.jar", message, args);
    }

    private static void assertSubBad(String program, String command, String message, String... args) {
        Run r = execute(new Tool(), args);
        assertEquals(CommandLines.EXIT_USAGE, r.status(), String.join(" ", args));
        assertEquals("", r.out());
        assertEquals(program + ": " + message + System.lineSeparator()
            + "Try '" + command + " --help' for the usage." + System.lineSeparator(), r.err(), String.join(" ", args));
    }

    @Test
    void aGoodCommandLineRunsTheCommandAndALaterOptionWins() {
        Tool tool = new Tool();
        Run r = execute(tool, "--port", "6001", "--fast", "--move", "-1", "91", "--port=6003", "--move=1", "2");
        assertEquals(43, r.status(), r.err());
        assertEquals(6003, tool.port);
        assertTrue(tool.fast);
        assertEquals(List.of("-1", "91", "1", "2"), tool.moves, "a negative number is a value, not an option");
        assertEquals("", r.out() + r.err());
    }

    @Test
    void unknownOptionsAndStrayArgumentsAreNamedTheFirstFromTheLeft() {
        assertBad("unknown option: --bogus", "--bogus");
        assertBad("unknown option: --bogus", "--bogus=1");
        assertBad("unknown option: --bogus", "--bogus", "1");
        assertBad("unknown option: -p", "-p", "5000");
        assertBad("unknown option: --bogus", "--bogus", "--port", "x");
        assertBad("unexpected argument: 5000", "5000");
        assertBad("unexpected argument: stray", "stray", "--bogus");
        assertBad("unexpected argument: @args.txt", "@args.txt");
    }

    @Test
    void missingValuesBadValuesAndValuesGivenToAFlagAreNamed() {
        assertBad("--port needs a value", "--port");
        assertBad("--move needs two values", "--move", "1");
        assertBad("--port needs a number in 1..65535, got 'abc'", "--port", "abc");
        assertBad("--port must be in 1..65535, got 0", "--port=0");
        assertBad("--fast takes no value", "--fast=yes");
        assertBad("--fast takes no value", "--fast=true");
        assertBad("--help takes no value", "--help=yes");
    }

    @Test
    void aSubcommandsErrorsNameItAndPointToItsHelp() {
        assertSubBad("tool sub", "java -jar tool.jar sub", "unknown option: --bogus", "sub", "--kind", "k", "--bogus");
        assertSubBad("tool sub", "java -jar tool.jar sub", "--kind is required", "sub");
        assertBad("unexpected argument: sub", "--port", "6000", "sub", "--kind", "k");
        assertEquals(7, execute(new Tool(), "sub", "--kind", "k").status());
    }

    @Test
    void secondsAreADecimalNumberAboveZeroUpToTheMaximumInWholeMilliseconds() {
        CommandSpec spec = new CommandLine(new Tool()).getCommandSpec();
        assertEquals(Duration.ofMillis(1500), CommandLines.parseSeconds(spec, "--timeout", " 1.5 ", 60));
        assertEquals(Duration.ofMillis(1), CommandLines.parseSeconds(spec, "--timeout", "0.0001", 60));
        assertEquals(Duration.ofSeconds(60), CommandLines.parseSeconds(spec, "--timeout", "60", 60));
        assertEquals("--timeout needs a number of seconds, got 'soon'", assertThrows(ParameterException.class,
            () -> CommandLines.parseSeconds(spec, "--timeout", "soon", 60)).getMessage());
        for (String bad : List.of("0", "-1", "60.5", "NaN")) {
            assertEquals("--timeout must be above 0 and at most 60 seconds, got " + bad, assertThrows(ParameterException.class,
                () -> CommandLines.parseSeconds(spec, "--timeout", bad, 60)).getMessage());
        }
    }

    @Test
    void errorsWinOverHelp() {
        assertBad("unknown option: --bogus", "--help", "--bogus");
        assertBad("--port needs a number in 1..65535, got 'x'", "--port", "x", "--help");
    }

    @Test
    void helpListsTheSynopsisOptionsCommandsFooterThenTheExitStatuses() {
        for (String flag : List.of("--help", "-h")) {
            Run r = execute(new Tool(), flag);
            assertEquals(CommandLines.EXIT_OK, r.status());
            assertEquals("", r.err());
            assertEquals(String.join(System.lineSeparator(),
                "Usage: java -jar tool.jar [--port N] [--fast] [--move AZ EL]...",
                "       java -jar tool.jar sub [--kind K]",
                "",
                "A tool.",
                "",
                "Options:",
                "      --port N       the port (default 5000)",
                "      --fast         go fast",
                "      --move AZ EL   move there",
                "  -h, --help         print this help and exit ('sub --help' for the command's own)",
                "",
                "Commands:",
                "  sub  A subcommand.",
                "",
                "Something to say at the end.",
                "",
                "Exit status:",
                "  0    done, or after --help",
                "  2    bad arguments",
                "  130  interrupted by Ctrl-C (SIGINT)",
                ""), r.out());
        }
    }

    @Test
    void aSubcommandsHelpIsItsOwn() {
        Run r = execute(new Tool(), "sub", "--help");
        assertEquals(0, r.status());
        assertEquals(String.join(System.lineSeparator(),
            "Usage: java -jar tool.jar sub [--kind K]",
            "",
            "A subcommand.",
            "",
            "Options:",
            "      --kind K   the kind",
            "  -h, --help     print this help and exit",
            ""), r.out());
    }
}
