package dev.tcpip.mock;

import dev.tcpip.core.Tcpip;
import dev.tcpip.launcher.CommandLines;
import io.vertx.core.Vertx;
import javolution.io.Struct;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The drive client's command line, {@code java -jar mock-controller.jar drive [--host H] [--port N]
 * [--configure V R] [--move AZ EL] [--stop] [--samples N] [--timeout S]}, and running it: the commands are
 * sent in the order given, and may repeat. picocli fills it in (it is the {@code drive} subcommand of the
 * controller's command line); {@link Drive#run} reads it.
 */
@Command(name = Main.DRIVE,
    description = "Connects to a mock telescope controller, sends the commands in the order given (each waits for its"
        + " ack), prints each ack, then prints the next N telemetry samples, and disconnects.",
    footer = {
        "Output, one line each on stdout:",
        "  ack <command> seq=<n> <RESULT> \"<text>\"",
        "  telemetry #<n> az=<deg> el=<deg> vel=(<az>, <el>) target=(<az>, <el>) state=<STATE>",
        "    in_position=<bool>   (on the same line)"},
    exitCodeList = {
        "0:every command was accepted, or after --help",
        "1:the controller cannot be reached, closes the connection or does not answer in time",
        "2:bad arguments",
        "3:a command was rejected (its ack says why)",
        "130:interrupted by Ctrl-C (SIGINT)",
        "143:interrupted by SIGTERM"})
public final class DriveCommand implements Callable<Integer> {
    /** Samples printed when {@code --samples} is not given. */
    public static final int DEFAULT_SAMPLES = 5;
    /** The overall deadline when {@code --timeout} is not given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** How long closing Vert.x may take after the run, on top of the timeout. */
    private static final long CLOSE_SECONDS = 5;

    @Spec
    CommandSpec spec;

    private String host = Tcpip.DEFAULT_LOCALHOST;
    private int port = MockController.DEFAULT_PORT;
    private final List<Struct> commands = new ArrayList<>();
    private int samples = DEFAULT_SAMPLES;
    private Duration timeout = DEFAULT_TIMEOUT;

    // The command options: CommandOption reads their values, in order, into the command list.
    @Option(names = "--configure", paramLabel = "V R", arity = "2", order = 3, preprocessor = CommandOption.class,
        description = "set the slew velocity to V deg/s and the telemetry rate to R Hz")
    List<String> configure;
    @Option(names = "--move", paramLabel = "AZ EL", arity = "2", order = 4, preprocessor = CommandOption.class,
        description = "slew to azimuth AZ, elevation EL (degrees)")
    List<String> move;
    @Option(names = "--stop", order = 5, preprocessor = CommandOption.class, description = "stop both axes")
    boolean stop;

    /** Creates the command with the defaults; picocli sets what the command line gives. */
    public DriveCommand() {
    }

    @Option(names = "--host", paramLabel = "H", order = 1,
        description = "controller address (default " + Tcpip.DEFAULT_LOCALHOST + ")")
    void host(String value) {
        host = CommandLines.parseHost(spec, value);
    }

    @Option(names = "--port", paramLabel = "N", order = 2,
        description = "controller port, 1..65535 (default " + MockController.DEFAULT_PORT + ")")
    void port(String value) {
        port = CommandLines.parsePort(spec, value, 1);
    }

    @Option(names = "--samples", paramLabel = "N", order = 6,
        description = "telemetry samples to print after the commands (default " + DEFAULT_SAMPLES + ")")
    void samples(String value) {
        samples = CommandLines.parseInt(spec, "--samples", value, 0, 100_000);
    }

    @Option(names = "--timeout", paramLabel = "S", order = 7, description = "give up after S seconds in all (default 10)")
    void timeout(String value) {
        double seconds = number(spec, "--timeout", value);
        if (!(seconds > 0 && seconds <= 3600)) {
            throw new ParameterException(spec.commandLine(),
                "--timeout must be above 0 and at most 3600 seconds, got " + value);
        }
        timeout = Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    /**
     * Reads {@code --configure V R}, {@code --move AZ EL} and {@code --stop} where they stand on the command
     * line, so that the commands keep their order, whatever the option: {@code --move 1 2 --stop --move 3 4}.
     */
    static final class CommandOption implements IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
            DriveCommand drive = (DriveCommand) commandSpec.userObject();
            String name = CommandLines.name(argSpec);
            if ("=".equals(info.get("separator"))) {
                throw new ParameterException(commandSpec.commandLine(), name + " takes its values as separate arguments");
            }
            switch (name) {
                case "--stop":
                    drive.commands.add(StopCommand.of(MockProtocol.AXIS_BOTH));
                    break;
                case "--move": {
                    String[] v = two(args, commandSpec, name);
                    drive.commands.add(MoveCommand.of(number(commandSpec, name, v[0]), number(commandSpec, name, v[1])));
                    break;
                }
                case "--configure": {
                    String[] v = two(args, commandSpec, name);
                    double velocity = number(commandSpec, name, v[0]);
                    int hz;
                    try {
                        hz = Integer.parseInt(v[1].trim());
                    } catch (NumberFormatException e) {
                        throw new ParameterException(commandSpec.commandLine(),
                            name + " needs a number in 0..65535, got '" + v[1] + "'");
                    }
                    if (hz < 0 || hz > 0xFFFF) {
                        throw new ParameterException(commandSpec.commandLine(),
                            name + " rate must fit in uint16_t (0..65535), got " + hz);
                    }
                    drive.commands.add(ConfigureCommand.of(velocity, hz));
                    break;
                }
                default:
                    throw new IllegalStateException("not a command option: " + name);
            }
            return true;   // consumed: picocli does not process the option itself
        }

        private static String[] two(Stack<String> args, CommandSpec spec, String option) {
            if (args.size() < 2) {
                throw new ParameterException(spec.commandLine(), option + " needs two values");
            }
            return new String[] {args.pop(), args.pop()};
        }
    }

    private static double number(CommandSpec spec, String option, String value) {
        double d;
        try {
            d = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), option + " needs numbers, got '" + value + "'");
        }
        if (!Double.isFinite(d)) {
            throw new ParameterException(spec.commandLine(), option + " needs finite numbers, got '" + value + "'");
        }
        return d;
    }

    /**
     * Runs the drive client on a new Vert.x instance, printing each line on stdout.
     *
     * @return the exit status: {@link Drive#EXIT_OK}, {@link Drive#EXIT_REJECTED} or {@link Drive#EXIT_FAILED}
     *     (with a one-line reason on stderr)
     */
    @Override
    public Integer call() {
        Vertx vertx = Vertx.vertx();
        try {
            long deadline = timeout.toMillis() + TimeUnit.SECONDS.toMillis(CLOSE_SECONDS);
            int status = Drive.run(vertx, this, line -> {
                System.out.println(line);
                System.out.flush();
            }).toCompletionStage().toCompletableFuture().get(deadline, TimeUnit.MILLISECONDS);
            if (status == Drive.EXIT_REJECTED) {
                System.err.println("mock-controller drive: a command was rejected");
            }
            return status;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String m = cause.getMessage();
            System.err.println("mock-controller drive: " + (m == null || m.isBlank() ? cause.getClass().getSimpleName() : m));
            return Drive.EXIT_FAILED;
        } catch (TimeoutException e) {
            System.err.println("mock-controller drive: no result within " + timeout.toSeconds() + " s");
            return Drive.EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Drive.EXIT_FAILED;
        } finally {
            System.err.flush();
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // exiting anyway
            }
        }
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
        return Collections.unmodifiableList(commands);
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
}
