package dev.tcpip.cli;

import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.launcher.CommandLines;
import dev.tcpip.services.endpoint.QueueEndpointOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The {@code endpoint} command, pysocklib's CLI: {@code java -jar tcpip.jar endpoint [--ip H] [--port P]
 * [--server] [--type multi|receiver|sender] [--reconnect] [--timeout S] [--messages M ...] [--count N]}.
 * picocli sets the options (with the short forms {@code -i -p -s -t -r -o -m} as in pysocklib);
 * {@link #call()} checks them together and runs the endpoint ({@link EndpointRun}).
 *
 * <p>Which endpoint: {@code --server} picks a server (ServerReceiver, ServerSender, Server), else a client
 * (ClientReceiver, ClientSender, Client); {@code --type receiver} a receiving one, {@code sender} a sending one,
 * {@code multi} (the default) the two-way one.
 */
@Command(name = "endpoint",
    description = {
        "Runs one of pysocklib's queue-backed endpoints: a client, or a server that serves one client at a time.",
        "",
        "A client (the default) connects to --ip and --port; with --server it listens there. It receives (--type"
            + " receiver), sends (--type sender) or both (--type multi, the default). A message is UTF-8 text; on the"
            + " wire each one ends with CR LF.",
        "",
        "Each message received is printed on stdout, one line each, and nothing else is, except that a server"
            + " first prints \"<kind> listening on port N\" (<kind>: ServerReceiver, ServerSender or Server) with the"
            + " real port. Logs go to stderr.",
        "",
        "A sender with --messages sends them in order, then closes the connection once they have gone out, and"
            + " exits. Without --messages it sends pysocklib's sample messages, \"client 1\", \"client 2\" ... (\"server"
            + " 1\" ... for a server), counting to 100 and again, one every 5 s, until stopped."},
    footer = {
        "Without --reconnect the program ends with its first connection: exit status 0 when the peer closes it"
            + " normally, 1 when it cannot connect (or listen) or the connection fails. With --reconnect a client"
            + " tries again after 0.5 s, backing off to 30 s, and never gives up; a server serves the next client"
            + " when one leaves. Stop it with Ctrl-C or SIGTERM: it closes the connection and the port, and exits 0.",
        "",
        "java -Dtcpip.log.level=DEBUG -jar tcpip.jar endpoint ... also logs each failed connect attempt."},
    exitCodeList = {
        "0:done (messages sent, --count received, the peer closed normally), stopped by a signal; --help",
        "1:cannot connect or listen, or the connection failed (without --reconnect); stdout closed",
        "2:bad arguments",
        "130:stopped by Ctrl-C (SIGINT), when closing took longer than 5 s",
        "143:stopped by SIGTERM, when closing took longer than 5 s"})
public final class EndpointCommand implements Callable<Integer> {
    /** What the endpoint does with messages. */
    public enum Type {
        /** Receives and sends: Client or Server. */
        MULTI,
        /** Receives only: ClientReceiver or ServerReceiver. */
        RECEIVER,
        /** Sends only: ClientSender or ServerSender. */
        SENDER;

        /** {@return whether an endpoint of this type receives} */
        public boolean receives() {
            return this != SENDER;
        }

        /** {@return whether an endpoint of this type sends} */
        public boolean sends() {
            return this != RECEIVER;
        }
    }

    /** Where a client connects, and a server listens, when {@code --ip} is not given: pysocklib's. */
    public static final String DEFAULT_IP = "localhost";
    /** The port when {@code --port} is not given: pysocklib's. */
    public static final int DEFAULT_PORT = QueueEndpointOptions.DEFAULT_PORT;
    /** How long each connect attempt may take when {@code --timeout} is not given: pysocklib's 5.0 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** The value of {@code --messages} that reads the messages from standard input. */
    public static final String STDIN = "-";
    /** The largest {@code --timeout}, in seconds. */
    static final int MAX_TIMEOUT_SECONDS = 3600;

    @Spec
    CommandSpec spec;

    private String ip = DEFAULT_IP;
    private int port = DEFAULT_PORT;
    private Type type = Type.MULTI;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int count;

    @Option(names = {"-s", "--server"}, order = 3, preprocessor = CommandLines.NoValue.class,
        description = "listen at --ip and --port and serve one client at a time, instead of connecting")
    boolean server;

    @Option(names = {"-r", "--reconnect"}, order = 5, preprocessor = CommandLines.NoValue.class,
        description = "a client connects again when it cannot connect or has lost its connection; a server serves"
            + " the next client when one leaves (without it, the program ends with its first connection)")
    boolean reconnect;

    @Option(names = {"-m", "--messages"}, arity = "1..*", paramLabel = "M", order = 7,
        description = "send these messages in order, then close the connection and exit (--type sender or multi);"
            + " '--messages -' reads them from standard input, one per line (UTF-8)")
    List<String> messages;

    /** Creates the command with pysocklib's defaults; picocli sets what the command line gives. */
    public EndpointCommand() {
    }

    @Option(names = {"-i", "--ip"}, paramLabel = "H", order = 1,
        description = "address to connect to, or to listen on with --server (default " + DEFAULT_IP + ")")
    void ip(String value) {
        String host = value.trim();
        if (host.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--ip needs a non-empty address");
        }
        ip = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Option(names = {"-p", "--port"}, paramLabel = "P", order = 2,
        description = "port, 1..65535 (default " + DEFAULT_PORT + "); with --server, 0 picks a free port")
    void port(String value) {
        port = CommandLines.parsePort(spec, value, 0);
    }

    @Option(names = {"-t", "--type"}, paramLabel = "T", order = 4,
        description = "multi (default): receive and send; receiver: receive only; sender: send only")
    void type(String value) {
        try {
            type = Type.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--type must be multi, receiver or sender, got '" + value + "'");
        }
    }

    @Option(names = {"-o", "--timeout"}, paramLabel = "S", order = 6,
        description = "seconds each connect attempt may take, a decimal number (default 5.0)")
    void timeout(String value) {
        timeout = CommandLines.parseSeconds(spec, "--timeout", value, MAX_TIMEOUT_SECONDS);
    }

    @Option(names = "--count", paramLabel = "N", order = 8,
        description = "exit once N messages have been received and printed (--type receiver or multi); with"
            + " --messages too, this ends the run, not the last message sent")
    void count(String value) {
        count = CommandLines.parseInt(spec, "--count", value, 1, Integer.MAX_VALUE);
    }

    /**
     * Runs the endpoint until it ends (see the class description and {@code --help}).
     *
     * @return the exit status: 0, or 1 when it cannot connect or listen, or the connection failed
     * @throws ParameterException for options that do not go together, or unusable messages (status 2)
     */
    @Override
    public Integer call() {
        check();
        List<String> toSend = messages == null ? null : messages(System.in);
        return new EndpointRun(this, toSend).run();
    }

    /**
     * Refuses the options that do not go together.
     *
     * @throws ParameterException {@code --port 0 needs --server ...}, {@code --count needs --type receiver or
     *     multi}, {@code --messages needs --type sender or multi}, or {@code '--messages -' reads ... and takes
     *     no other value}
     */
    void check() {
        if (!server && port == 0) {
            throw new ParameterException(spec.commandLine(),
                "--port 0 needs --server (it picks a free port to listen on); a client needs a port in 1..65535");
        }
        if (count > 0 && !type.receives()) {
            throw new ParameterException(spec.commandLine(), "--count needs --type receiver or multi");
        }
        if (messages != null && !type.sends()) {
            throw new ParameterException(spec.commandLine(), "--messages needs --type sender or multi");
        }
        if (messages != null && messages.size() > 1 && messages.contains(STDIN)) {
            throw new ParameterException(spec.commandLine(),
                "'--messages -' reads the messages from standard input and takes no other value");
        }
    }

    /**
     * The messages to send: those given, or with {@code --messages -} the lines of {@code stdin}, read to its
     * end (UTF-8; each line without its LF or CR LF; no message after a last line ending).
     *
     * @param stdin where {@code --messages -} reads
     * @return the messages, in order; null without {@code --messages}
     * @throws ParameterException when the input is not UTF-8, or a message contains CR LF (the delimiter) or is
     *     longer than the most a message may have
     * @throws UncheckedIOException if standard input cannot be read
     */
    List<String> messages(InputStream stdin) {
        if (messages == null) {
            return null;
        }
        List<String> result = messages.equals(List.of(STDIN)) ? lines(stdin) : List.copyOf(messages);
        for (String m : result) {
            if (m.contains(QueueEndpointOptions.DEFAULT_DELIMITER)) {
                throw new ParameterException(spec.commandLine(),
                    "--messages: a message must not contain CR LF, which ends each message on the wire");
            }
            int length = m.getBytes(StandardCharsets.UTF_8).length;
            if (length > QueueEndpointOptions.DEFAULT_MAX_MESSAGE_LENGTH) {
                throw new ParameterException(spec.commandLine(), "--messages: a message may have at most "
                    + QueueEndpointOptions.DEFAULT_MAX_MESSAGE_LENGTH + " bytes (UTF-8), got one of " + length);
            }
        }
        return result;
    }

    private List<String> lines(InputStream stdin) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(stdin.readAllBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new ParameterException(spec.commandLine(), "--messages -: standard input is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int lf = text.indexOf('\n', from);
            int end = lf < 0 ? text.length() : lf;
            String line = text.substring(from, end);
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            from = end + 1;
        }
        return lines;
    }

    /** {@return where a client connects, or a server listens} */
    public String ip() {
        return ip;
    }

    /** {@return the port (0: a server picks one)} */
    public int port() {
        return port;
    }

    /** {@return whether it is a server} */
    public boolean server() {
        return server;
    }

    /** {@return what the endpoint does with messages} */
    public Type type() {
        return type;
    }

    /** {@return whether it reconnects (a client) or serves the next client (a server)} */
    public boolean reconnect() {
        return reconnect;
    }

    /** {@return how long each connect attempt may take} */
    public Duration timeout() {
        return timeout;
    }

    /** {@return how many received messages end the run, or 0 for no such limit} */
    public int count() {
        return count;
    }

    /** {@return the class name of the endpoint these options make: ClientReceiver ... Server} */
    public String kind() {
        String side = server ? "Server" : "Client";
        return switch (type) {
            case MULTI -> side;
            case RECEIVER -> side + "Receiver";
            case SENDER -> side + "Sender";
        };
    }

    /**
     * The endpoint options these command-line options give: host, port, and the reconnect policy, whose
     * connect timeout is {@code --timeout}.
     *
     * @param outboundCapacity the capacity of the outbound queue (room for every {@code --messages} value)
     * @return the options
     */
    QueueEndpointOptions endpointOptions(int outboundCapacity) {
        ReconnectPolicy policy = reconnect ? ReconnectPolicy.defaults() : ReconnectPolicy.never();
        return new QueueEndpointOptions()
            .setHost(ip)
            .setPort(port)
            .setReconnect(policy.withConnectTimeout(timeout))
            .setOutboundCapacity(Math.max(QueueEndpointOptions.DEFAULT_QUEUE_CAPACITY, outboundCapacity));
    }
}
