package dev.tcpip.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Turns {@link Results} into the tables the load program prints: the measured figures (median, min–max),
 * the ratios between servers, the targets, the memory floods, the start-up times and the errors, as plain
 * text or as Markdown.
 */
public final class Report {
    private final Results results;
    private final List<String> machine;
    private final String command;

    /**
     * @param results what was measured
     * @param machine lines describing the machine (cores, CPU, JDK, OS)
     * @param command the command line that ran the measurement
     */
    public Report(Results results, List<String> machine, String command) {
        this.results = results;
        this.machine = List.copyOf(machine);
        this.command = command;
    }

    // ---------------------------------------------------------------- tables

    /** @return the figures: one row per mode, server and figure */
    public TextTable figures() {
        TextTable t = new TextTable("Mode", "Server", "Figure", "Median", "Min – max", "Runs");
        for (Results.Series s : results.allSeries()) {
            Function<Double, String> f = formatter(s.figure());
            t.row(s.mode().cliName(), s.kind().title(), s.figure(), f.apply(s.median()),
                f.apply(Stats.min(s.values())) + " – " + f.apply(Stats.max(s.values())),
                Integer.toString(s.values().size()));
        }
        return t;
    }

    /** @return the ratios of the pull-API echo (c) to the bare echoes (a) and (b) */
    public TextTable ratios() {
        TextTable t = new TextTable("Ratio", "Median c / median x", "Per-round min – max");
        for (Mode mode : new Mode[] {Mode.PING_PONG, Mode.PIPELINED}) {
            String figure = mode == Mode.PING_PONG ? Results.ROUND_TRIPS : Results.LINES;
            for (ServerKind base : new ServerKind[] {ServerKind.RECORD, ServerKind.BYTES}) {
                Results.Series c = results.series(mode, ServerKind.PULL, figure);
                Results.Series x = results.series(mode, base, figure);
                if (c == null || x == null) {
                    continue;
                }
                List<Double> perRound = new ArrayList<>();
                for (int i = 0; i < Math.min(c.values().size(), x.values().size()); i++) {
                    perRound.add(c.values().get(i) / x.values().get(i));
                }
                t.row(mode.cliName() + " " + figure + ": c / " + base.letter() + " (" + base.label() + ")",
                    ratio(c.median() / x.median()),
                    ratio(Stats.min(perRound)) + " – " + ratio(Stats.max(perRound)));
            }
        }
        return t;
    }

    /**
     * @return the ratios of the message-socket frame echo (f) to raw Netty (g), one per rate both were
     *     measured at (frames/s and round trips/s)
     */
    public TextTable frameRatios() {
        TextTable t = new TextTable("Ratio", "Median f / median g", "Per-round min – max");
        for (Results.Series[] pair : framePairs()) {
            Results.Series f = pair[0];
            Results.Series g = pair[1];
            List<Double> perRound = new ArrayList<>();
            for (int i = 0; i < Math.min(f.values().size(), g.values().size()); i++) {
                perRound.add(f.values().get(i) / g.values().get(i));
            }
            t.row(f.figure() + ": f / g", ratio(f.median() / g.median()),
                ratio(Stats.min(perRound)) + " – " + ratio(Stats.max(perRound)));
        }
        return t;
    }

    /** The frames mode's rates measured for both (f) and (g): {f's series, g's series}, in f's order. */
    private List<Results.Series[]> framePairs() {
        List<Results.Series[]> pairs = new ArrayList<>();
        for (Results.Series f : results.allSeries()) {
            if (f.mode() != Mode.FRAMES || f.kind() != ServerKind.MESSAGE
                || !(f.figure().endsWith("frames/s") || f.figure().endsWith(Results.ROUND_TRIPS))) {
                continue;
            }
            Results.Series g = results.series(Mode.FRAMES, ServerKind.NETTY, f.figure());
            if (g != null) {
                pairs.add(new Results.Series[] {f, g});
            }
        }
        return pairs;
    }

    /**
     * @return the ratios of the queue endpoints (h) to the raw Vert.x line pair (i) and to its gathering
     *     sender (j), one per message size both were measured at
     */
    public TextTable endpointRatios() {
        TextTable t = new TextTable("Ratio", "Median h / median x", "Per-round min – max");
        for (ServerKind base : new ServerKind[] {ServerKind.VERTX, ServerKind.GATHERED}) {
            for (Results.Series[] pair : endpointPairs(base)) {
                List<Double> perRound = perRound(pair[0], pair[1]);
                t.row(pair[0].figure() + ": h / " + base.letter() + " (" + base.label() + ")",
                    ratio(pair[0].median() / pair[1].median()),
                    ratio(Stats.min(perRound)) + " – " + ratio(Stats.max(perRound)));
            }
        }
        return t;
    }

    /**
     * @return the ratios of this project's datagram servers (k) and (l) to the bare Vert.x socket (m), one
     *     per rate they were measured at (round trips/s, datagrams received/s; higher is better) and per CPU
     *     cost (server CPU per datagram; lower is better)
     */
    public TextTable udpRatios() {
        TextTable t = new TextTable("Ratio", "Median x / median m", "Per-round min – max");
        for (Results.Series[] pair : udpPairs()) {
            Results.Series x = pair[0];
            Results.Series m = pair[1];
            List<Double> perRound = new ArrayList<>();
            for (int i = 0; i < Math.min(x.values().size(), m.values().size()); i++) {
                perRound.add(x.values().get(i) / m.values().get(i));
            }
            t.row(x.figure() + ": " + x.kind().letter() + " / m (" + x.kind().label() + ")", ratio(x.median() / m.median()),
                ratio(Stats.min(perRound)) + " – " + ratio(Stats.max(perRound)));
        }
        return t;
    }

    /**
     * @return the ratios of the relay's fan-out (n) to bare clustered publish (o): the rates (higher is better)
     *     and the CPU time per message of each JVM (lower is better), each figure measured for both
     */
    public TextTable clusterRatios() {
        TextTable t = new TextTable("Ratio", "Median n / median o", "Per-round min – max");
        for (Results.Series[] pair : clusterPairs()) {
            Results.Series n = pair[0];
            Results.Series o = pair[1];
            if (!(n.figure().endsWith(Results.MESSAGES) || n.figure().endsWith(Results.ROUND_TRIPS)
                || n.figure().endsWith("(µs/message)"))) {
                continue;
            }
            List<Double> perRound = perRound(n, o);
            t.row(n.figure() + ": n / o", ratio(n.median() / o.median()),
                ratio(Stats.min(perRound)) + " – " + ratio(Stats.max(perRound)));
        }
        return t;
    }

    /**
     * @return the latency the relay adds to the bare bus, one message at a time: per latency figure measured
     *     for both (n) and (o), their medians and the difference n − o, with the range of the per-round
     *     differences. (Under the fan-out load a latency is mostly the time spent behind the window's other
     *     messages, wherever they queue: see the figures.)
     */
    public TextTable clusterAddedLatency() {
        TextTable t = new TextTable("Latency (µs)", "Relay (n)", "Bare bus (o)", "Added: n − o", "Per-round min – max");
        for (Results.Series[] pair : clusterPairs()) {
            Results.Series n = pair[0];
            Results.Series o = pair[1];
            if (!n.figure().startsWith(Results.ONE_AT_A_TIME_PREFIX)
                || !(n.figure().endsWith(Results.P50) || n.figure().endsWith(Results.P99))) {
                continue;
            }
            List<Double> perRound = new ArrayList<>();
            for (int k = 0; k < Math.min(n.values().size(), o.values().size()); k++) {
                perRound.add(n.values().get(k) - o.values().get(k));
            }
            t.row(n.figure().replace(" (µs)", ""), micros(n.median()), micros(o.median()),
                signedMicros(n.median() - o.median()),
                signedMicros(Stats.min(perRound)) + " – " + signedMicros(Stats.max(perRound)));
        }
        return t;
    }

    /** The cluster mode's figures measured for both (n) and (o): {n's series, o's series}, in n's order. */
    private List<Results.Series[]> clusterPairs() {
        List<Results.Series[]> pairs = new ArrayList<>();
        for (Results.Series n : results.allSeries()) {
            if (n.mode() != Mode.CLUSTER || n.kind() != ServerKind.RELAY) {
                continue;
            }
            Results.Series o = results.series(Mode.CLUSTER, ServerKind.BUS, n.figure());
            if (o != null) {
                pairs.add(new Results.Series[] {n, o});
            }
        }
        return pairs;
    }

    private static String micros(double us) {
        return String.format(Locale.ROOT, us < 100 ? "%.1f" : "%.0f", us);
    }

    private static String signedMicros(double us) {
        return (us >= 0 ? "+" : "−") + micros(Math.abs(us));
    }

    /** The endpoints mode's messages/s measured for both (h) and {@code base}: {h's series, base's series}, in h's order. */
    private List<Results.Series[]> endpointPairs(ServerKind base) {
        List<Results.Series[]> pairs = new ArrayList<>();
        for (Results.Series h : results.allSeries()) {
            if (h.mode() != Mode.ENDPOINTS || h.kind() != ServerKind.QUEUE || !h.figure().endsWith(Results.MESSAGES)) {
                continue;
            }
            Results.Series x = results.series(Mode.ENDPOINTS, base, h.figure());
            if (x != null) {
                pairs.add(new Results.Series[] {h, x});
            }
        }
        return pairs;
    }

    /** The udp mode's rates measured for (k) or (l) and for (m): {x's series, m's series}, in x's order. */
    private List<Results.Series[]> udpPairs() {
        List<Results.Series[]> pairs = new ArrayList<>();
        for (ServerKind kind : new ServerKind[] {ServerKind.DATAGRAM, ServerKind.DATAGRAM_TEXT}) {
            for (Results.Series x : results.allSeries()) {
                if (x.mode() != Mode.UDP || x.kind() != kind || !(x.figure().endsWith(Results.UDP_ROUND_TRIPS)
                    || x.figure().endsWith(Results.UDP_RECEIVED) || x.figure().endsWith(Results.UDP_CPU))) {
                    continue;
                }
                Results.Series m = results.series(Mode.UDP, ServerKind.DATAGRAM_SOCKET, x.figure());
                if (m != null) {
                    pairs.add(new Results.Series[] {x, m});
                }
            }
        }
        return pairs;
    }

    private static List<Double> perRound(Results.Series a, Results.Series b) {
        List<Double> perRound = new ArrayList<>();
        for (int k = 0; k < Math.min(a.values().size(), b.values().size()); k++) {
            perRound.add(a.values().get(k) / b.values().get(k));
        }
        return perRound;
    }

    /** The endpoints mode's restart runs: the figures' common prefixes, e.g. "restart, delay 50 ms, down 0 ms: ". */
    private List<String> restartPrefixes() {
        List<String> prefixes = new ArrayList<>();
        for (Results.Series s : results.allSeries()) {
            if (s.mode() == Mode.ENDPOINTS && s.kind() == ServerKind.QUEUE && s.figure().endsWith(Results.RESTART_TO_FIRST)) {
                prefixes.add(s.figure().substring(0, s.figure().length() - Results.RESTART_TO_FIRST.length()));
            }
        }
        return prefixes;
    }

    /**
     * @return the restart runs of the endpoints mode: per policy and gap, the time from the new server
     *     listening to the first message, next to the client's delay in effect and the policy's
     */
    public TextTable restarts() {
        TextTable t = new TextTable("Restart", "Restart to first message (ms)", "Retry that connected",
            "Its delay (ms): measured; nominal ± 20 %", "Loss to listening (ms)", "Attempt to connected (ms)",
            "Connected to first message (ms)", "Server close (ms)", "Connections to the closing server (all rounds)");
        for (String prefix : restartPrefixes()) {
            Results.Series first = restartSeries(prefix, Results.RESTART_TO_FIRST);
            Results.Series retry = restartSeries(prefix, Results.RETRY);
            Results.Series delay = restartSeries(prefix, Results.DELAY_IN_EFFECT);
            Results.Series nominal = restartSeries(prefix, Results.NOMINAL_DELAY);
            Results.Series down = restartSeries(prefix, Results.DOWN);
            Results.Series attempt = restartSeries(prefix, Results.ATTEMPT_TO_CONNECTED);
            Results.Series connected = restartSeries(prefix, Results.CONNECTED_TO_FIRST);
            Results.Series close = restartSeries(prefix, Results.CLOSE);
            Results.Series closing = restartSeries(prefix, Results.CLOSING_CONNECTIONS);
            if (retry == null || delay == null || nominal == null || down == null || attempt == null || connected == null
                || close == null || closing == null) {
                continue;
            }
            t.row(prefix.substring(0, prefix.length() - 2), millisRange(first), count(retry.median()) + " ("
                    + count(Stats.min(retry.values())) + " – " + count(Stats.max(retry.values())) + ")",
                millisRange(delay) + "; " + nominalRange(nominal), millisRange(down), millisRange(attempt),
                millisRange(connected), millisRange(close),
                count(closing.values().stream().mapToDouble(Double::doubleValue).sum()));
        }
        return t;
    }

    private Results.Series restartSeries(String prefix, String figure) {
        return results.series(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + figure);
    }

    private static String millisRange(Results.Series s) {
        return String.format(Locale.ROOT, "%.1f (%.1f – %.1f)", s.median(), Stats.min(s.values()), Stats.max(s.values()));
    }

    /** "500 ± 100", or "500 ± 100 to 1000 ± 200" when the rounds connected on different retries. */
    private static String nominalRange(Results.Series nominal) {
        double lo = Stats.min(nominal.values());
        double hi = Stats.max(nominal.values());
        String low = String.format(Locale.ROOT, "%.0f ± %.0f", lo, lo * JITTER);
        return lo == hi ? low : low + String.format(Locale.ROOT, " to %.0f ± %.0f", hi, hi * JITTER);
    }

    /** The jitter of the restart runs' policies (the default). */
    private static final double JITTER = dev.tcpip.core.reconnect.ReconnectPolicy.DEFAULT_JITTER;

    private static String count(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** @return the targets next to the measured figures (never asserted; "met" is informative) */
    public TextTable targets() {
        TextTable t = new TextTable("Target", "Measured", "Met");
        Results.Series cPipe = results.series(Mode.PIPELINED, ServerKind.PULL, Results.LINES);
        Results.Series aPipe = results.series(Mode.PIPELINED, ServerKind.RECORD, Results.LINES);
        if (cPipe != null && aPipe != null) {
            double r = cPipe.median() / aPipe.median();
            t.row("pipelined pull-API echo >= 1.5x bare RecordParser echo", ratio(r), met(r >= 1.5));
        }
        if (cPipe != null) {
            double v = cPipe.median();
            t.row("pipelined pull-API echo >= 20x Python's 0.1 M lines/s (2 M lines/s)",
                rate(v) + " lines/s (" + ratio(v / 100_000) + " Python)", met(v >= 2_000_000));
        }
        Results.Series cPing = results.series(Mode.PING_PONG, ServerKind.PULL, Results.ROUND_TRIPS);
        Results.Series aPing = results.series(Mode.PING_PONG, ServerKind.RECORD, Results.ROUND_TRIPS);
        if (cPing != null && aPing != null) {
            double r = cPing.median() / aPing.median();
            t.row("ping-pong pull-API echo >= 0.9x bare RecordParser echo", ratio(r), met(r >= 0.9));
        }
        Results.Series d = results.series(Mode.ONE_WAY, ServerKind.STRUCT, Results.STRUCTS);
        if (d != null) {
            t.row("struct stream >= 5 M structs/s", rate(d.median()) + " structs/s", met(d.median() >= 5e6));
        }
        Results.Series e = results.series(Mode.ONE_WAY, ServerKind.JSON, Results.LINES);
        if (e != null) {
            t.row("JSON lines >= 1 M lines/s", rate(e.median()) + " lines/s", met(e.median() >= 1e6));
        }
        for (Results.MemoryRow m : results.memoryRows()) {
            boolean ok = m.survived && m.peakUsed >= 0 && m.peakUsed <= 64L << 20
                && (m.kind.isEcho() || m.accepted == m.length);
            t.row("server heap <= 64 MB while flooded with " + mib(m.length) + ": " + m.kind.title(),
                "peak " + mib(m.peakUsed) + " in use, " + mib(m.peakAfterGc) + " after GC"
                    + (m.survived ? "" : ", child died"), met(ok));
        }
        for (String op : new String[] {"encode", "decode"}) {
            double[] jav = results.codecResults().get(op + "Javolution");
            double[] hand = results.codecResults().get(op + "Hand");
            if (jav != null && hand != null) {
                double r = jav[0] / hand[0];
                t.row("javolution struct " + op + " <= 2x the hand-written codec (JMH)",
                    String.format(Locale.ROOT, "%s (%.1f ns / %.1f ns)", ratio(r), jav[0], hand[0]), met(r <= 2));
            }
        }
        for (Results.Series[] pair : framePairs()) {
            double target = pair[0].figure().equals(Results.FRAMES_SMALL) ? 1.0 : 0.9;
            double r = pair[0].median() / pair[1].median();
            t.row("frames " + pair[0].figure() + ": MessageListener echo (f) >= " + ratio(target) + " raw Netty (g)",
                ratio(r), met(r >= target));
        }
        for (Results.Series[] pair : endpointPairs(ServerKind.VERTX)) {
            double r = pair[0].median() / pair[1].median();
            t.row("endpoints " + pair[0].figure() + ": queue endpoints (h) >= 0.90x raw Vert.x lines (i)", ratio(r),
                met(r >= 0.9));
        }
        for (String prefix : restartPrefixes()) {
            Results.Series first = restartSeries(prefix, Results.RESTART_TO_FIRST);
            Results.Series nominal = restartSeries(prefix, Results.NOMINAL_DELAY);
            if (nominal == null) {
                continue;
            }
            double bound = Stats.max(nominal.values()) * (1 + JITTER);
            t.row("endpoints " + prefix + "first message within the client's delay in effect, jitter included",
                String.format(Locale.ROOT, "%.1f ms (bound %.0f ms)", first.median(), bound), met(first.median() <= bound));
        }
        for (Results.Series[] pair : udpPairs()) {
            if (pair[0].figure().endsWith(Results.UDP_CPU)) {
                continue;   // a cost, not a rate: in the ratios only
            }
            double r = pair[0].median() / pair[1].median();
            t.row("udp " + pair[0].figure() + ": " + pair[0].kind().title() + " >= 0.90x bare DatagramSocket (m)",
                ratio(r), met(r >= 0.9));
        }
        for (Results.Series[] pair : clusterPairs()) {
            if (pair[0].figure().equals(Results.FANOUT_MESSAGES)) {
                double r = pair[0].median() / pair[1].median();
                t.row("cluster " + pair[0].figure() + ": StructRelay fan-out (n) >= 0.90x bare clustered publish (o)",
                    ratio(r), met(r >= 0.9));
            }
        }
        List<Double> demo = results.startupTimes().get(ECHO_DEMO);
        if (demo != null) {
            double ms = Stats.median(demo);
            t.row("demo start <= 1 s (echo-server.jar)", millis(ms) + " ms", met(ms <= 1000));
        }
        return t;
    }

    /** @return the memory floods */
    public TextTable memory() {
        TextTable t = new TextTable("Server", "Flood accepted", "Outcome", "Rate", "Peak heap in use",
            "Peak heap after GC", "Peak RSS", "Heap cap", "Survived");
        for (Results.MemoryRow m : results.memoryRows()) {
            t.row(m.kind.title(), mib(m.accepted) + " of " + mib(m.length), m.outcome,
                m.stalled() ? "–" : String.format(Locale.ROOT, "%.0f MB/s", m.mbPerSecond), mib(m.peakUsed),
                mib(m.peakAfterGc),
                mib(m.peakRss), mib(m.maxHeap), m.survived ? "yes" : "NO");
        }
        return t;
    }

    /** @return the JMH codec results */
    public TextTable codec() {
        TextTable t = new TextTable("Benchmark (one Sample32 per operation)", "ns/op", "± (99.9 %)");
        results.codecResults().forEach((name, r) -> t.row("StructCodecBenchmark." + name,
            String.format(Locale.ROOT, "%.1f", r[0]), Double.isNaN(r[1]) ? "–" : String.format(Locale.ROOT, "%.1f", r[1])));
        return t;
    }

    /** The label of the echo-server demo's start-up timings. */
    public static final String ECHO_DEMO = "echo-server.jar --port 0";
    /** The label of the mock controller's start-up timings. */
    public static final String MOCK = "mock-controller.jar --port 0";

    /** @return the start-up times */
    public TextTable startup() {
        TextTable t = new TextTable("Program", "Median", "Min – max", "Runs");
        results.startupTimes().forEach((program, times) -> t.row("java -jar " + program,
            millis(Stats.median(times)) + " ms", millis(Stats.min(times)) + " – " + millis(Stats.max(times)) + " ms",
            Integer.toString(times.size())));
        return t;
    }

    // ---------------------------------------------------------------- whole report

    private static final String CLUSTER_RATIOS = "Cluster fan-out ratios (n StructRelay / o bare clustered publish)";
    private static final String CLUSTER_LATENCY = "Latency the relay adds, one message at a time (n StructRelay − o"
        + " bare clustered publish; medians of the rounds)";

    /** @return the report as plain text, for stdout */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("tcpip socket load: ").append(command).append('\n');
        for (String line : machine) {
            sb.append("  ").append(line).append('\n');
        }
        section(sb, "Figures (median of the measured rounds; MB = 10^6 bytes, one direction)", figures(), false);
        section(sb, "Ratios", ratios(), false);
        section(sb, "Frame echo ratios (f MessageListener / g raw Netty)", frameRatios(), false);
        section(sb, "Endpoint ratios (h queue endpoints / i raw Vert.x line pair, j its gathering sender)", endpointRatios(), false);
        section(sb, "Server restart to first message (h; median (min – max) of the rounds)", restarts(), false);
        section(sb, "Datagram ratios (k, l DatagramServer / m bare DatagramSocket)", udpRatios(), false);
        section(sb, CLUSTER_RATIOS, clusterRatios(), false);
        section(sb, CLUSTER_LATENCY, clusterAddedLatency(), false);
        section(sb, "Memory (server child with -Xmx64m; client floods and never reads)", memory(), false);
        section(sb, "Start-up (process start to its 'running on port' line)", startup(), false);
        section(sb, "Struct codec (JMH, average time per operation)", codec(), false);
        section(sb, "Targets (informative; never asserted)", targets(), false);
        errors(sb, false);
        return sb.toString();
    }

    /** @return the report as Markdown, for docs/performance.md */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("Command (from the repository root, after `mvn -B -q package -DskipTests`):\n\n```sh\n")
            .append(command).append("\n```\n\nMachine:\n\n");
        for (String line : machine) {
            sb.append("- ").append(line).append('\n');
        }
        section(sb, "Figures (median of the measured rounds; MB = 10^6 bytes, one direction)", figures(), true);
        section(sb, "Ratios", ratios(), true);
        section(sb, "Frame echo ratios (f MessageListener / g raw Netty)", frameRatios(), true);
        section(sb, "Endpoint ratios (h queue endpoints / i raw Vert.x line pair, j its gathering sender)", endpointRatios(), true);
        section(sb, "Server restart to first message (h; median (min – max) of the rounds)", restarts(), true);
        section(sb, "Datagram ratios (k, l DatagramServer / m bare DatagramSocket)", udpRatios(), true);
        section(sb, CLUSTER_RATIOS, clusterRatios(), true);
        section(sb, CLUSTER_LATENCY, clusterAddedLatency(), true);
        section(sb, "Memory (server child with -Xmx64m; the client floods and never reads)", memory(), true);
        section(sb, "Start-up (process start to its \"running on port\" line)", startup(), true);
        section(sb, "Struct codec (JMH, average time per operation)", codec(), true);
        section(sb, "Targets (informative; never asserted)", targets(), true);
        errors(sb, true);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, TextTable table, boolean markdown) {
        if (table.isEmpty()) {
            return;
        }
        if (markdown) {
            sb.append("\n### ").append(title).append("\n\n").append(table.markdown());
        } else {
            sb.append('\n').append(title).append(":\n").append(table.text());
        }
    }

    private void errors(StringBuilder sb, boolean markdown) {
        if (results.errors().isEmpty()) {
            return;
        }
        sb.append(markdown ? "\n### Errors (runs that gave no number)\n\n" : "\nERRORS (runs that gave no number):\n");
        for (String e : results.errors()) {
            sb.append(markdown ? "- " : "  ").append(e).append('\n');
        }
    }

    /**
     * Writes the Markdown report to a file.
     *
     * @param file the file
     * @throws IOException if it cannot be written
     */
    public void writeMarkdown(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, markdown(), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- number formats

    private static Function<Double, String> formatter(String figure) {
        if (figure.endsWith(Results.MBS)) {
            return v -> String.format(Locale.ROOT, "%.1f", v);
        }
        if (figure.endsWith(Results.READS) || figure.endsWith(Results.WRITES) || figure.endsWith(Results.CLIENT_WRITES)
            || figure.endsWith(Results.PROCESS_READS) || figure.endsWith(Results.PROCESS_WRITES)
            || figure.endsWith("calls/message")) {
            return v -> String.format(Locale.ROOT, "%.3f", v);
        }
        if (figure.endsWith(Results.UDP_CPU) || figure.endsWith("(µs/message)")) {
            return v -> String.format(Locale.ROOT, "%.2f", v);
        }
        if (figure.endsWith(Results.UDP_LOSS)) {
            return v -> String.format(Locale.ROOT, "%.1f", v);
        }
        if (figure.endsWith(Results.UDP_LOST)) {
            return v -> String.format(Locale.ROOT, "%.0f", v);
        }
        if (figure.endsWith(Results.P50) || figure.endsWith(Results.P99)) {
            return v -> String.format(Locale.ROOT, v < 100 ? "%.1f" : "%.0f", v);
        }
        if (figure.endsWith("(ns/message)")) {
            return v -> String.format(Locale.ROOT, "%.0f", v);
        }
        if (figure.endsWith("(ms)")) {
            return v -> String.format(Locale.ROOT, "%.1f", v);
        }
        if (figure.endsWith(Results.RETRY) || figure.endsWith(Results.CLOSING_CONNECTIONS)) {
            return Report::count;
        }
        return Report::rate;
    }

    /**
     * @param v a rate
     * @return "1.23 M", "31.2 k" or "950"
     */
    public static String rate(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /**
     * @param r a ratio
     * @return "1.52x"
     */
    public static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }

    /**
     * @param bytes a size in bytes, or negative for unknown
     * @return "12.3 MiB", or "?" for unknown
     */
    public static String mib(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%.0f", ms);
    }

    private static String met(boolean met) {
        return met ? "yes" : "no";
    }
}
