package dev.tcpip.cli;

import dev.tcpip.launcher.CommandLines;
import dev.tcpip.udp.DatagramOptions;
import dev.tcpip.udp.chat.ChatServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The {@code chat-server} command, python-easyservers' chat example: {@code java -jar tcpip.jar chat-server
 * [--host H] [--port P] [--ping-interval S] [--max-missed N] [--max-datagram B]}. picocli sets the options;
 * {@link #call()} runs the {@link ChatServer} until a signal stops it ({@link ChatServerRun}).
 */
@Command(name = "chat-server",
    description = {
        "Runs python-easyservers' chat example: a UDP server of text datagrams (UTF-8).",
        "",
        "Prints \"Chat server running on port N\" on stdout once bound (the real UDP port), and nothing else"
            + " there; logs go to stderr.",
        "",
        "The protocol, one command per datagram: JOIN <name> -> JOK, or JERR NAME TAKEN; MSGA <text> ->"
            + " \"(<sender>) <text>\" to every joined user; MSGP (<name>) <text> -> \"(<sender>) <text>\" to that user"
            + " and the sender, or ERR UNKNOWN USER <name>; EXIT leaves; PONG answers PING, which the server sends"
            + " every --ping-interval; a user with more than --max-missed unanswered pings is dropped. Anything but"
            + " JOIN from an address that has not joined gets ERR NOT JOINED."},
    footer = "Stop it with Ctrl-C or SIGTERM: it releases the port and exits 0.",
    exitCodeList = {
        "0:stopped by a signal, once closed; --help",
        "1:cannot bind the port",
        "2:bad arguments",
        "130:stopped by Ctrl-C (SIGINT), when closing took longer than 5 s",
        "143:stopped by SIGTERM, when closing took longer than 5 s"})
public final class ChatServerCommand implements Callable<Integer> {
    /** The address bound when {@code --host} is not given. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The largest {@code --ping-interval}, in seconds. */
    static final int MAX_PING_INTERVAL_SECONDS = 86_400;

    @Spec
    CommandSpec spec;

    private String host = DEFAULT_HOST;
    private int port = ChatServer.DEFAULT_PORT;
    private Duration pingInterval = ChatServer.DEFAULT_PING_INTERVAL;
    private int maxMissed = ChatServer.DEFAULT_MAX_MISSED;
    private int maxDatagram = DatagramOptions.DEFAULT_MAX_DATAGRAM_SIZE;

    /** Creates the command with the example's defaults; picocli sets what the command line gives. */
    public ChatServerCommand() {
    }

    @Option(names = "--host", paramLabel = "H", order = 1,
        description = "address to bind (default " + DEFAULT_HOST + "; 0.0.0.0 for every interface)")
    void host(String value) {
        host = CommandLines.parseHost(spec, value);
    }

    @Option(names = "--port", paramLabel = "P", order = 2,
        description = "UDP port, 0..65535 (default " + ChatServer.DEFAULT_PORT + "; 0 picks a free one)")
    void port(String value) {
        port = CommandLines.parsePort(spec, value, 0);
    }

    @Option(names = "--ping-interval", paramLabel = "S", order = 3,
        description = "seconds between two PINGs to every user, a decimal number (default 10)")
    void pingInterval(String value) {
        double seconds;
        try {
            seconds = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--ping-interval needs a number of seconds, got '" + value + "'");
        }
        if (!(seconds >= 0.001 && seconds <= MAX_PING_INTERVAL_SECONDS)) {
            throw new ParameterException(spec.commandLine(),
                "--ping-interval must be 0.001 to " + MAX_PING_INTERVAL_SECONDS + " seconds, got " + value.trim());
        }
        pingInterval = Duration.ofMillis(Math.round(seconds * 1000));
    }

    @Option(names = "--max-missed", paramLabel = "N", order = 4,
        description = "unanswered PINGs a user may have before it is dropped (default " + ChatServer.DEFAULT_MAX_MISSED + ")")
    void maxMissed(String value) {
        maxMissed = CommandLines.parseInt(spec, "--max-missed", value, 0, 1_000_000);
    }

    @Option(names = "--max-datagram", paramLabel = "B", order = 5,
        description = "largest datagram handled, in bytes, 1.." + DatagramOptions.MAX_DATAGRAM_SIZE + " (default "
            + DatagramOptions.DEFAULT_MAX_DATAGRAM_SIZE + "); a longer one is counted and logged, never answered")
    void maxDatagram(String value) {
        maxDatagram = CommandLines.parseInt(spec, "--max-datagram", value, 1, DatagramOptions.MAX_DATAGRAM_SIZE);
    }

    /**
     * Runs the chat server until a signal stops it.
     *
     * @return the exit status: 1 if it cannot bind (else the JVM ends from the shutdown hook)
     */
    @Override
    public Integer call() {
        return new ChatServerRun(this).run();
    }

    /** {@return the options of the datagram server: host, port, the largest datagram} */
    DatagramOptions datagramOptions() {
        return new DatagramOptions().setName("chat").setHost(host).setPort(port).setMaxDatagramSize(maxDatagram);
    }

    /** {@return the time between pings} */
    Duration pingInterval() {
        return pingInterval;
    }

    /** {@return the unanswered pings allowed} */
    int maxMissed() {
        return maxMissed;
    }

    /** {@return the host to bind} */
    String host() {
        return host;
    }

    /** {@return the port to bind} */
    int port() {
        return port;
    }
}
