package dev.tcpip.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The load program's command line, parsed by hand. Options take their value as the next argument or
 * after {@code =}; {@code --smoke} changes the defaults of the others, whatever the order.
 */
public final class LoadOptions {
    /** The usage text printed by {@code --help}. */
    public static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java -jar tcpip-bench/target/tcpip-bench.jar [options]",
        "",
        "Socket load program: runs each server in a child JVM on 127.0.0.1 and drives it from plain",
        "sockets (or this project's Client for the sinks), alternating the servers round after round, and",
        "prints medians, min-max and ratios. Run it from the repository root after",
        "'mvn -B -q package -DskipTests'. Progress goes to stderr, the table to stdout.",
        "",
        "Servers: (a) record: bare Vert.x RecordParser echo; (b) bytes: bare Vert.x pipeTo echo;",
        "  (c) pull: this project's EchoServer; (d) struct: Sample32 sink (Structs.readInto);",
        "  (e) json: JSON-line sink (readJson).",
        "Modes: ping-pong and pipelined on (a) (b) (c); one-way on (d) (e); memory on (c) (d) (e);",
        "  start-up of the echo-server and mock-controller jars; codec: JMH, one Sample32 encoded and",
        "  decoded through tcpip-struct (javolution) and by a hand-written codec.",
        "",
        "Options:",
        "  --smoke               seconds-long run of every server and mode, for CI: 1 round, no warm-up,",
        "                        tiny counts, an 8 MB flood, start-up timed once",
        "  --rounds N            measured rounds per mode (default 5; smoke 1)",
        "  --warmup N            unmeasured rounds first (default 1; smoke 0)",
        "  --ping-seconds S      length of one ping-pong run (default 2; smoke 0.2)",
        "  --lines N             64-byte lines per pipelined run (default 2000000; smoke 20000)",
        "  --structs N           structs per one-way run (default 4000000; smoke 20000)",
        "  --json-lines N        JSON lines per one-way run (default 1000000; smoke 10000)",
        "  --batch N             one-way writes issued before waiting on the last one's future (default 1000)",
        "  --flood-mb N          memory flood size in MiB (default 1024; smoke 8)",
        "  --stall-seconds S     a flood with no progress for this long has stalled (default 3; smoke 1)",
        "  --startup-runs N      start-up timings per jar (default 3; smoke 1)",
        "  --demo-jar PATH       the echo-server jar (default echo-server/target/echo-server.jar)",
        "  --mock-jar PATH       the mock-controller jar (default mock-controller/target/mock-controller.jar)",
        "  --only LIST           comma-separated modes and/or servers to run, e.g. pipelined,a,c",
        "                        (modes: ping-pong, pipelined, one-way, memory, start-up, codec; servers: a-e or",
        "                        record, bytes, pull, struct, json)",
        "  --child-jvm-flag F    one more JVM flag for every server child, e.g. for a profiler",
        "                        (repeatable; added to -Xmx1g, or -Xmx64m in the memory mode)",
        "  --markdown FILE       also write the results as Markdown (for docs/performance.md)",
        "  -h, --help            print this help and exit",
        "",
        "Exit status:",
        "  0    every run gave a number, or after --help",
        "  1    a run failed (wrong or lost echo, wrong checksum, dead child, missing answer)",
        "  2    a bad command line",
        "  130  interrupted by Ctrl-C (SIGINT); the server children are killed",
        "  143  interrupted by SIGTERM; the server children are killed");

    /** The options that take a value (every other but --smoke and -h/--help is unknown). */
    private static final Set<String> VALUE_OPTIONS = Set.of("--rounds", "--warmup", "--ping-seconds", "--lines",
        "--structs", "--json-lines", "--batch", "--flood-mb", "--stall-seconds", "--startup-runs", "--demo-jar",
        "--mock-jar", "--markdown", "--only", "--child-jvm-flag");

    private boolean smoke;
    private boolean help;
    private int rounds = 5;
    private int warmup = 1;
    private double pingSeconds = 2;
    private long lines = 2_000_000;
    private long structs = 4_000_000;
    private long jsonLines = 1_000_000;
    private int batch = 1000;
    private long floodMb = 1024;
    private double stallSeconds = 3;
    private int startupRuns = 3;
    private Path demoJar = Path.of("echo-server", "target", "echo-server.jar");
    private Path mockJar = Path.of("mock-controller", "target", "mock-controller.jar");
    private Path markdown;
    private final List<String> childFlags = new ArrayList<>();
    private final Set<Mode> modes = EnumSet.noneOf(Mode.class);
    private final Set<ServerKind> servers = EnumSet.noneOf(ServerKind.class);
    private List<String> args = List.of();

    private LoadOptions() {
    }

    /**
     * Parses the command line.
     *
     * @param args the arguments of {@code main}
     * @return the options
     * @throws IllegalArgumentException for an unknown option, a missing or bad value
     */
    public static LoadOptions parse(String... args) {
        Objects.requireNonNull(args, "args");
        LoadOptions o = new LoadOptions();
        o.args = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(args)));
        if (o.args.contains("--smoke")) {
            o.smoke = true;
            o.rounds = 1;
            o.warmup = 0;
            o.pingSeconds = 0.2;
            o.lines = 20_000;
            o.structs = 20_000;
            o.jsonLines = 10_000;
            o.floodMb = 8;
            o.stallSeconds = 1;
            o.startupRuns = 1;
        }
        for (int i = 0; i < args.length; i++) {
            String arg = Objects.requireNonNull(args[i], "argument");
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--smoke") || name.equals("-h") || name.equals("--help")) {
                if (value != null) {
                    throw new IllegalArgumentException(name + " takes no value");
                }
                o.help |= !name.equals("--smoke");
                continue;
            }
            if (!VALUE_OPTIONS.contains(name)) {
                if (arg.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option: " + name);   // without any "=value"
                }
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--rounds": o.rounds = positiveInt(name, value, 1); break;
                case "--warmup": o.warmup = positiveInt(name, value, 0); break;
                case "--ping-seconds": o.pingSeconds = positiveDouble(name, value); break;
                case "--lines": o.lines = positive(name, value, 1); break;
                case "--structs": o.structs = positive(name, value, 1); break;
                case "--json-lines": o.jsonLines = positive(name, value, 1); break;
                case "--batch": o.batch = positiveInt(name, value, 1); break;
                case "--flood-mb": o.floodMb = positive(name, value, 1); break;
                case "--stall-seconds": o.stallSeconds = positiveDouble(name, value); break;
                case "--startup-runs": o.startupRuns = positiveInt(name, value, 1); break;
                case "--demo-jar": o.demoJar = Path.of(value); break;
                case "--mock-jar": o.mockJar = Path.of(value); break;
                case "--markdown": o.markdown = Path.of(value); break;
                case "--only": o.only(value); break;
                case "--child-jvm-flag": o.childFlags.add(value); break;
                default:
                    throw new IllegalStateException("an option of VALUE_OPTIONS is not handled: " + name);
            }
        }
        return o;
    }

    private void only(String list) {
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
                    throw new IllegalArgumentException("--only: '" + t + "' is neither a mode nor a server");
                }
            }
        }
    }

    private static long positive(String name, String value, long min) {
        long v;
        try {
            v = Long.parseLong(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'");
        }
        if (v < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
        return v;
    }

    private static int positiveInt(String name, String value, int min) {
        long v = positive(name, value, min);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is too large: " + value);
        }
        return (int) v;
    }

    private static double positiveDouble(String name, String value) {
        double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number of seconds, got '" + value + "'");
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return v;
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
        return rounds;
    }

    /** @return unmeasured rounds before them */
    public int warmup() {
        return warmup;
    }

    /** @return seconds per ping-pong run */
    public double pingSeconds() {
        return pingSeconds;
    }

    /** @return lines per pipelined run */
    public long lines() {
        return lines;
    }

    /** @return structs per one-way run */
    public long structs() {
        return structs;
    }

    /** @return JSON lines per one-way run */
    public long jsonLines() {
        return jsonLines;
    }

    /** @return one-way writes issued before waiting on the last one's future */
    public int batch() {
        return batch;
    }

    /** @return the memory flood's size in MiB */
    public long floodMb() {
        return floodMb;
    }

    /** @return seconds without progress after which a flood has stalled */
    public double stallSeconds() {
        return stallSeconds;
    }

    /** @return start-up timings per jar */
    public int startupRuns() {
        return startupRuns;
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
