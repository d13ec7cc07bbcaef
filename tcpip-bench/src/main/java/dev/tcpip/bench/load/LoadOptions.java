package dev.tcpip.bench.load;

import dev.tcpip.launcher.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The load program's command line, parsed by picocli with the conventions of tcpip-launcher's
 * {@link CommandLines}: options take their value as the next argument or after {@code =}; {@code --smoke}
 * changes the defaults of the others, whatever the order.
 */
@Command(name = "java -jar tcpip-bench/target/tcpip-bench.jar", abbreviateSynopsis = true,
    description = {
        "Socket load program: runs each server in a child JVM on 127.0.0.1 and drives it from plain sockets (or this"
            + " project's Client for the sinks), alternating the servers round after round, and prints medians,"
            + " min-max and ratios. Run it from the repository root after 'mvn -B -q package -DskipTests'. Progress"
            + " goes to stderr, the table to stdout.",
        "",
        "Servers: (a) record: bare Vert.x RecordParser echo; (b) bytes: bare Vert.x pipeTo echo; (c) pull: this"
            + " project's EchoServer; (d) struct: Sample32 sink (Structs.readInto); (e) json: JSON-line sink"
            + " (readJson); (f) message: this project's MessageListener frame echo (s.handler(s::send)); (g) netty: raw"
            + " Netty frame echo (LengthFieldBasedFrameDecoder + LengthFieldPrepender, one flush per read burst); (k)"
            + " datagram: this project's DatagramServer echo, bytes codec; (l) datagram_text: the same, String codec; (m)"
            + " datagram_socket: bare Vert.x DatagramSocket echo. In this JVM: (h) queue: this project's ClientSender"
            + " sending to a ServerReceiver; (i) vertx: a raw Vert.x NetClient writing lines to a NetServer's"
            + " RecordParser; (j) gathered: the same with a sender that writes 64 KiB at a time (a ceiling); (n) relay:"
            + " an in-process controller's telemetry through a StructRelay on this JVM's clustered node; (o) bus: the"
            + " same JSON published with the clustered event bus's publish; both to a subscriber child on another"
            + " node.",
        "Modes: ping-pong and pipelined on (a) (b) (c); one-way on (d) (e); memory on (c) (d) (e); start-up of the"
            + " echo-server and mock-controller jars; codec: JMH, one Sample32 encoded and decoded through"
            + " tcpip-struct (javolution) and by a hand-written codec; frames on (f) (g): pipelined 64-byte and 64 KiB"
            + " frames, ping-pong with one 64-byte frame, and many clients pipelining 64-byte frames at once;"
            + " endpoints on (h) (i) (j): messages/s of 64-byte and 1 KiB messages, and on (h) the time from a server"
            + " restart to the first message through it, for each of --restart-delays; udp on (k) (l) (m): round trips"
            + " with one 64-byte or 1 KiB datagram, and one-way datagrams sent unpaced and counted by the server"
            + " (losses reported); cluster on (n) (o): fan-out messages/s to a subscriber on another JVM, the"
            + " publisher keeping at most --cluster-window messages unacknowledged, and the latency of one message"
            + " at a time (wall-clock stamps one way, and the round trip of its acknowledgement)."},
    exitCodeList = {
        "0:every run gave a number, or after --help",
        "1:a run failed (wrong or lost echo, wrong checksum, dead child, missing answer)",
        "2:a bad command line",
        "130:interrupted by Ctrl-C (SIGINT); the server children are killed",
        "143:interrupted by SIGTERM; the server children are killed"})
public final class LoadOptions {
    @Spec
    CommandSpec spec;

    @Option(names = "--smoke", order = 1, preprocessor = CommandLines.NoValue.class,
        description = "seconds-long run of every server and mode, for CI: 1 round, no warm-up, tiny counts, an 8 MB"
            + " flood, start-up timed once")
    boolean smoke;

    // Null: not given, so the default (which --smoke changes) applies.
    private Integer rounds;
    private Integer warmup;
    private Double pingSeconds;
    private Long lines;
    private Long structs;
    private Long jsonLines;
    private Integer batch;
    private Long floodMb;
    private Double stallSeconds;
    private Integer startupRuns;
    private Long frames;
    private Long largeFrames;
    private Integer clients;
    private Long clientFrames;
    private Long messages;
    private Long largeMessages;
    private List<Duration> restartDelays;
    private Long datagrams;
    private Long clusterMessages;
    private Integer clusterWindow;
    private Integer clusterAckEvery;
    private Path demoJar = Path.of("echo-server", "target", "echo-server.jar");
    private Path mockJar = Path.of("mock-controller", "target", "mock-controller.jar");
    private Path markdown;
    private final List<String> childFlags = new ArrayList<>();
    private final Set<Mode> modes = EnumSet.noneOf(Mode.class);
    private final Set<ServerKind> servers = EnumSet.noneOf(ServerKind.class);
    private List<String> args = List.of();
    private boolean help;

    /** Creates the options with their defaults; picocli sets what the command line gives. */
    LoadOptions() {
    }

    @Option(names = "--rounds", paramLabel = "N", order = 2, description = "measured rounds per mode (default 5; smoke 1)")
    void rounds(String value) {
        rounds = positiveInt("--rounds", value, 1);
    }

    @Option(names = "--warmup", paramLabel = "N", order = 3, description = "unmeasured rounds first (default 1; smoke 0)")
    void warmup(String value) {
        warmup = positiveInt("--warmup", value, 0);
    }

    @Option(names = "--ping-seconds", paramLabel = "S", order = 4,
        description = "length of one ping-pong run (default 2; smoke 0.2)")
    void pingSeconds(String value) {
        pingSeconds = positiveDouble("--ping-seconds", value);
    }

    @Option(names = "--lines", paramLabel = "N", order = 5,
        description = "64-byte lines per pipelined run (default 2000000; smoke 20000)")
    void lines(String value) {
        lines = positive("--lines", value, 1);
    }

    @Option(names = "--structs", paramLabel = "N", order = 6,
        description = "structs per one-way run (default 4000000; smoke 20000)")
    void structs(String value) {
        structs = positive("--structs", value, 1);
    }

    @Option(names = "--json-lines", paramLabel = "N", order = 7,
        description = "JSON lines per one-way run (default 1000000; smoke 10000)")
    void jsonLines(String value) {
        jsonLines = positive("--json-lines", value, 1);
    }

    @Option(names = "--batch", paramLabel = "N", order = 8,
        description = "one-way writes issued before waiting on the last one's future (default 1000)")
    void batch(String value) {
        batch = positiveInt("--batch", value, 1);
    }

    @Option(names = "--flood-mb", paramLabel = "N", order = 9, description = "memory flood size in MiB (default 1024; smoke 8)")
    void floodMb(String value) {
        floodMb = positive("--flood-mb", value, 1);
    }

    @Option(names = "--stall-seconds", paramLabel = "S", order = 10,
        description = "a flood with no progress for this long has stalled (default 3; smoke 1)")
    void stallSeconds(String value) {
        stallSeconds = positiveDouble("--stall-seconds", value);
    }

    @Option(names = "--startup-runs", paramLabel = "N", order = 11, description = "start-up timings per jar (default 3; smoke 1)")
    void startupRuns(String value) {
        startupRuns = positiveInt("--startup-runs", value, 1);
    }

    @Option(names = "--frames", paramLabel = "N", order = 12,
        description = "64-byte frames per pipelined frames run (default 2000000; smoke 2000)")
    void frames(String value) {
        frames = positive("--frames", value, 1);
    }

    @Option(names = "--large-frames", paramLabel = "N", order = 13,
        description = "64 KiB frames per pipelined frames run (default 20000; smoke 20)")
    void largeFrames(String value) {
        largeFrames = positive("--large-frames", value, 1);
    }

    @Option(names = "--clients", paramLabel = "N", order = 14,
        description = "concurrent clients of the frames mode's many-clients run (default 100)")
    void clients(String value) {
        clients = positiveInt("--clients", value, 1);
    }

    @Option(names = "--client-frames", paramLabel = "N", order = 15,
        description = "64-byte frames each client pipelines in the many-clients run (default 20000; smoke 20)")
    void clientFrames(String value) {
        clientFrames = positive("--client-frames", value, 1);
    }

    @Option(names = "--messages", paramLabel = "N", order = 16,
        description = "64-byte messages per endpoints run (default 1000000; smoke 2000)")
    void messages(String value) {
        messages = positive("--messages", value, 1);
    }

    @Option(names = "--large-messages", paramLabel = "N", order = 17,
        description = "1 KiB messages per endpoints run (default 200000; smoke 200)")
    void largeMessages(String value) {
        largeMessages = positive("--large-messages", value, 1);
    }

    @Option(names = "--restart-delays", paramLabel = "MS", order = 18,
        description = "comma-separated initial reconnect delays, in ms, of the endpoints mode's restart runs (default"
            + " 50,500; smoke 50)")
    void restartDelays(String value) {
        List<Duration> delays = new ArrayList<>();
        for (String token : value.split(",")) {
            if (!token.isBlank()) {
                delays.add(Duration.ofMillis(positive("--restart-delays", token, 1)));
            }
        }
        if (delays.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--restart-delays needs at least one delay, got '" + value + "'");
        }
        restartDelays = List.copyOf(delays);
    }

    @Option(names = "--datagrams", paramLabel = "N", order = 19,
        description = "datagrams sent per one-way run of the udp mode (default 300000; smoke 2000)")
    void datagrams(String value) {
        datagrams = positive("--datagrams", value, 1);
    }

    @Option(names = "--cluster-messages", paramLabel = "N", order = 20,
        description = "messages per fan-out run of the cluster mode, rounded up to a multiple of --cluster-ack-every"
            + " (default 100000; smoke 2000)")
    void clusterMessages(String value) {
        clusterMessages = positive("--cluster-messages", value, 1);
    }

    @Option(names = "--cluster-window", paramLabel = "N", order = 21,
        description = "messages a fan-out publisher may have unacknowledged by the subscriber (default 1000)")
    void clusterWindow(String value) {
        clusterWindow = positiveInt("--cluster-window", value, 1);
    }

    @Option(names = "--cluster-ack-every", paramLabel = "N", order = 22,
        description = "the subscriber acknowledges every N-th message of a fan-out run, at most --cluster-window"
            + " (default 100, or the window if smaller)")
    void clusterAckEvery(String value) {
        clusterAckEvery = positiveInt("--cluster-ack-every", value, 1);
    }

    @Option(names = "--cluster-controller-thread", order = 23, preprocessor = CommandLines.NoValue.class,
        description = "run the cluster mode's in-process controller on a Vert.x (a thread) of its own, not on the"
            + " node's event loop")
    boolean clusterControllerThread;

    @Option(names = "--demo-jar", paramLabel = "PATH", order = 24,
        description = "the echo-server jar (default echo-server/target/echo-server.jar)")
    void demoJar(String value) {
        demoJar = Path.of(value);
    }

    @Option(names = "--mock-jar", paramLabel = "PATH", order = 25,
        description = "the mock-controller jar (default mock-controller/target/mock-controller.jar)")
    void mockJar(String value) {
        mockJar = Path.of(value);
    }

    @Option(names = "--only", paramLabel = "LIST", order = 26,
        description = "comma-separated modes and/or servers to run, e.g. pipelined,a,c (modes: ping-pong, pipelined,"
            + " one-way, memory, start-up, codec, frames, endpoints, udp, cluster; servers: a-o or record, bytes, pull,"
            + " struct, json, message, netty, queue, vertx, gathered, datagram, datagram_text, datagram_socket, relay,"
            + " bus)")
    void only(String list) {
        for (String token : list.split(",")) {
            String t = token.trim();
            if (t.isEmpty()) {
                continue;
            }
            Mode m = Mode.find(t);
            if (m != null) {
                modes.add(m);
            } else {
                try {
                    servers.add(ServerKind.parse(t));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--only: '" + t + "' is neither a mode nor a server");
                }
            }
        }
    }

    @Option(names = "--child-jvm-flag", paramLabel = "F", order = 27,
        description = "one more JVM flag for every server child and the cluster mode's subscriber, e.g. for a profiler"
            + " (repeatable; added to -Xmx1g, or -Xmx64m in the memory mode)")
    void childJvmFlag(String flag) {
        childFlags.add(flag);
    }

    @Option(names = "--markdown", paramLabel = "FILE", order = 28,
        description = "also write the results as Markdown (for docs/performance.md)")
    void markdown(String value) {
        markdown = Path.of(value);
    }

    private long positive(String name, String value, long min) {
        long v;
        try {
            v = Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), name + " needs a whole number, got '" + value + "'");
        }
        if (v < min) {
            throw new ParameterException(spec.commandLine(), name + " must be at least " + min + ", got " + value);
        }
        return v;
    }

    private int positiveInt(String name, String value, int min) {
        long v = positive(name, value, min);
        if (v > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), name + " is too large: " + value);
        }
        return (int) v;
    }

    private double positiveDouble(String name, String value) {
        double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), name + " needs a number of seconds, got '" + value + "'");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ParameterException(spec.commandLine(), name + " must be positive, got " + value);
        }
        return v;
    }

    /**
     * The load program's command line, with the conventions of {@link CommandLines}.
     *
     * @param options the options that parsing sets
     * @param action  runs the program once the command line is good and no help was asked for
     * @return a new command line; {@code execute(args)} parses, prints help or the error, or runs the action
     */
    static CommandLine commandLine(LoadOptions options, IExecutionStrategy action) {
        return CommandLines.configure(new CommandLine(options), "tcpip-bench", parseResult -> {
            options.parsed(parseResult);
            return action.execute(parseResult);
        });
    }

    private void parsed(ParseResult parseResult) {
        args = Collections.unmodifiableList(new ArrayList<>(parseResult.originalArgs()));
        help = parseResult.isUsageHelpRequested();
        if (clusterAckEvery != null && clusterAckEvery > clusterWindow()) {
            // The publisher would wait for an acknowledgement that only comes after more than it may send.
            throw new ParameterException(spec.commandLine(), "--cluster-ack-every (" + clusterAckEvery()
                + ") must not be larger than --cluster-window (" + clusterWindow() + ")");
        }
    }

    /**
     * Parses a command line without running anything.
     *
     * @param args the arguments of {@code main}
     * @return the options
     * @throws IllegalArgumentException for a bad command line, with the message the program prints for it
     */
    public static LoadOptions parse(String... args) {
        LoadOptions o = new LoadOptions();
        try {
            o.parsed(CommandLines.parse(commandLine(o, parseResult -> 0), args));
        } catch (ParameterException e) {
            throw new IllegalArgumentException(CommandLines.message(e), e);
        }
        return o;
    }

    /**
     * {@return the text that {@code --help} prints}
     */
    public static String usage() {
        return commandLine(new LoadOptions(), parseResult -> 0).getUsageMessage();
    }

    /**
     * @param mode a mode
     * @return whether {@code --only} allows it (no mode in {@code --only}: every mode)
     */
    public boolean runs(Mode mode) {
        return modes.isEmpty() || modes.contains(mode);
    }

    /**
     * @param kind a server
     * @return whether {@code --only} allows it (no server in {@code --only}: every server)
     */
    public boolean runs(ServerKind kind) {
        return servers.isEmpty() || servers.contains(kind);
    }

    /** @return true for {@code --smoke} */
    public boolean smoke() {
        return smoke;
    }

    /** @return true for {@code -h} or {@code --help} */
    public boolean help() {
        return help;
    }

    /** @return measured rounds per mode */
    public int rounds() {
        return rounds != null ? rounds : smoke ? 1 : 5;
    }

    /** @return unmeasured rounds before them */
    public int warmup() {
        return warmup != null ? warmup : smoke ? 0 : 1;
    }

    /** @return seconds per ping-pong run */
    public double pingSeconds() {
        return pingSeconds != null ? pingSeconds : smoke ? 0.2 : 2;
    }

    /** @return lines per pipelined run */
    public long lines() {
        return lines != null ? lines : smoke ? 20_000 : 2_000_000;
    }

    /** @return structs per one-way run */
    public long structs() {
        return structs != null ? structs : smoke ? 20_000 : 4_000_000;
    }

    /** @return JSON lines per one-way run */
    public long jsonLines() {
        return jsonLines != null ? jsonLines : smoke ? 10_000 : 1_000_000;
    }

    /** @return one-way writes issued before waiting on the last one's future */
    public int batch() {
        return batch != null ? batch : 1000;
    }

    /** @return the memory flood's size in MiB */
    public long floodMb() {
        return floodMb != null ? floodMb : smoke ? 8 : 1024;
    }

    /** @return seconds without progress after which a flood has stalled */
    public double stallSeconds() {
        return stallSeconds != null ? stallSeconds : smoke ? 1 : 3;
    }

    /** @return start-up timings per jar */
    public int startupRuns() {
        return startupRuns != null ? startupRuns : smoke ? 1 : 3;
    }

    /** @return 64-byte frames per pipelined frames run */
    public long frames() {
        return frames != null ? frames : smoke ? 2_000 : 2_000_000;
    }

    /** @return 64 KiB frames per pipelined frames run */
    public long largeFrames() {
        return largeFrames != null ? largeFrames : smoke ? 20 : 20_000;
    }

    /** @return concurrent clients in the many-clients frames run */
    public int clients() {
        return clients != null ? clients : 100;
    }

    /** @return 64-byte frames per client in the many-clients frames run */
    public long clientFrames() {
        return clientFrames != null ? clientFrames : smoke ? 20 : 20_000;
    }

    /** @return 64-byte messages per throughput run of the endpoints mode */
    public long messages() {
        return messages != null ? messages : smoke ? 2_000 : 1_000_000;
    }

    /** @return 1 KiB messages per throughput run of the endpoints mode */
    public long largeMessages() {
        return largeMessages != null ? largeMessages : smoke ? 200 : 200_000;
    }

    /** @return the initial reconnect delays of the endpoints mode's restart runs */
    public List<Duration> restartDelays() {
        return restartDelays != null ? restartDelays : smoke ? List.of(Duration.ofMillis(50))
            : List.of(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    /** @return datagrams sent per one-way run of the udp mode */
    public long datagrams() {
        return datagrams != null ? datagrams : smoke ? 2_000 : 300_000;
    }

    /**
     * @return messages per fan-out run of the cluster mode, as given (the mode rounds it up to a multiple of
     *     {@link #clusterAckEvery()})
     */
    public long clusterMessages() {
        return clusterMessages != null ? clusterMessages : smoke ? 2_000 : 100_000;
    }

    /** @return the messages a fan-out publisher may have sent and not yet seen acknowledged */
    public int clusterWindow() {
        return clusterWindow != null ? clusterWindow : 1000;
    }

    /**
     * @return the subscriber acknowledges every this many messages of a fan-out run (unless given, 100 or the
     *     window if that is smaller)
     */
    public int clusterAckEvery() {
        return clusterAckEvery != null ? clusterAckEvery : Math.min(100, clusterWindow());
    }

    /**
     * @return whether the cluster mode's in-process controller runs on a Vert.x of its own (a thread of its own)
     *     rather than on the node's event loop, next to the relay
     */
    public boolean clusterControllerThread() {
        return clusterControllerThread;
    }

    /** @return the echo-server jar */
    public Path demoJar() {
        return demoJar;
    }

    /** @return the mock-controller jar */
    public Path mockJar() {
        return mockJar;
    }

    /** @return where to write Markdown, or null */
    public Path markdown() {
        return markdown;
    }

    /** @return extra JVM flags for every server child */
    public List<String> childFlags() {
        return Collections.unmodifiableList(childFlags);
    }

    /** @return the arguments as given */
    public List<String> args() {
        return args;
    }
}
