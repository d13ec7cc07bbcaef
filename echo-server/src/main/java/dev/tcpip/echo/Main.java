package dev.tcpip.echo;

import dev.tcpip.launcher.ServerLauncher;
import picocli.CommandLine;

/**
 * {@code java -jar echo-server.jar [--host H] [--port N] [--framing F] [--clients C] [--max-frame N]}: runs
 * an {@link EchoServer} (the defaults, {@code --framing line --clients one}) or, with {@code --framing length
 * --clients many}, a {@link FrameEchoServer}, with tcpip-launcher's {@link ServerLauncher} until Ctrl-C or
 * SIGTERM; {@link EchoCommand} has the options.
 *
 * <p>Once listening it prints exactly one line on stdout, {@code Echo server running on port N}, and
 * nothing else there ever; logs go to stderr. Exit status: 0 after {@code --help}, 1 if the server cannot
 * listen, 2 for bad arguments (a combination of options that is not served included); a stop by signal
 * ends with the JVM's usual status (130 for SIGINT, 143 for SIGTERM) after Vert.x has been closed, which
 * releases the port.
 */
public final class Main {
    /** The line printed on stdout once listening, before the port number. */
    public static final String RUNNING_PREFIX = "Echo server running on port ";

    private Main() {
    }

    /**
     * The launcher, as {@link #main} configures it.
     *
     * @return the launcher of the echo server
     */
    static ServerLauncher launcher() {
        return ServerLauncher.program("echo-server")
            .title("echo server")
            .runningLine(RUNNING_PREFIX)
            .defaultPort(EchoServer.DEFAULT_PORT);
    }

    /**
     * The command line that {@link #main} parses, for tests and for the usage text.
     *
     * @return a new command line
     */
    static CommandLine commandLine() {
        return commandLine(new EchoCommand());
    }

    /**
     * The command line that {@link #main} parses, setting the options given.
     *
     * @param command the options, which parsing sets
     * @return a new command line
     */
    static CommandLine commandLine(EchoCommand command) {
        return launcher().commandLine(command);
    }

    /**
     * Runs the echo server; see the class description.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        EchoCommand command = new EchoCommand();
        launcher().launch(args, command, command::server, EchoCommand::port);
    }
}
