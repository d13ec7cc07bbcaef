package dev.tcpip.bench.load;

import io.vertx.core.Vertx;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The socket load program of {@code docs/performance.md}:
 * {@code java -jar tcpip-bench/target/tcpip-bench.jar [options]} (see {@link LoadOptions#usage()}).
 *
 * <p>It runs each server in a child JVM ({@link ServerMain}) (the endpoints mode's pairs run in this one,
 * {@link EndpointBench}; the cluster mode's publishers too, with a subscriber child, {@link ClusterBench}),
 * drives the servers of a mode with the same client load in alternation (A B C A B C ...) for several
 * rounds, and prints the medians, min–max, ratios and targets on stdout (progress on stderr). Every echo and every sink's answer is checked: a
 * wrong, lost or missing byte or item, or a dead child, is an error, reported as such, and makes the exit
 * status 1. Child processes are killed at exit, whatever happens.
 */
public final class LoadMain {
    /** JVM flags of every server child in the ping-pong, pipelined and one-way modes. */
    static final List<String> THROUGHPUT_FLAGS = List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError");
    /** JVM flags of every server child in the memory mode. */
    static final List<String> MEMORY_FLAGS = List.of("-Xmx64m", "-XX:+ExitOnOutOfMemoryError");

    /** A sink that takes nothing for this long during a flood has hung. */
    static final long SINK_STALL_NANOS = TimeUnit.SECONDS.toNanos(15);

    private static final PrintStream ERR = System.err;

    private final LoadOptions options;
    private final Results results = new Results();

    private LoadMain(LoadOptions options) {
        this.options = options;
    }

    /**
     * Runs the load program; exits with 0 when every run gave a number (or after {@code --help}), 1
     * otherwise, 2 for a bad command line; interrupted by a signal, with the JVM's usual status (130 for
     * SIGINT, 143 for SIGTERM) once the shutdown hook has killed the server children.
     *
     * @param args the command line (see {@link LoadOptions#usage()})
     */
    public static void main(String[] args) {
        LoadOptions options = new LoadOptions();
        int status = LoadOptions.commandLine(options, parseResult -> {
            Runtime.getRuntime().addShutdownHook(new Thread(ChildServer::killAll, "kill-children"));
            Quiet.logging();
            try {
                return new LoadMain(options).run();
            } catch (RuntimeException | Error e) {
                e.printStackTrace();
                return 1;
            }
        }).execute(args);
        System.out.flush();
        System.exit(status); // the shutdown hook kills any child still running
    }

    private int run() {
        long start = System.nanoTime();
        if (options.runs(Mode.PING_PONG) || options.runs(Mode.PIPELINED)) {
            echoModes();
        }
        if (options.runs(Mode.ONE_WAY)) {
            oneWay();
        }
        if (options.runs(Mode.MEMORY)) {
            memory();
        }
        if (options.runs(Mode.STARTUP)) {
            startup();
        }
        if (options.runs(Mode.CODEC)) {
            codec();
        }
        if (options.runs(Mode.FRAMES)) {
            frames();
        }
        if (options.runs(Mode.ENDPOINTS)) {
            EndpointBench.run(options, results, ERR);
        }
        if (options.runs(Mode.UDP)) {
            udp();
        }
        if (options.runs(Mode.CLUSTER)) {
            ClusterBench.run(options, results, ERR, flags(THROUGHPUT_FLAGS));
        }
        progress(String.format(Locale.ROOT, "done in %.0f s", (System.nanoTime() - start) / 1e9));
        Report report = new Report(results, machine(), command());
        System.out.print(report.text());
        System.out.flush();
        if (options.markdown() != null) {
            try {
                report.writeMarkdown(options.markdown());
                progress("Markdown written to " + options.markdown());
            } catch (IOException e) {
                results.error("cannot write " + options.markdown() + ": " + e.getMessage());
                ERR.println("tcpip-bench: cannot write " + options.markdown() + ": " + e.getMessage());
            }
        }
        if (!results.errors().isEmpty()) {
            ERR.println("tcpip-bench: " + results.errors().size() + " run(s) failed; see ERRORS above");
            return 1;
        }
        return 0;
    }

    // ---------------------------------------------------------------- ping-pong and pipelined

    private void echoModes() {
        List<ServerKind> kinds = kinds(ServerKind.RECORD, ServerKind.BYTES, ServerKind.PULL);
        if (kinds.isEmpty()) {
            return;
        }
        Map<ServerKind, ChildServer> children = new EnumMap<>(ServerKind.class);
        Map<ServerKind, Socket> sockets = new EnumMap<>(ServerKind.class);
        try {
            for (ServerKind kind : kinds) {
                try {
                    progress("starting " + kind.title());
                    ChildServer child = ChildServer.start(kind, flags(THROUGHPUT_FLAGS));
                    children.put(kind, child);
                    sockets.put(kind, SocketLoads.connect(child.port()));
                } catch (LoadException e) {
                    fail(e.getMessage());
                }
            }
            long[] seq = new long[ServerKind.values().length];
            for (Mode mode : new Mode[] {Mode.PING_PONG, Mode.PIPELINED}) {
                if (!options.runs(mode)) {
                    continue;
                }
                for (int round = -options.warmup(); round < options.rounds(); round++) {
                    for (ServerKind kind : kinds) {
                        Socket socket = sockets.get(kind);
                        if (socket == null) {
                            continue; // failed earlier
                        }
                        try {
                            echoRun(mode, kind, children.get(kind), socket, round, seq);
                            children.get(kind).checkAlive();
                        } catch (LoadException e) {
                            fail(mode.cliName() + " " + kind.title() + ": " + e.getMessage() + died(children.get(kind)));
                            SocketLoads.closeQuietly(sockets.remove(kind));
                        }
                    }
                }
            }
        } finally {
            sockets.values().forEach(SocketLoads::closeQuietly);
            children.values().forEach(ChildServer::close);
        }
    }

    private void echoRun(Mode mode, ServerKind kind, ChildServer child, Socket socket, int round, long[] seq)
        throws LoadException {
        boolean measured = round >= 0;
        if (mode == Mode.PING_PONG) {
            long nanos = (long) (options.pingSeconds() * 1e9);
            SocketLoads.PingPong r = SocketLoads.pingPong(socket, nanos, seq[kind.ordinal()]);
            seq[kind.ordinal()] += r.roundTrips;
            double rate = r.roundTripsPerSecond();
            double p50 = r.percentileMicros(50);
            double p99 = r.percentileMicros(99);
            progress(String.format(Locale.ROOT, "%s %s %s: %s round trips/s, p50 %.1f µs, p99 %.1f µs",
                roundName(round), mode.cliName(), kind.title(), Report.rate(rate), p50, p99));
            if (measured) {
                results.add(mode, kind, Results.ROUND_TRIPS, rate);
                results.add(mode, kind, Results.P50, p50);
                results.add(mode, kind, Results.P99, p99);
            }
        } else {
            long lines = options.lines();
            Map<String, Long> before = child.stats();
            long nanos = SocketLoads.pipelined(socket, lines);
            Map<String, Long> after = child.stats();
            double rate = lines * 1e9 / nanos;
            double mbs = rate * Items.LINE_BYTES / 1e6;
            progress(String.format(Locale.ROOT, "%s %s %s: %s lines/s, %.1f MB/s", roundName(round),
                mode.cliName(), kind.title(), Report.rate(rate), mbs));
            if (measured) {
                results.add(mode, kind, Results.LINES, rate);
                results.add(mode, kind, Results.MBS, mbs);
                addSyscalls(mode, kind, "", before, after, lines);
            }
        }
    }

    // ---------------------------------------------------------------- one-way

    private void oneWay() {
        List<ServerKind> kinds = kinds(ServerKind.STRUCT, ServerKind.JSON);
        if (kinds.isEmpty()) {
            return;
        }
        Vertx vertx = Vertx.vertx();
        Map<ServerKind, ChildServer> children = new EnumMap<>(ServerKind.class);
        Map<ServerKind, OneWayClient> clients = new EnumMap<>(ServerKind.class);
        try {
            for (ServerKind kind : kinds) {
                try {
                    progress("starting " + kind.title());
                    ChildServer child = ChildServer.start(kind, flags(THROUGHPUT_FLAGS));
                    children.put(kind, child);
                    clients.put(kind, OneWayClient.connect(vertx, child.port()));
                } catch (LoadException e) {
                    fail(kind.title() + ": " + e.getMessage());
                }
            }
            for (int round = -options.warmup(); round < options.rounds(); round++) {
                for (ServerKind kind : kinds) {
                    OneWayClient client = clients.get(kind);
                    if (client == null) {
                        continue;
                    }
                    long n = kind == ServerKind.STRUCT ? options.structs() : options.jsonLines();
                    int itemBytes = kind == ServerKind.STRUCT ? 32 : Items.LINE_BYTES;
                    String figure = kind == ServerKind.STRUCT ? Results.STRUCTS : Results.LINES;
                    try {
                        Map<String, Long> before = children.get(kind).stats();
                        long clientWrites = HeapSampler.syscalls(true);
                        long nanos = client.run(kind, n, options.batch(), Math.max(60, n / 50_000));
                        clientWrites = clientWrites < 0 ? -1 : HeapSampler.syscalls(true) - clientWrites;
                        Map<String, Long> after = children.get(kind).stats();
                        double rate = n * 1e9 / nanos;
                        double mbs = rate * itemBytes / 1e6;
                        progress(String.format(Locale.ROOT, "%s one-way %s: %s %s, %.1f MB/s", roundName(round),
                            kind.title(), Report.rate(rate), figure, mbs));
                        if (round >= 0) {
                            results.add(Mode.ONE_WAY, kind, figure, rate);
                            results.add(Mode.ONE_WAY, kind, Results.MBS, mbs);
                            addSyscalls(Mode.ONE_WAY, kind, "", before, after, n);
                            if (clientWrites >= 0) {
                                results.add(Mode.ONE_WAY, kind, Results.CLIENT_WRITES, (double) clientWrites / n);
                            }
                        }
                    } catch (LoadException e) {
                        fail("one-way " + kind.title() + ": " + e.getMessage() + died(children.get(kind)));
                        clients.remove(kind).close();
                    }
                }
            }
        } finally {
            clients.values().forEach(OneWayClient::close);
            children.values().forEach(ChildServer::close);
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                ERR.println("warning: Vert.x did not close: " + e);
            }
        }
    }

    /** Records the server's read and write system calls per item during a run, where /proc tells them. */
    private void addSyscalls(Mode mode, ServerKind kind, String prefix, Map<String, Long> before,
                             Map<String, Long> after, long items) {
        for (String[] key : new String[][] {{"syscr", Results.READS}, {"syscw", Results.WRITES}}) {
            long b = before.getOrDefault(key[0], -1L);
            long a = after.getOrDefault(key[0], -1L);
            if (b >= 0 && a >= b) {
                results.add(mode, kind, prefix + key[1], (double) (a - b) / items);
            }
        }
    }

    // ---------------------------------------------------------------- memory

    private void memory() {
        long bytes = options.floodMb() << 20;
        long stallNanos = (long) (options.stallSeconds() * 1e9);
        for (ServerKind kind : kinds(ServerKind.PULL, ServerKind.STRUCT, ServerKind.JSON)) {
            SocketLoads.FloodSource source = kind == ServerKind.PULL ? SocketLoads.echoFlood(bytes)
                : kind == ServerKind.STRUCT ? SocketLoads.structFlood(bytes) : SocketLoads.jsonFlood(bytes);
            progress("memory " + kind.title() + ": flooding " + Report.mib(source.length()) + " with -Xmx64m");
            ChildServer child = null;
            try {
                child = ChildServer.start(kind, flags(MEMORY_FLAGS));
                child.resetStats();
                // A sink must read everything: a pause that long is a hang, not backpressure.
                long stall = kind.isEcho() ? stallNanos : Math.max(stallNanos, SINK_STALL_NANOS);
                SocketLoads.Flood flood = SocketLoads.flood(child.port(), source, stall);
                String outcome;
                if (flood.stalled) {
                    outcome = "stalled (no progress for " + options.stallSeconds() + " s)";
                    if (!kind.isEcho()) {
                        throw new LoadException("the sink stopped reading after " + flood.accepted + " of "
                            + flood.length + " bytes");
                    }
                } else {
                    outcome = kind.isEcho() ? "all accepted, no stall" : "all read, answer checked";
                }
                Map<String, Long> stats = Map.of();
                boolean survived;
                try {
                    stats = child.stats();
                    survived = child.isAlive();
                } catch (LoadException e) {
                    survived = false;
                    fail("memory " + kind.title() + ": " + e.getMessage());
                }
                double mbs = flood.accepted * 1e9 / Math.max(1, flood.elapsedNanos) / 1e6;
                Results.MemoryRow row = new Results.MemoryRow(kind, flood.accepted, flood.length, outcome, mbs,
                    stats.getOrDefault("peakUsed", -1L), stats.getOrDefault("peakAfterGc", -1L),
                    stats.getOrDefault("peakRss", -1L), stats.getOrDefault("maxHeap", -1L), survived);
                results.memory(row);
                progress(String.format(Locale.ROOT, "memory %s: %s accepted, %s; peak heap %s in use, %s after GC;"
                        + " survived: %s", kind.title(), Report.mib(flood.accepted), outcome, Report.mib(row.peakUsed),
                    Report.mib(row.peakAfterGc), survived ? "yes" : "NO"));
            } catch (LoadException e) {
                fail("memory " + kind.title() + ": " + e.getMessage());
            } finally {
                if (child != null) {
                    child.close();
                }
            }
        }
    }

    // ---------------------------------------------------------------- start-up

    private void startup() {
        time(Report.ECHO_DEMO, options.demoJar(), "Echo server running on port ");
        time(Report.MOCK, options.mockJar(), "mock telescope controller running on port ");
    }

    private void time(String label, Path jar, String prefix) {
        for (int i = 0; i < options.startupRuns(); i++) {
            try {
                double ms = StartupTimer.timeOnce(jar, prefix);
                progress(String.format(Locale.ROOT, "start-up %s: %.0f ms", label, ms));
                results.startup(label, ms);
            } catch (LoadException e) {
                fail(e.getMessage());
                return;
            }
        }
    }

    // ---------------------------------------------------------------- struct codec (JMH)

    private void codec() {
        progress("struct codec: JMH " + CodecBench.INCLUDE + (options.smoke() ? " (smoke: in-process, short)" : ""));
        try {
            CodecBench.run(options.smoke(), results);
        } catch (RuntimeException e) {
            fail("JMH struct codec benchmark failed: " + e);
        }
    }

    // ---------------------------------------------------------------- frames

    /** The loads of the frames mode, run in this order, each for every round. */
    private enum FrameLoad { SMALL, LARGE, PING_PONG, CLIENTS }

    /** Bytes of a small frame's payload. */
    static final int SMALL_PAYLOAD = 64;
    /** Bytes of a large frame's payload. */
    static final int LARGE_PAYLOAD = 64 * 1024;
    /**
     * The most bytes a pipelined frames client sends ahead of the echoes it has read: the raw Netty echo
     * has no backpressure, so without this it would queue the whole run in its memory.
     */
    static final long FRAME_WINDOW = 4L << 20;

    private void frames() {
        List<ServerKind> kinds = kinds(ServerKind.MESSAGE, ServerKind.NETTY);
        if (kinds.isEmpty()) {
            return;
        }
        Map<ServerKind, ChildServer> children = new EnumMap<>(ServerKind.class);
        Map<ServerKind, Socket> sockets = new EnumMap<>(ServerKind.class);
        try {
            startAtOnce(kinds, children);
            for (ServerKind kind : children.keySet()) {
                try {
                    sockets.put(kind, SocketLoads.connect(children.get(kind).port()));
                } catch (LoadException e) {
                    fail(e.getMessage());
                }
            }
            long[] seq = new long[ServerKind.values().length];
            for (FrameLoad load : FrameLoad.values()) {
                for (int round = -options.warmup(); round < options.rounds(); round++) {
                    for (ServerKind kind : kinds) {
                        Socket socket = sockets.get(kind);
                        if (socket == null) {
                            continue; // failed earlier
                        }
                        try {
                            frameRun(load, kind, children.get(kind), socket, round, seq);
                            children.get(kind).checkAlive();
                        } catch (LoadException e) {
                            fail("frames " + kind.title() + ": " + e.getMessage() + died(children.get(kind)));
                            SocketLoads.closeQuietly(sockets.remove(kind));
                        }
                    }
                }
            }
        } finally {
            sockets.values().forEach(SocketLoads::closeQuietly);
            children.values().forEach(ChildServer::close);
        }
    }

    private void frameRun(FrameLoad load, ServerKind kind, ChildServer child, Socket socket, int round, long[] seq)
        throws LoadException {
        boolean measured = round >= 0;
        String head = roundName(round) + " frames " + kind.title() + ": ";
        switch (load) {
            case SMALL: {
                long n = options.frames();
                EchoPattern.Frames pattern = EchoPattern.frames(SMALL_PAYLOAD, 1024, 0);
                Map<String, Long> before = child.stats();
                long nanos = SocketLoads.pipelined(socket, pattern, n * pattern.frameLength(), FRAME_WINDOW,
                    "pipelined 64 B frames");
                Map<String, Long> after = child.stats();
                double rate = n * 1e9 / nanos;
                progress(head + String.format(Locale.ROOT, "pipelined 64 B: %s frames/s", Report.rate(rate)));
                if (measured) {
                    results.add(Mode.FRAMES, kind, Results.FRAMES_SMALL, rate);
                    addSyscalls(Mode.FRAMES, kind, Results.SMALL_PREFIX, before, after, n);
                }
                break;
            }
            case LARGE: {
                long n = options.largeFrames();
                EchoPattern.Frames pattern = EchoPattern.frames(LARGE_PAYLOAD, 1, 0);
                long nanos = SocketLoads.pipelined(socket, pattern, n * pattern.frameLength(), FRAME_WINDOW,
                    "pipelined 64 KiB frames");
                double rate = n * 1e9 / nanos;
                double mbs = rate * LARGE_PAYLOAD / 1e6;
                progress(head + String.format(Locale.ROOT, "pipelined 64 KiB: %s frames/s, %.1f MB/s",
                    Report.rate(rate), mbs));
                if (measured) {
                    results.add(Mode.FRAMES, kind, Results.FRAMES_LARGE, rate);
                    results.add(Mode.FRAMES, kind, Results.FRAMES_LARGE_MBS, mbs);
                }
                break;
            }
            case PING_PONG: {
                long nanos = (long) (options.pingSeconds() * 1e9);
                SocketLoads.PingPong r = SocketLoads.pingPong(socket, EchoPattern.frames(SMALL_PAYLOAD, 1, 0), nanos,
                    seq[kind.ordinal()], "ping-pong 64 B frames");
                seq[kind.ordinal()] += r.roundTrips;
                double rate = r.roundTripsPerSecond();
                double p50 = r.percentileMicros(50);
                double p99 = r.percentileMicros(99);
                progress(head + String.format(Locale.ROOT, "ping-pong 64 B: %s round trips/s, p50 %.1f µs, p99 %.1f µs",
                    Report.rate(rate), p50, p99));
                if (measured) {
                    results.add(Mode.FRAMES, kind, Results.FRAME_ROUND_TRIPS, rate);
                    results.add(Mode.FRAMES, kind, Results.FRAME_PING_PREFIX + Results.P50, p50);
                    results.add(Mode.FRAMES, kind, Results.FRAME_PING_PREFIX + Results.P99, p99);
                }
                break;
            }
            case CLIENTS: {
                int clients = options.clients();
                long each = options.clientFrames();
                long nanos = ManyClients.run(child.port(), clients, each, SMALL_PAYLOAD,
                    TimeUnit.MILLISECONDS.toNanos(SocketLoads.READ_TIMEOUT_MILLIS), clients + " clients");
                double rate = clients * each * 1e9 / nanos;
                progress(head + String.format(Locale.ROOT, "%d clients, pipelined 64 B: %s frames/s", clients,
                    Report.rate(rate)));
                if (measured) {
                    results.add(Mode.FRAMES, kind, Results.clientsFrames(clients), rate);
                }
                break;
            }
            default:
                throw new IllegalStateException(load.toString());
        }
    }

    // ---------------------------------------------------------------- udp

    /** The loads of the udp mode, run in this order, each for every round. */
    private enum DatagramLoad { PING_SMALL, PING_LARGE, ONE_WAY_SMALL, ONE_WAY_LARGE }

    /** Bytes of a small datagram. */
    static final int SMALL_DATAGRAM = 64;
    /** Bytes of a large datagram. */
    static final int LARGE_DATAGRAM = 1024;
    /** A one-way run has ended once the server's count has not moved for this long. */
    static final long DATAGRAMS_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** How often the parent asks the server child for its count at the end of a one-way run. */
    static final long DATAGRAMS_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private void udp() {
        List<ServerKind> kinds = kinds(ServerKind.DATAGRAM, ServerKind.DATAGRAM_TEXT, ServerKind.DATAGRAM_SOCKET);
        if (kinds.isEmpty()) {
            return;
        }
        Map<ServerKind, ChildServer> children = new EnumMap<>(ServerKind.class);
        Map<ServerKind, DatagramSocket> sockets = new EnumMap<>(ServerKind.class);
        try {
            startAtOnce(kinds, children);
            for (ServerKind kind : children.keySet()) {
                DatagramSocket socket = null;
                try {
                    socket = DatagramLoads.connect(children.get(kind).port());
                    DatagramLoads.firstEcho(socket, SocketLoads.READ_TIMEOUT_MILLIS);
                    sockets.put(kind, socket);
                } catch (LoadException e) {
                    fail("udp " + kind.title() + ": " + e.getMessage());
                    DatagramLoads.closeQuietly(socket);
                }
            }
            long[] seq = new long[ServerKind.values().length];
            Arrays.fill(seq, 1);   // datagram 0 was the first echo
            for (DatagramLoad load : DatagramLoad.values()) {
                for (int round = -options.warmup(); round < options.rounds(); round++) {
                    for (ServerKind kind : kinds) {
                        DatagramSocket socket = sockets.get(kind);
                        if (socket == null) {
                            continue; // failed earlier
                        }
                        try {
                            udpRun(load, kind, children.get(kind), socket, round, seq);
                            children.get(kind).checkAlive();
                        } catch (LoadException e) {
                            fail("udp " + kind.title() + ": " + e.getMessage() + died(children.get(kind)));
                            DatagramLoads.closeQuietly(sockets.remove(kind));
                        }
                    }
                }
            }
        } finally {
            sockets.values().forEach(DatagramLoads::closeQuietly);
            children.values().forEach(ChildServer::close);
        }
    }

    private void udpRun(DatagramLoad load, ServerKind kind, ChildServer child, DatagramSocket socket, int round,
                        long[] seq) throws LoadException {
        boolean measured = round >= 0;
        String head = roundName(round) + " udp " + kind.title() + ": ";
        int size = load == DatagramLoad.PING_SMALL || load == DatagramLoad.ONE_WAY_SMALL ? SMALL_DATAGRAM : LARGE_DATAGRAM;
        String bytes = Results.size(size);
        if (load == DatagramLoad.PING_SMALL || load == DatagramLoad.PING_LARGE) {
            long nanos = (long) (options.pingSeconds() * 1e9);
            Map<String, Long> before = child.stats();
            DatagramLoads.RoundTrips r = DatagramLoads.roundTrips(socket, size, nanos, seq[kind.ordinal()],
                "ping-pong " + bytes + " datagrams");
            double cpu = cpuMicrosPerDatagram(before, child.stats());
            seq[kind.ordinal()] += r.roundTrips + r.lost;
            double rate = r.roundTripsPerSecond();
            double p50 = r.percentileMicros(50);
            double p99 = r.percentileMicros(99);
            progress(head + String.format(Locale.ROOT, "ping-pong %s: %s round trips/s, p50 %.1f µs, p99 %.1f µs, %d lost,"
                + " server CPU %.2f µs/datagram", bytes, Report.rate(rate), p50, p99, r.lost, cpu));
            if (measured) {
                results.add(Mode.UDP, kind, Results.udpPing(size, Results.UDP_ROUND_TRIPS), rate);
                results.add(Mode.UDP, kind, Results.udpPing(size, Results.P50), p50);
                results.add(Mode.UDP, kind, Results.udpPing(size, Results.P99), p99);
                results.add(Mode.UDP, kind, Results.udpPing(size, Results.UDP_LOST), r.lost);
                if (cpu >= 0) {
                    results.add(Mode.UDP, kind, Results.udpPing(size, Results.UDP_CPU), cpu);
                }
            }
            return;
        }
        long n = options.datagrams();
        child.resetStats();
        // The sender runs on a thread of its own; this one reads the server's count when the sender is a fifth
        // and four fifths through: the rate between the two is the server's while the sender still sends.
        AtomicLong progress = new AtomicLong();
        long firstSeq = seq[kind.ordinal()];
        CompletableFuture<Long> sending = CompletableFuture.supplyAsync(() -> {
            try {
                return DatagramLoads.blast(socket, size, n, firstSeq, progress, "one-way " + bytes + " datagrams");
            } catch (LoadException e) {
                throw new CompletionException(e);
            }
        });
        Map<String, Long> early = statsWhenSent(child, progress, n / 5, sending);
        Map<String, Long> late = statsWhenSent(child, progress, n * 4 / 5, sending);
        boolean windowWhileSending = progress.get() < n;   // the sender was still sending after the late count
        long sendNanos;
        try {
            sendNanos = sending.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof LoadException ? (LoadException) e.getCause()
                : new LoadException("one-way " + bytes + ": " + e.getCause(), e.getCause());
        }
        seq[kind.ordinal()] += n;
        Map<String, Long> stats = quietDatagramStats(child, n);
        long received = stats.getOrDefault("datagrams", -1L);
        if (received <= 1) {
            throw new LoadException("one-way " + bytes + ": the server counted " + received + " of " + n + " datagrams");
        }
        if (received > n) {
            throw new LoadException("one-way " + bytes + ": the server counted " + received + " datagrams, " + n + " were sent");
        }
        long windowCount = late.get("datagrams") - early.get("datagrams");
        long windowNanos = late.get("statsAt") - early.get("statsAt");
        double rate = windowWhileSending && windowCount > 0 && windowNanos > 0
            ? windowCount * 1e9 / windowNanos
            // the sender was done before the window (a tiny run): the rate over every datagram instead
            : (received - 1) * 1e9 / Math.max(1, stats.get("lastDatagram") - stats.get("firstDatagram"));
        double sent = n * 1e9 / sendNanos;
        double loss = 100.0 * (n - received) / n;
        double cpu = windowWhileSending ? cpuMicrosPerDatagram(early, late) : -1;
        progress(head + String.format(Locale.ROOT, "one-way %s: %s received/s (%s sent/s), %d of %d received, loss %.1f %%,"
            + " server CPU %.2f µs/datagram", bytes, Report.rate(rate), Report.rate(sent), received, n, loss, cpu));
        if (measured) {
            results.add(Mode.UDP, kind, Results.udpOneWay(size, Results.UDP_RECEIVED), rate);
            results.add(Mode.UDP, kind, Results.udpOneWay(size, Results.UDP_SENT), sent);
            results.add(Mode.UDP, kind, Results.udpOneWay(size, Results.UDP_LOSS), loss);
            if (cpu >= 0) {
                results.add(Mode.UDP, kind, Results.udpOneWay(size, Results.UDP_CPU), cpu);
            }
        }
    }

    /** The child's statistics once the sender has sent at least {@code count} datagrams, or has finished. */
    private static Map<String, Long> statsWhenSent(ChildServer child, AtomicLong progress, long count,
                                                   CompletableFuture<Long> sending) throws LoadException {
        while (progress.get() < count && !sending.isDone()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return child.stats();
    }

    /**
     * The server child's CPU time (all its threads: the event loop, the heap sampler, the collector...) per
     * datagram it received between two of its STATS answers, in µs; -1 where unknown.
     */
    private static double cpuMicrosPerDatagram(Map<String, Long> before, Map<String, Long> after) {
        long cpuBefore = before.getOrDefault("cpu", -1L);
        long cpuAfter = after.getOrDefault("cpu", -1L);
        long datagrams = after.getOrDefault("datagrams", 0L) - before.getOrDefault("datagrams", 0L);
        return cpuBefore < 0 || cpuAfter < 0 || datagrams <= 0 ? -1 : (cpuAfter - cpuBefore) / 1e3 / datagrams;
    }

    /**
     * The child's statistics once its datagram count has stopped moving (every datagram sent arrived, or the
     * count stood still for {@link #DATAGRAMS_QUIET_NANOS}: the rest were dropped).
     */
    private static Map<String, Long> quietDatagramStats(ChildServer child, long sent) throws LoadException {
        Map<String, Long> stats = child.stats();
        long count = stats.getOrDefault("datagrams", -1L);
        long changed = System.nanoTime();
        long deadline = changed + TimeUnit.SECONDS.toNanos(60);
        while (count < sent) {
            LockSupport.parkNanos(DATAGRAMS_POLL_NANOS);
            stats = child.stats();
            long now = System.nanoTime();
            long c = stats.getOrDefault("datagrams", -1L);
            if (c != count) {
                count = c;
                changed = now;
            } else if (now - changed >= DATAGRAMS_QUIET_NANOS) {
                break;
            }
            if (now - deadline > 0) {
                throw new LoadException("the server was still counting datagrams after 60 s");
            }
        }
        return stats;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Starts a child for each kind, all at once (a JVM's start is mostly one thread, and the smoke run stays
     * short), and puts those that started in the map; a child that did not start is an error.
     */
    private void startAtOnce(List<ServerKind> kinds, Map<ServerKind, ChildServer> children) {
        Map<ServerKind, CompletableFuture<ChildServer>> starting = new EnumMap<>(ServerKind.class);
        for (ServerKind kind : kinds) {
            progress("starting " + kind.title());
            starting.put(kind, CompletableFuture.supplyAsync(() -> {
                try {
                    return ChildServer.start(kind, flags(THROUGHPUT_FLAGS));
                } catch (LoadException e) {
                    throw new CompletionException(e);
                }
            }));
        }
        for (ServerKind kind : kinds) {
            try {
                children.put(kind, starting.get(kind).join());
            } catch (CompletionException e) {
                fail(e.getCause() instanceof LoadException ? e.getCause().getMessage() : String.valueOf(e.getCause()));
            }
        }
    }

    private List<ServerKind> kinds(ServerKind... candidates) {
        List<ServerKind> kinds = new ArrayList<>();
        for (ServerKind k : candidates) {
            if (options.runs(k)) {
                kinds.add(k);
            }
        }
        return kinds;
    }

    /** " (the server child died ...)" if it did, else "". */
    private static String died(ChildServer child) {
        if (child == null || child.isAlive()) {
            return "";
        }
        return " (the server child died" + child.exitStatus().map(s -> ", exit status " + s).orElse("") + ")";
    }

    private List<String> flags(List<String> base) {
        List<String> flags = new ArrayList<>(base);
        flags.addAll(options.childFlags());
        return flags;
    }

    private String roundName(int round) {
        return round < 0 ? "warm-up" : "round " + (round + 1) + "/" + options.rounds();
    }

    private void fail(String message) {
        results.error(message);
        ERR.println("ERROR: " + message);
    }

    private static void progress(String message) {
        ERR.println(message);
    }

    /** The command line as run: "java" and this JVM's arguments (flags, -jar and the options). */
    private String command() {
        Optional<String[]> jvmArgs = ProcessHandle.current().info().arguments();
        if (jvmArgs.isPresent()) {
            return "java " + String.join(" ", jvmArgs.get());
        }
        return "java -jar tcpip-bench/target/tcpip-bench.jar " + String.join(" ", options.args());
    }

    /** Lines describing the machine, the JDK, the date and the commit. */
    private List<String> machine() {
        List<String> lines = new ArrayList<>();
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        lines.add("cores: " + Runtime.getRuntime().availableProcessors() + (cpu == null ? "" : " (" + cpu + ")")
            + (mem == null ? "" : ", memory " + mem));
        lines.add("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
            + " (" + System.getProperty("java.vendor") + ")");
        lines.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"));
        lines.add("server children: " + String.join(" ", THROUGHPUT_FLAGS) + " (memory mode: "
            + String.join(" ", MEMORY_FLAGS) + ")" + (options.childFlags().isEmpty() ? ""
            : " plus " + String.join(" ", options.childFlags())) + "; client and servers share the machine");
        String commit = git("rev-parse", "--short", "HEAD");
        String branch = git("rev-parse", "--abbrev-ref", "HEAD");
        lines.add("date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + (commit == null ? "" : ", commit " + commit + (branch == null ? "" : " (" + branch + ")")));
        return lines;
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(key)) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? null : line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
