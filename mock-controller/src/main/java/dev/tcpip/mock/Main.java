package dev.tcpip.mock;

import dev.tcpip.core.ServerOptions;
import dev.tcpip.launcher.ServerLauncher;
import picocli.CommandLine;

/**
 * {@code java -jar mock-controller.jar [--host H] [--port N] [--telemetry-hz R]}: runs a
 * {@link MockController} with tcpip-launcher's {@link ServerLauncher} until Ctrl-C or SIGTERM.
 * {@code java -jar mock-controller.jar drive ...}: runs the {@link Drive} client once ({@link DriveCommand}).
 *
 * <p>The controller prints exactly one line on stdout once listening,
 * {@code mock telescope controller running on port N}, and nothing else there ever; logs go to stderr.
 * Exit status: 0 after {@code --help}, 1 if it cannot listen, 2 for bad arguments; a stop by signal ends
 * with the JVM's usual status (130 for SIGINT, 143 for SIGTERM) after Vert.x has been closed, which
 * releases the port.
 *
 * <p>The drive client prints one line per ack and per telemetry sample on stdout; it logs warnings only,
 * to stderr, unless {@code -Dmock.log.level} says otherwise. Exit status: 0 when every command was
 * accepted (or after {@code --help}), 3 when one was rejected, 1 when the controller cannot be reached or
 * misbehaves, 2 for bad arguments; interrupted by a signal, the JVM's usual status (130 for SIGINT, 143 for
 * SIGTERM).
 */
public final class Main {
    /** The line printed on stdout once listening, before the port number. */
    public static final String RUNNING_PREFIX = "mock telescope controller running on port ";
    /** The first argument that selects the drive client. */
    public static final String DRIVE = "drive";
    /** The system property giving the level of this project's loggers; see {@link MockLogging}. */
    static final String LOG_LEVEL = "mock.log.level";

    private Main() {
    }

    /**
     * The launcher, as {@link #main} configures it.
     *
     * @return the launcher of the controller
     */
    static ServerLauncher launcher() {
        return ServerLauncher.program("mock-controller")
            .title("mock telescope controller")
            .runningLine(RUNNING_PREFIX)
            .defaultPort(MockController.DEFAULT_PORT);
    }

    /**
     * The command line that {@link #main} parses, for tests and for the usage text.
     *
     * @param command the controller's options, which parsing sets
     * @return a new command line, with {@code drive} as a subcommand
     */
    static CommandLine commandLine(ControllerCommand command) {
        return launcher().commandLine(command);
    }

    /**
     * Runs the controller, or with {@code drive} as first argument the client; see the class description.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (args.length > 0 && DRIVE.equals(args[0]) && System.getProperty(LOG_LEVEL) == null) {
            // Before anything logs (the structs' first use does): the client's own chatter off.
            System.setProperty(LOG_LEVEL, "WARN");
        }
        ControllerCommand command = new ControllerCommand();
        launcher().launch(args, command, at -> new MockController(
            new ServerOptions().setHost(at.host()).setPort(at.port()), command.telemetryHz()));
    }
}
