package dev.tcpip.bench.load;

import dev.tcpip.echo.EchoServer;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.launcher.CommandLines;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of the load program: {@code ServerMain --kind KIND} runs one server on 127.0.0.1 and a free
 * port, prints {@code PORT n} on stdout, then answers commands read on stdin, one per line:
 * <ul>
 *   <li>{@code STATS}: one line {@code STATS used=... peakUsed=... peakAfterGc=...} (see {@link HeapSampler}),
 *       and for the datagram servers {@code datagrams=... firstDatagram=... lastDatagram=...} (see
 *       {@link DatagramEchoServers.Counter});</li>
 *   <li>{@code RESET}: forgets the heap peaks and the datagrams counted, answers {@code RESET OK};</li>
 *   <li>{@code QUIT}, or the end of stdin (the parent has gone): exits.</li>
 * </ul>
 * Kinds: {@code record} (a), {@code bytes} (b), {@code pull} (c), {@code struct} (d), {@code json} (e),
 * {@code message} (f), {@code netty} (g), {@code datagram} (k), {@code datagram_text} (l),
 * {@code datagram_socket} (m), or their letters ((h), (i) and (j) run in the load program's JVM and are
 * refused here). Logging is set to WARN. Exit status 2 for a bad command line, 1 if the server cannot
 * start.
 */
@Command(name = "ServerMain", description = "The load program's server child: runs one server and answers STATS, RESET"
    + " and QUIT on stdin.")
public final class ServerMain {
    /** The first word of the line that gives the port. */
    public static final String PORT = "PORT";
    /** Heap sampling period. */
    static final long SAMPLE_MILLIS = 2;
    /** What the datagram servers (k), (l), (m) have received. */
    private static final DatagramEchoServers.Counter DATAGRAMS = new DatagramEchoServers.Counter();

    @Spec
    CommandSpec spec;

    private ServerKind kind;

    private ServerMain() {
    }

    @Option(names = "--kind", paramLabel = "KIND", required = true,
        description = "the server: record, bytes, pull, struct, json, message, netty, datagram, datagram_text,"
            + " datagram_socket, or a-g, k-m")
    void kind(String value) {
        try {
            kind = ServerKind.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (kind.inProcess()) {
            throw new ParameterException(spec.commandLine(), kind.title() + " runs in the load program's JVM, not as a child");
        }
    }

    /**
     * Runs the child; see the class description.
     *
     * @param args {@code --kind KIND}
     */
    public static void main(String[] args) {
        ServerMain child = new ServerMain();
        int status = CommandLines.configure(new CommandLine(child), "ServerMain", parseResult -> child.run()).execute(args);
        System.exit(status); // not halt: shutdown hooks run (a profiler's recording is written)
    }

    private int run() {
        Quiet.logging();
        HeapSampler sampler = new HeapSampler();
        sampler.start(SAMPLE_MILLIS);
        Vertx vertx = Vertx.vertx();
        int port;
        try {
            port = start(kind, vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("ServerMain: cannot start " + kind.title() + ": " + e);
            return 1;
        }
        System.out.println(PORT + " " + port);
        System.out.flush();

        try {
            answer(sampler, kind);
        } catch (IOException e) {
            System.err.println("ServerMain: cannot read stdin: " + e);   // the parent has gone
        }
        return 0;
    }

    /** Answers the commands read on stdin until QUIT or its end. */
    private static void answer(HeapSampler sampler, ServerKind kind) throws IOException {
        boolean datagrams = kind == ServerKind.DATAGRAM || kind == ServerKind.DATAGRAM_TEXT
            || kind == ServerKind.DATAGRAM_SOCKET;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.trim();
            if (command.equals("STATS")) {
                System.out.println(sampler.report() + (datagrams ? " " + DATAGRAMS.stats() : ""));
            } else if (command.equals("RESET")) {
                sampler.reset();
                DATAGRAMS.reset();
                System.out.println("RESET OK");
            } else if (command.equals("QUIT")) {
                break;
            } else if (!command.isEmpty()) {
                System.out.println("ERR unknown command: " + command);
            }
            System.out.flush();
        }
    }

    private static Future<Integer> start(ServerKind kind, Vertx vertx) {
        switch (kind) {
            case RECORD:
                return BareEchoServers.recordParserEcho(vertx);
            case BYTES:
                return BareEchoServers.byteEcho(vertx);
            case PULL:
                return deploy(vertx, new EchoServer());
            case STRUCT:
                return deploy(vertx, new StructSink());
            case JSON:
                return deploy(vertx, new JsonSink());
            case MESSAGE:
                return FrameEchoServers.messageEcho(vertx);
            case NETTY:
                return FrameEchoServers.nettyEcho();
            case DATAGRAM:
                return DatagramEchoServers.datagramServer(vertx, false, DATAGRAMS);
            case DATAGRAM_TEXT:
                return DatagramEchoServers.datagramServer(vertx, true, DATAGRAMS);
            case DATAGRAM_SOCKET:
                return DatagramEchoServers.bareSocket(vertx, DATAGRAMS);
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    private static Future<Integer> deploy(Vertx vertx, OneClientServer server) {
        return vertx.deployVerticle(server).map(id -> server.port());
    }
}
