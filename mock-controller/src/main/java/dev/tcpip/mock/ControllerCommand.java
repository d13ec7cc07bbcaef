package dev.tcpip.mock;

import dev.tcpip.launcher.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The controller's command line beyond the launcher's {@code --host} and {@code --port}:
 * {@code [--telemetry-hz R]}, and the {@code drive} client as a subcommand ({@link DriveCommand}).
 */
@Command(description = "A mock telescope mount controller that speaks C structs over TCP (docs/structs.md, \"The mock"
    + " telescope controller\", has the wire format). One client at a time sends move, stop and configure commands and"
    + " gets an ack for each, while telemetry streams to it at R Hz. Other clients are accepted and closed at once.",
    subcommands = DriveCommand.class,
    footer = "java -Dmock.log.level=DEBUG -jar mock-controller.jar logs every command.")
final class ControllerCommand {
    @Spec
    CommandSpec spec;

    private int telemetryHz = MockProtocol.DEFAULT_TELEMETRY_HZ;

    @Option(names = "--telemetry-hz", paramLabel = "R", description = "telemetry rate until a client configures another, "
        + MockProtocol.TELEMETRY_HZ_MIN + ".." + MockProtocol.TELEMETRY_HZ_MAX + " (default "
        + MockProtocol.DEFAULT_TELEMETRY_HZ + ")")
    void telemetryHz(String value) {
        telemetryHz = CommandLines.parseInt(spec, "--telemetry-hz", value, MockProtocol.TELEMETRY_HZ_MIN,
            MockProtocol.TELEMETRY_HZ_MAX);
    }

    /** The initial telemetry rate, Hz. */
    int telemetryHz() {
        return telemetryHz;
    }
}
