package dev.tcpip.echo;

import dev.tcpip.launcher.ServerLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar echo-server.jar [--host H] [--port N]}: runs an {@link EchoServer} with tcpip-launcher's
 * {@link ServerLauncher} until Ctrl-C or SIGTERM.
 *
 * <p>Once listening it prints exactly one line on stdout, {@code Echo server running on port N}, and
 * nothing else there ever; logs go to stderr. Exit status: 0 after {@code --help}, 1 if the server cannot
 * listen, 2 for bad arguments; a stop by signal ends with the JVM's usual status (130 for SIGINT, 143 for
 * SIGTERM) after Vert.x has been closed, which releases the port.
 */
public final class Main {
    /** The line printed on stdout once listening, before the port number. */
    public static final String RUNNING_PREFIX = "Echo server running on port ";

    private Main() {
    }

    /** The echo server's command line: no options beyond the launcher's {@code --host} and {@code --port}. */
    @Command(description = "Echo server of lsst.ts.tcpip, on Vert.x: writes every line a TCP client sends back to it,"
        + " byte for byte (lines end with CR LF). One client at a time: while one is connected, other clients are"
        + " accepted and closed at once. A client that disconnects mid-line, or sends a line longer than 64 KiB, is"
        + " dropped and the next client is served.",
        footer = "java -Decho.log.level=DEBUG -jar echo-server.jar logs every line read.")
    static final class EchoCommand {
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
        return launcher().commandLine(new EchoCommand());
    }

    /**
     * Runs the echo server; see the class description.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        launcher().launch(args, new EchoCommand(), at -> new EchoServer(at.host(), at.port()));
    }
}
