package dev.tcpip.launcher;

import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.Tcpip;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.RunLast;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Runs a server, a {@link OneClientServer} or any other verticle that listens on a port, as a program:
 * {@code java -jar my-server.jar [--host H] [--port N] [its own options]}.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     ServerLauncher.program("echo-server")
 *         .runningLine("Echo server running on port ")
 *         .defaultPort(5000)
 *         .launch(args, new EchoCommand(), at -> new EchoServer(at.host(), at.port()));
 * }
 * }</pre>
 *
 * <p>The command line is parsed by picocli with the conventions of {@link CommandLines}. The program gives
 * an object annotated with picocli's {@code @Command} (its description, a footer, subcommands) and
 * {@code @Option} (its own options, in the help by their {@code order}); the launcher adds, before them, {@code --host H}
 * (default {@code 127.0.0.1}; {@code [::1]} may be given in brackets) and {@code --port N} (0..65535; 0
 * picks a free port), and after them {@code -h, --help}. {@code --help} also says what the program prints
 * and how it stops, and ends with the exit statuses below.
 *
 * <p>Once the command line is good, the launcher creates the server from the {@link ListenAddress},
 * deploys it on a new Vert.x instance and, once it listens, prints exactly one line on stdout, the running
 * line with the real port ({@code Echo server running on port 40123}), and nothing else there ever; logs
 * go to stderr (through SLF4J: the program's logging configuration says where). A JVM shutdown hook stops
 * it on SIGTERM or SIGINT (Ctrl-C) by closing Vert.x, which undeploys the server and releases the port,
 * waiting at most the stop timeout (5 s unless set). A subcommand given instead (picocli's
 * {@code subcommands}, each a {@code Callable<Integer>} or a {@code Runnable}) runs instead of the server.
 *
 * <p>Exit status:
 * <ul>
 *   <li>{@value CommandLines#EXIT_OK} after {@code --help};</li>
 *   <li>{@value #EXIT_CANNOT_LISTEN} if the server cannot listen (port in use, unknown host...): one line on
 *       stderr, {@code echo-server: cannot listen on 127.0.0.1:5000: Address already in use};</li>
 *   <li>{@value #EXIT_USAGE} for a bad command line: two lines on stderr, see {@link CommandLines}; also when
 *       the server factory throws picocli's {@code ParameterException} for options it refuses together
 *       ({@code echo-server: --framing length needs --clients many}), before Vert.x is made;</li>
 *   <li>{@value #EXIT_SIGINT} after SIGINT and {@value #EXIT_SIGTERM} after SIGTERM (the JVM's statuses
 *       for those signals), once Vert.x has closed;</li>
 *   <li>0 if the server ends by itself, without a signal; a subcommand's own status.</li>
 * </ul>
 *
 * <p>A launcher is configured once, then {@link #launch launched} once, from {@code main}.
 */
public final class ServerLauncher {
    /** Exit status for a server that could not start listening (port in use, unknown host...). */
    public static final int EXIT_CANNOT_LISTEN = 1;
    /** Exit status for a bad command line. */
    public static final int EXIT_USAGE = CommandLines.EXIT_USAGE;
    /** Exit status after SIGINT (Ctrl-C): the JVM's, 128 + 2, once the shutdown hook has closed Vert.x. */
    public static final int EXIT_SIGINT = 130;
    /** Exit status after SIGTERM: the JVM's, 128 + 15, once the shutdown hook has closed Vert.x. */
    public static final int EXIT_SIGTERM = 143;
    /** How long deploying the server may take, unless set: 30 s. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    /** How long the shutdown hook waits for Vert.x to close, unless set: 5 s. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

    /** The {@code order} of --host; --port's is one more: before any option of the program. */
    private static final int FIRST_ORDER = -1000;

    private final String program;
    private String command;
    private String title;
    private String runningLine;
    private String defaultHost = Tcpip.DEFAULT_LOCALHOST;
    private int defaultPort;
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;

    private ServerLauncher(String program) {
        this.program = requireText(program, "program");
    }

    /**
     * Starts configuring the launcher of a program.
     *
     * @param name the program's name, which starts its error messages ({@code echo-server: unknown option:
     *             --bogus}); it also gives the defaults of {@link #command}, {@link #title} and
     *             {@link #runningLine}
     * @return a launcher to configure
     */
    public static ServerLauncher program(String name) {
        return new ServerLauncher(name);
    }

    /**
     * Sets how the user runs the program, as the usage and the hint after an error show it.
     *
     * @param command the command, {@code java -jar NAME.jar} unless set
     * @return this launcher
     */
    public ServerLauncher command(String command) {
        this.command = requireText(command, "command");
        return this;
    }

    /**
     * Sets what the logs call the server: {@code Stopping the echo server}, {@code Echo server stopped}.
     *
     * @param title the server's name in a sentence, such as {@code echo server}; the program's name unless set
     * @return this launcher
     */
    public ServerLauncher title(String title) {
        this.title = requireText(title, "title");
        return this;
    }

    /**
     * Sets the line printed on stdout once the server listens, before the port number.
     *
     * @param prefix the text before the port, such as {@code "Echo server running on port "};
     *               {@code "NAME running on port "} unless set
     * @return this launcher
     */
    public ServerLauncher runningLine(String prefix) {
        this.runningLine = requireText(prefix, "prefix");
        return this;
    }

    /**
     * Sets the address listened on when {@code --host} is not given.
     *
     * @param host the default address, {@value Tcpip#DEFAULT_LOCALHOST} unless set
     * @return this launcher
     */
    public ServerLauncher defaultHost(String host) {
        this.defaultHost = requireText(host, "host");
        return this;
    }

    /**
     * Sets the port listened on when {@code --port} is not given.
     *
     * @param port the default port, 0..65535 (0, any free port, unless set)
     * @return this launcher
     * @throws IllegalArgumentException if not in 0..65535
     */
    public ServerLauncher defaultPort(int port) {
        this.defaultPort = new ListenAddress(defaultHost, port).port();
        return this;
    }

    /**
     * Sets how long deploying the server may take before the program gives up (exit status 1).
     *
     * @param timeout positive; {@link #DEFAULT_START_TIMEOUT} unless set
     * @return this launcher
     */
    public ServerLauncher startTimeout(Duration timeout) {
        this.startTimeout = requirePositive(timeout);
        return this;
    }

    /**
     * Sets how long the shutdown hook waits for Vert.x to close (a client that never reads can keep its
     * socket from closing) before letting the JVM exit anyway.
     *
     * @param timeout positive; {@link #DEFAULT_STOP_TIMEOUT} unless set
     * @return this launcher
     */
    public ServerLauncher stopTimeout(Duration timeout) {
        this.stopTimeout = requirePositive(timeout);
        return this;
    }

    /**
     * Runs a {@link OneClientServer} as the program, then ends the JVM with the exit status (see the class
     * description). The program also exits, with status 0, if the server ends without a signal.
     *
     * @param args    the arguments of {@code main}
     * @param options the program's picocli {@code @Command} object: description, own options, subcommands;
     *                its options are set before {@code server} is called
     * @param server  creates the server to listen at the address given; called once, after parsing, before
     *                Vert.x is made; it may throw picocli's {@link ParameterException} to refuse a combination of
     *                options, which is then reported as a bad command line (status {@value #EXIT_USAGE})
     */
    public void launch(String[] args, Object options, Function<ListenAddress, ? extends OneClientServer> server) {
        Objects.requireNonNull(server, "server");
        run(args, options, server, OneClientServer::port, OneClientServer::doneFuture);
    }

    /**
     * Runs any verticle that listens on a port as the program, then ends the JVM with the exit status (see
     * the class description). The program runs until a signal stops it.
     *
     * @param <S>     the verticle's type
     * @param args    the arguments of {@code main}
     * @param options the program's picocli {@code @Command} object: description, own options, subcommands;
     *                its options are set before {@code server} is called
     * @param server  creates the verticle to listen at the address given; called once, after parsing, before
     *                Vert.x is made; it may throw picocli's {@link ParameterException} to refuse a combination of
     *                options, which is then reported as a bad command line (status {@value #EXIT_USAGE})
     * @param port    gives the port the verticle listens on, once deployed (the real one when 0 was asked)
     */
    public <S extends Deployable> void launch(String[] args, Object options, Function<ListenAddress, S> server,
                                              ToIntFunction<? super S> port) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(port, "port");
        run(args, options, server, port, s -> null);
    }

    /**
     * The command line that {@link #launch} parses: the program's options with {@code --host}, {@code --port}
     * and {@code -h, --help} added, and the conventions of {@link CommandLines}. For tests of a program's
     * command line and for its usage text ({@link CommandLine#getUsageMessage()}); executing it runs a
     * subcommand, if one is given, but never the server.
     *
     * @param options the program's picocli {@code @Command} object
     * @return a new command line; after parsing, {@link #listenAddress(CommandLine)} gives its address
     */
    public CommandLine commandLine(Object options) {
        return build(options, parseResult -> parseResult.subcommand() != null
            ? new RunLast().execute(parseResult) : CommandLines.EXIT_OK);
    }

    /**
     * The address that a command line made by {@link #commandLine(Object)} was given, or its defaults.
     *
     * @param commandLine a command line made by {@link #commandLine(Object)}, parsed
     * @return its {@code --host} and {@code --port}
     * @throws IllegalArgumentException if the command line was not made by a launcher
     */
    public static ListenAddress listenAddress(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        OptionSpec host = spec.findOption("--host");
        OptionSpec port = spec.findOption("--port");
        if (host == null || port == null || !(host.userObject() instanceof Listen)) {
            throw new IllegalArgumentException("not a command line made by ServerLauncher.commandLine");
        }
        return ((Listen) host.userObject()).address();
    }

    private <S extends Deployable> void run(String[] args, Object options, Function<ListenAddress, S> server,
                                            ToIntFunction<? super S> port, Function<? super S, Future<?>> done) {
        Objects.requireNonNull(args, "args");
        ServerRun serverRun = new ServerRun(program, title(), runningLine(), startTimeout, stopTimeout);
        CommandLine cl = build(options, parseResult -> parseResult.subcommand() != null
            ? new RunLast().execute(parseResult)
            : serverRun.serve(listenAddress(parseResult.commandSpec().commandLine()), server, port, done));
        serverRun.exit(cl.execute(args));
    }

    private CommandLine build(Object options, IExecutionStrategy action) {
        Objects.requireNonNull(options, "options");
        CommandLine cl = new CommandLine(options);
        CommandSpec spec = cl.getCommandSpec();
        spec.name(command());
        // --host and --port first, then the program's own options (-h, --help comes last, from CommandLines).
        Listen listen = new Listen(spec, defaultHost, defaultPort);
        spec.addOption(OptionSpec.builder("--host").paramLabel("H").type(String.class).order(FIRST_ORDER)
            .initialValue(defaultHost)
            .description("address to listen on (default " + defaultHost + "; 0.0.0.0 for every interface)")
            .userObject(listen).getter(listen.hostGetter()).setter(listen.hostSetter()).build());
        spec.addOption(OptionSpec.builder("--port").paramLabel("N").type(String.class).order(FIRST_ORDER + 1)
            .initialValue(Integer.toString(defaultPort))
            .description("port to listen on, 0..65535 (default " + defaultPort + "; 0 picks a free port)")
            .userObject(listen).getter(listen.portGetter()).setter(listen.portSetter()).build());

        UsageMessageSpec usage = spec.usageMessage();
        List<String> footer = new ArrayList<>();
        footer.add("Once listening it prints one line on stdout, \"" + runningLine() + "N\", with the real port;"
            + " logs go to stderr. Stop it with Ctrl-C or SIGTERM: it closes Vert.x (waiting at most "
            + ServerRun.seconds(stopTimeout) + "), which releases the port, and exits.");
        footer.addAll(List.of(usage.footer()));
        usage.footer(footer.toArray(new String[0]));
        Map<String, String> exitCodes = new LinkedHashMap<>();
        exitCodes.put(Integer.toString(CommandLines.EXIT_OK), "after --help");
        exitCodes.put(Integer.toString(EXIT_CANNOT_LISTEN), "it cannot listen (port in use, unknown host...)");
        exitCodes.put(Integer.toString(EXIT_USAGE), "bad arguments");
        exitCodes.put(Integer.toString(EXIT_SIGINT),
            "stopped by Ctrl-C (SIGINT), once Vert.x has closed and the port is released");
        exitCodes.put(Integer.toString(EXIT_SIGTERM), "stopped by SIGTERM, once Vert.x has closed and the port is released");
        usage.exitCodeList(exitCodes);
        return CommandLines.configure(cl, program, action);
    }

    private String command() {
        return command != null ? command : "java -jar " + program + ".jar";
    }

    private String title() {
        return title != null ? title : program;
    }

    private String runningLine() {
        return runningLine != null ? runningLine : program + " running on port ";
    }

    private static String requireText(String s, String what) {
        if (Objects.requireNonNull(s, what).isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return s;
    }

    private static Duration requirePositive(Duration d) {
        if (Objects.requireNonNull(d, "timeout").isNegative() || d.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + d);
        }
        return d;
    }

    /** The values of --host and --port of one command line, set by picocli through the options' setters. */
    private static final class Listen {
        private final CommandSpec spec;
        private String host;
        private int port;

        Listen(CommandSpec spec, String host, int port) {
            this.spec = spec;
            this.host = host;
            this.port = port;
        }

        ListenAddress address() {
            return new ListenAddress(host, port);
        }

        IGetter hostGetter() {
            return new IGetter() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> T get() {
                    return (T) host;
                }
            };
        }

        ISetter hostSetter() {
            return new ISetter() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> T set(T value) {
                    String old = host;
                    host = CommandLines.parseHost(spec, (String) value);
                    return (T) old;
                }
            };
        }

        IGetter portGetter() {
            return new IGetter() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> T get() {
                    return (T) Integer.toString(port);
                }
            };
        }

        ISetter portSetter() {
            return new ISetter() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> T set(T value) {
                    String old = Integer.toString(port);
                    port = CommandLines.parsePort(spec, (String) value, 0);
                    return (T) old;
                }
            };
        }
    }
}
