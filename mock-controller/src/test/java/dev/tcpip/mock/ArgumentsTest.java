package dev.tcpip.mock;

import dev.tcpip.launcher.CommandLines;
import dev.tcpip.launcher.ListenAddress;
import dev.tcpip.launcher.ServerLauncher;
import javolution.io.Struct;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.List;

import static dev.tcpip.mock.CommandLineParsing.controller;
import static dev.tcpip.mock.CommandLineParsing.drive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both command lines, the controller's and the drive client's, parsed in-process (picocli, through tcpip-launcher). */
class ArgumentsTest {
    private static final String USAGE = Main.commandLine(new ControllerCommand()).getUsageMessage();
    private static final String DRIVE_USAGE = Main.commandLine(new ControllerCommand()).getSubcommands().get(Main.DRIVE)
        .getUsageMessage();

    private static ListenAddress address(String... args) {
        CommandLine cl = Main.commandLine(new ControllerCommand());
        CommandLines.parse(cl, args);
        return ServerLauncher.listenAddress(cl);
    }

    @Test
    void controllerDefaultsAreLoopbackPort5002And50Hz() {
        assertEquals(new ListenAddress("127.0.0.1", 5002), address());
        assertEquals(50, controller().telemetryHz());
    }

    @Test
    void controllerOptionsTakeSeparateOrInlineValues() {
        assertEquals(new ListenAddress("0.0.0.0", 0), address("--host", "0.0.0.0", "--port", "0", "--telemetry-hz", "10"));
        assertEquals(10, controller("--host", "0.0.0.0", "--port", "0", "--telemetry-hz", "10").telemetryHz());
        assertEquals(new ListenAddress("::1", 65535), address("--port=65535", "--host=[::1]", "--telemetry-hz=100"));
        assertEquals(100, controller("--port=65535", "--host=[::1]", "--telemetry-hz=100").telemetryHz());
        assertTrue(CommandLines.parse(Main.commandLine(new ControllerCommand()), "-h").isUsageHelpRequested());
        assertTrue(USAGE.startsWith("Usage: java -jar mock-controller.jar [--host H] [--port N] [--telemetry-hz R]"
            + System.lineSeparator() + "       java -jar mock-controller.jar drive [--host H] [--port N] "), USAGE);
        assertTrue(USAGE.contains("telemetry rate until a client configures another, 1..100 (default 50)"), USAGE);
        assertTrue(USAGE.contains("'drive --help'"), USAGE);
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
        assertEquals(List.of(
            "Exit status:",
            "  0    every command was accepted, or after --help",
            "  1    the controller cannot be reached, closes the connection or does not answer in time",
            "  2    bad arguments",
            "  3    a command was rejected (its ack says why)",
            "  130  interrupted by Ctrl-C (SIGINT)",
            "  143  interrupted by SIGTERM"),
            exitStatusLines(DRIVE_USAGE));
        assertTrue(DRIVE_USAGE.contains("  ack <command> seq=<n> <RESULT> \"<text>\""), DRIVE_USAGE);
    }

    /** The usage's lines from "Exit status:" to the end. */
    private static List<String> exitStatusLines(String usage) {
        List<String> lines = usage.lines().toList();
        int at = lines.indexOf("Exit status:");
        assertTrue(at >= 0, usage);
        return lines.subList(at, lines.size());
    }

    @Test
    void badControllerArgumentsAreRejectedWithAMessage() {
        assertMessage("--port needs a number in 0..65535, got 'abc'", "--port", "abc");
        assertMessage("--port must be in 0..65535, got 65536", "--port", "65536");
        assertMessage("--port needs a value", "--port");
        assertMessage("--telemetry-hz must be in 1..100, got 0", "--telemetry-hz", "0");
        assertMessage("--telemetry-hz must be in 1..100, got 101", "--telemetry-hz=101");
        assertMessage("--telemetry-hz needs a number in 1..100, got 'fast'", "--telemetry-hz", "fast");
        assertMessage("--host needs a non-empty address", "--host", " ");
        assertMessage("unknown option: --verbose", "--verbose");
        assertMessage("unknown option: --bogus", "--bogus");
        assertMessage("unknown option: --bogus", "--bogus=1");
        assertMessage("--host needs a value", "--host");
        assertMessage("--telemetry-hz needs a value", "--telemetry-hz");
        assertMessage("unexpected argument: 5002", "5002");
        assertMessage("--help takes no value", "--help=yes");
        assertMessage("unexpected argument: drive", "--port", "0", "drive");
    }

    @Test
    void driveCommandsKeepTheirOrder() {
        DriveCommand d = drive("--port", "6000", "--configure", "20", "10", "--move", "120", "45",
            "--stop", "--move", "-1", "91", "--samples", "7", "--timeout", "2.5");
        assertEquals("127.0.0.1", d.host());
        assertEquals(6000, d.port());
        assertEquals(7, d.samples());
        assertEquals(Duration.ofMillis(2500), d.timeout());
        List<Struct> c = d.commands();
        assertEquals(4, c.size());
        ConfigureCommand configure = assertInstanceOf(ConfigureCommand.class, c.get(0));
        assertEquals(20.0, configure.maxVelocity.get());
        assertEquals(10, configure.telemetryHz.get());
        MoveCommand move = assertInstanceOf(MoveCommand.class, c.get(1));
        assertEquals(120.0, move.azimuth.get());
        assertEquals(45.0, move.elevation.get());
        assertEquals(MockProtocol.AXIS_BOTH, assertInstanceOf(StopCommand.class, c.get(2)).axes.get());
        MoveCommand outOfRange = assertInstanceOf(MoveCommand.class, c.get(3));
        assertEquals(-1.0, outOfRange.azimuth.get(), "the controller, not the client, checks the limits");
    }

    @Test
    void driveDefaults() {
        DriveCommand d = drive();
        assertEquals(5002, d.port());
        assertEquals(DriveCommand.DEFAULT_SAMPLES, d.samples());
        assertEquals(DriveCommand.DEFAULT_TIMEOUT, d.timeout());
        assertTrue(d.commands().isEmpty());
        assertTrue(CommandLines.parse(Main.commandLine(new ControllerCommand()), "drive", "--help").subcommand()
            .isUsageHelpRequested());
        assertTrue(DRIVE_USAGE.startsWith("Usage: java -jar mock-controller.jar drive [--host H] [--port N] [--configure V R]"),
            DRIVE_USAGE);
    }

    @Test
    void badDriveArgumentsAreRejectedWithAMessage() {
        assertDriveMessage("--move needs two values", "--move", "120");
        assertDriveMessage("--move needs numbers, got 'north'", "--move", "north", "45");
        assertDriveMessage("--move needs finite numbers, got 'NaN'", "--move", "NaN", "45");
        assertDriveMessage("--configure needs two values", "--configure");
        assertDriveMessage("--configure rate must fit in uint16_t (0..65535), got 70000", "--configure", "1", "70000");
        assertDriveMessage("--port must be in 1..65535, got 0", "--port", "0");
        assertDriveMessage("--samples must be in 0..100000, got -1", "--samples", "-1");
        assertDriveMessage("--timeout must be above 0 and at most 3600 seconds, got 0", "--timeout", "0");
        assertDriveMessage("--stop takes its values as separate arguments", "--stop=3");
        assertDriveMessage("--move takes its values as separate arguments", "--move=1", "2");
        assertDriveMessage("unknown option: --fast", "--fast");
        assertDriveMessage("unknown option: --bogus", "--bogus");
        assertDriveMessage("unknown option: --bogus", "--bogus=1");
        assertDriveMessage("--port needs a value", "--port");
        assertDriveMessage("--samples needs a value", "--samples");
        assertDriveMessage("--timeout needs a value", "--timeout");
        assertDriveMessage("unexpected argument: home", "home");
    }

    private static void assertMessage(String expected, String... args) {
        assertEquals(expected, CommandLineParsing.message(args));
    }

    private static void assertDriveMessage(String expected, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = Main.DRIVE;
        System.arraycopy(args, 0, all, 1, args.length);
        assertEquals(expected, CommandLineParsing.message(all));
    }
}
