package dev.tcpip.mock;

import dev.tcpip.core.Tcpip;

import java.util.Objects;

/**
 * The controller's command line, parsed by hand: {@code [--host H] [--port N] [--telemetry-hz R]
 * [-h|--help]}. Options also take the {@code --name=value} form; a later option overrides an earlier one.
 * ({@code drive ...} is the client's: see {@link DriveArguments}.)
 */
public final class Arguments {
    /** The usage text printed by {@code --help}. */
    public static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java -jar mock-controller.jar [--host H] [--port N] [--telemetry-hz R]",
        "       java -jar mock-controller.jar drive [--host H] [--port N] [--configure V R] [--move AZ EL]",
        "                                            [--stop] [--samples N] [--timeout S]",
        "",
        "A mock telescope mount controller that speaks C structs over TCP (docs/structs.md, \"The mock",
        "telescope controller\", has the wire format). One client at a time sends move, stop and configure",
        "commands and gets an ack for each, while telemetry streams to it at R Hz. Other clients are accepted",
        "and closed at once.",
        "",
        "Options:",
        "  --host H          address to listen on (default " + Tcpip.DEFAULT_LOCALHOST
            + "; 0.0.0.0 for every interface)",
        "  --port N          port to listen on, 0..65535 (default " + MockController.DEFAULT_PORT
            + "; 0 picks a free port)",
        "  --telemetry-hz R  telemetry rate until a client configures another, " + MockProtocol.TELEMETRY_HZ_MIN
            + ".." + MockProtocol.TELEMETRY_HZ_MAX + " (default " + MockProtocol.DEFAULT_TELEMETRY_HZ + ")",
        "  -h, --help        print this help and exit ('drive --help' for the client's)",
        "",
        "Once listening it prints one line on stdout, \"mock telescope controller running on port N\", with",
        "the real port; logs go to stderr (java -Dmock.log.level=DEBUG -jar ... logs every command).",
        "Stop it with Ctrl-C or SIGTERM: it closes Vert.x (waiting at most " + Main.STOP_TIMEOUT_SECONDS
            + " s), which releases the port,",
        "and exits.",
        "",
        "Exit status:",
        "  0    after --help",
        "  1    it cannot listen (port in use, unknown host...)",
        "  2    bad arguments",
        "  130  stopped by Ctrl-C (SIGINT), once Vert.x has closed and the port is released",
        "  143  stopped by SIGTERM, once Vert.x has closed and the port is released");

    private final String host;
    private final int port;
    private final int telemetryHz;
    private final boolean help;

    private Arguments(String host, int port, int telemetryHz, boolean help) {
        this.host = host;
        this.port = port;
        this.telemetryHz = telemetryHz;
        this.help = help;
    }

    /**
     * Parses the command line.
     *
     * @param args the arguments given to {@code main}
     * @return the parsed arguments; {@link #help()} is true if {@code -h} or {@code --help} was given
     * @throws UsageException for an unknown option, a missing or bad value, or a stray argument
     */
    public static Arguments parse(String... args) throws UsageException {
        Objects.requireNonNull(args, "args");
        String host = Tcpip.DEFAULT_LOCALHOST;
        int port = MockController.DEFAULT_PORT;
        int telemetryHz = MockProtocol.DEFAULT_TELEMETRY_HZ;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = Objects.requireNonNull(args[i], "argument");
            String[] nv = Options.split(arg);
            String name = nv[0];
            String value = nv[1];
            switch (name) {
                case "-h":
                case "--help":
                    if (value != null) {
                        throw new UsageException(name + " takes no value");
                    }
                    help = true;
                    break;
                case "--host":
                    host = Options.host(value != null ? value : Options.valueOf(args, i++, name));
                    break;
                case "--port":
                    port = Options.port(value != null ? value : Options.valueOf(args, i++, name), 0);
                    break;
                case "--telemetry-hz":
                    telemetryHz = Options.telemetryHz(name, value != null ? value : Options.valueOf(args, i++, name));
                    break;
                default:
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option: " + name);   // without any "=value"
                    }
                    throw new UsageException("unexpected argument: " + arg);
            }
        }
        return new Arguments(host, port, telemetryHz, help);
    }

    /**
     * {@return the address to listen on; 127.0.0.1 unless {@code --host} was given}
     */
    public String host() {
        return host;
    }

    /**
     * {@return the port to listen on; {@value MockController#DEFAULT_PORT} unless {@code --port} was given
     *     (0: any free port)}
     */
    public int port() {
        return port;
    }

    /**
     * {@return the initial telemetry rate, Hz}
     */
    public int telemetryHz() {
        return telemetryHz;
    }

    /**
     * {@return true if {@code -h} or {@code --help} was given}
     */
    public boolean help() {
        return help;
    }
}
