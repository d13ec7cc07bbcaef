package dev.tcpip.bench.load;

import dev.tcpip.echo.EchoServer;
import dev.tcpip.core.OneClientServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of the load program: {@code ServerMain --kind KIND} runs one server on 127.0.0.1 and a free
 * port, prints {@code PORT n} on stdout, then answers commands read on stdin, one per line:
 * <ul>
 *   <li>{@code STATS}: one line {@code STATS used=... peakUsed=... peakAfterGc=...} (see {@link HeapSampler});</li>
 *   <li>{@code RESET}: forgets the heap peaks, answers {@code RESET OK};</li>
 *   <li>{@code QUIT}, or the end of stdin (the parent has gone): exits.</li>
 * </ul>
 * Kinds: {@code record} (a), {@code bytes} (b), {@code pull} (c), {@code struct} (d), {@code json} (e),
 * or their letters. Logging is set to WARN. Exit status 2 for a bad command line, 1 if the server cannot
 * start.
 */
public final class ServerMain {
    /** The first word of the line that gives the port. */
    public static final String PORT = "PORT";
    /** Heap sampling period. */
    static final long SAMPLE_MILLIS = 2;

    private ServerMain() {
    }

    /**
     * Runs the child; see the class description.
     *
     * @param args {@code --kind KIND}
     * @throws Exception if reading stdin fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--kind")) {
            System.err.println("usage: ServerMain --kind record|bytes|pull|struct|json");
            System.exit(2);
        }
        ServerKind kind;
        try {
            kind = ServerKind.parse(args[1]);
        } catch (IllegalArgumentException e) {
            System.err.println("ServerMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        Quiet.logging();
        HeapSampler sampler = new HeapSampler();
        sampler.start(SAMPLE_MILLIS);
        Vertx vertx = Vertx.vertx();
        int port;
        try {
            port = start(kind, vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("ServerMain: cannot start " + kind.title() + ": " + e);
            System.exit(1);
            return;
        }
        System.out.println(PORT + " " + port);
        System.out.flush();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.trim();
            if (command.equals("STATS")) {
                System.out.println(sampler.report());
            } else if (command.equals("RESET")) {
                sampler.reset();
                System.out.println("RESET OK");
            } else if (command.equals("QUIT")) {
                break;
            } else if (!command.isEmpty()) {
                System.out.println("ERR unknown command: " + command);
            }
            System.out.flush();
        }
        System.exit(0); // not halt: shutdown hooks run (a profiler's recording is written)
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
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    private static Future<Integer> deploy(Vertx vertx, OneClientServer server) {
        return vertx.deployVerticle(server).map(id -> server.port());
    }
}
