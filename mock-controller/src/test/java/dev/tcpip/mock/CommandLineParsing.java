package dev.tcpip.mock;

import dev.tcpip.launcher.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parses the program's command lines in-process, as {@link Main} does, for the tests. */
final class CommandLineParsing {
    private CommandLineParsing() {
    }

    /** The controller's options after parsing {@code args}. */
    static ControllerCommand controller(String... args) {
        ControllerCommand command = new ControllerCommand();
        CommandLines.parse(Main.commandLine(command), args);
        return command;
    }

    /** The drive client's options after parsing {@code drive args}. */
    static DriveCommand drive(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = Main.DRIVE;
        System.arraycopy(args, 0, all, 1, args.length);
        ParseResult r = CommandLines.parse(Main.commandLine(new ControllerCommand()), all);
        return (DriveCommand) r.subcommand().commandSpec().userObject();
    }

    /** The message printed (after "mock-controller: " or "mock-controller drive: ") for a bad command line. */
    static String message(String... args) {
        CommandLine cl = Main.commandLine(new ControllerCommand());
        ParameterException e = assertThrows(ParameterException.class, () -> CommandLines.parse(cl, args));
        return CommandLines.message(e);
    }
}
