package dev.tcpip.mock;

import dev.tcpip.core.Tcpip;
import javolution.io.Struct;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The drive client's command line (after the word {@code drive}): {@code [--host H] [--port N]
 * [--configure V R] [--move AZ EL] [--stop] [--samples N] [--timeout S] [-h|--help]}. Commands are sent in
 * the order given, and may repeat.
 */
public final class DriveArguments {
    /** The usage text printed by {@code drive --help}. */
    public static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java -jar mock-controller.jar drive [--host H] [--port N] [--configure V R] [--move AZ EL]",
        "                                            [--stop] [--samples N] [--timeout S]",
        "",
        "Connects to a mock telescope controller, sends the commands in the order given (each waits for",
        "its ack), prints each ack, then prints the next N telemetry samples, and disconnects.",
        "",
        "Options:",
        "  --host H           controller address (default " + Tcpip.DEFAULT_LOCALHOST + ")",
        "  --port N           controller port, 1..65535 (default " + MockController.DEFAULT_PORT + ")",
        "  --configure V R    set the slew velocity to V deg/s and the telemetry rate to R Hz",
        "  --move AZ EL       slew to azimuth AZ, elevation EL (degrees)",
        "  --stop             stop both axes",
        "  --samples N        telemetry samples to print after the commands (default " + 5 + ")",
        "  --timeout S        give up after S seconds in all (default 10)",
        "  -h, --help         print this help and exit",
        "",
        "Output, one line each on stdout:",
        "  ack <command> seq=<n> <RESULT> \"<text>\"",
        "  telemetry #<n> az=<deg> el=<deg> vel=(<az>, <el>) target=(<az>, <el>) state=<STATE> in_position=<bool>",
        "",
        "Exit status:",
        "  0    every command was accepted, or after --help",
        "  1    the controller cannot be reached, closes the connection or does not answer in time",
        "  2    bad arguments",
        "  3    a command was rejected (its ack says why)",
        "  130  interrupted by Ctrl-C (SIGINT)",
        "  143  interrupted by SIGTERM");

    /** Samples printed when {@code --samples} is not given. */
    public static final int DEFAULT_SAMPLES = 5;
    /** The overall deadline when {@code --timeout} is not given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final List<Struct> commands;
    private final int samples;
    private final Duration timeout;
    private final boolean help;

    private DriveArguments(String host, int port, List<Struct> commands, int samples, Duration timeout,
                           boolean help) {
        this.host = host;
        this.port = port;
        this.commands = Collections.unmodifiableList(commands);
        this.samples = samples;
        this.timeout = timeout;
        this.help = help;
    }

    /**
     * Parses the drive client's arguments (without the leading {@code drive}).
     *
     * @param args the arguments
     * @return the parsed arguments
     * @throws UsageException for an unknown option, a missing or bad value, or a stray argument
     */
    public static DriveArguments parse(String... args) throws UsageException {
        Objects.requireNonNull(args, "args");
        String host = Tcpip.DEFAULT_LOCALHOST;
        int port = MockController.DEFAULT_PORT;
        List<Struct> commands = new ArrayList<>();
        int samples = DEFAULT_SAMPLES;
        Duration timeout = DEFAULT_TIMEOUT;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = Objects.requireNonNull(args[i], "argument");
            String[] nv = Options.split(arg);
            String name = nv[0];
            String value = nv[1];
            switch (name) {
                case "-h":
                case "--help":
                    noValue(name, value);
                    help = true;
                    break;
                case "--host":
                    host = Options.host(value != null ? value : Options.valueOf(args, i++, name));
                    break;
                case "--port":
                    port = Options.port(value != null ? value : Options.valueOf(args, i++, name), 1);
                    break;
                case "--move": {
                    noValue(name, value);
                    double az = Options.number(name, two(args, i, name)[0]);
                    double el = Options.number(name, two(args, i, name)[1]);
                    i += 2;
                    commands.add(MoveCommand.of(az, el));
                    break;
                }
                case "--configure": {
                    noValue(name, value);
                    double velocity = Options.number(name, two(args, i, name)[0]);
                    int hz = Options.integer(name, two(args, i, name)[1], "0..65535");
                    if (hz < 0 || hz > 0xFFFF) {
                        throw new UsageException(name + " rate must fit in uint16_t (0..65535), got " + hz);
                    }
                    i += 2;
                    commands.add(ConfigureCommand.of(velocity, hz));
                    break;
                }
                case "--stop":
                    noValue(name, value);
                    commands.add(StopCommand.of(MockProtocol.AXIS_BOTH));
                    break;
                case "--samples": {
                    String v = value != null ? value : Options.valueOf(args, i++, name);
                    samples = Options.integer(name, v, "0..100000");
                    if (samples < 0 || samples > 100_000) {
                        throw new UsageException(name + " must be in 0..100000, got " + samples);
                    }
                    break;
                }
                case "--timeout": {
                    String v = value != null ? value : Options.valueOf(args, i++, name);
                    double seconds = Options.number(name, v);
                    if (!(seconds > 0 && seconds <= 3600)) {
                        throw new UsageException(name + " must be above 0 and at most 3600 seconds, got " + v);
                    }
                    timeout = Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
                    break;
                }
                default:
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option: " + name);   // without any "=value"
                    }
                    throw new UsageException("unexpected argument: " + arg);
            }
        }
        return new DriveArguments(host, port, commands, samples, timeout, help);
    }

    private static void noValue(String name, String value) throws UsageException {
        if (value != null) {
            throw new UsageException(name + " takes its values as separate arguments");
        }
    }

    private static String[] two(String[] args, int i, String option) throws UsageException {
        if (i + 2 >= args.length) {
            throw new UsageException(option + " needs two values");
        }
        return new String[] {args[i + 1], args[i + 2]};
    }

    /**
     * {@return the controller's address}
     */
    public String host() {
        return host;
    }

    /**
     * {@return the controller's port}
     */
    public int port() {
        return port;
    }

    /**
     * {@return the command bodies to send, in order ({@link MoveCommand}, {@link StopCommand},
     *     {@link ConfigureCommand})}
     */
    public List<Struct> commands() {
        return commands;
    }

    /**
     * {@return how many telemetry samples to print after the commands}
     */
    public int samples() {
        return samples;
    }

    /**
     * {@return the deadline for the whole run}
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * {@return true if {@code -h} or {@code --help} was given}
     */
    public boolean help() {
        return help;
    }
}
