package dev.tcpip.echo;

import dev.tcpip.core.Tcpip;

import java.util.Objects;

/**
 * The echo server's command line, parsed by hand: {@code [--host H] [--port N] [-h|--help]}.
 * Options also take the {@code --name=value} form; a later option overrides an earlier one.
 */
public final class Arguments {
    /** The usage text printed by {@code --help}. */
    public static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java -jar echo-server.jar [--host H] [--port N]",
        "",
        "Echo server of lsst.ts.tcpip, on Vert.x: writes every line a TCP client sends back to it,",
        "byte for byte (lines end with CR LF). One client at a time: while one is connected, other",
        "clients are accepted and closed at once. A client that disconnects mid-line, or sends a",
        "line longer than 64 KiB, is dropped and the next client is served.",
        "",
        "Options:",
        "  --host H    address to listen on (default " + Tcpip.DEFAULT_LOCALHOST
            + "; 0.0.0.0 for every interface)",
        "  --port N    port to listen on, 0..65535 (default " + EchoServer.DEFAULT_PORT
            + "; 0 picks a free port)",
        "  -h, --help  print this help and exit",
        "",
        "Once listening it prints one line on stdout, \"Echo server running on port N\", with the",
        "real port; logs go to stderr (java -Decho.log.level=DEBUG -jar ... logs every line).",
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
    private final boolean help;

    private Arguments(String host, int port, boolean help) {
        this.host = host;
        this.port = port;
        this.help = help;
    }

    /**
     * Parses the command line.
     *
     * @param args the arguments given to {@code main}
     * @return the parsed arguments; {@link #help()} is true if {@code -h} or {@code --help} was given
     *     (the other arguments are then still checked)
     * @throws UsageException for an unknown option, a missing or bad value, or a stray argument
     */
    public static Arguments parse(String... args) throws UsageException {
        Objects.requireNonNull(args, "args");
        String host = Tcpip.DEFAULT_LOCALHOST;
        int port = EchoServer.DEFAULT_PORT;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = Objects.requireNonNull(args[i], "argument");
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h":
                case "--help":
                    if (value != null) {
                        throw new UsageException(name + " takes no value");
                    }
                    help = true;
                    break;
                case "--host":
                    if (value == null) {
                        value = valueOf(args, i++, name);
                    }
                    host = parseHost(value);
                    break;
                case "--port":
                    if (value == null) {
                        value = valueOf(args, i++, name);
                    }
                    port = parsePort(value);
                    break;
                default:
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option: " + name);   // without any "=value"
                    }
                    throw new UsageException("unexpected argument: " + arg);
            }
        }
        return new Arguments(host, port, help);
    }

    private static String valueOf(String[] args, int i, String option) throws UsageException {
        if (i + 1 >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i + 1];
    }

    private static String parseHost(String value) throws UsageException {
        String host = value.trim();
        if (host.isEmpty()) {
            throw new UsageException("--host needs a non-empty address");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }

    private static int parsePort(String value) throws UsageException {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--port needs a number in 0..65535, got '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be in 0..65535, got " + port);
        }
        return port;
    }

    /**
     * @return the address to listen on; 127.0.0.1 unless {@code --host} was given
     */
    public String host() {
        return host;
    }

    /**
     * @return the port to listen on; 5000 unless {@code --port} was given (0: any free port)
     */
    public int port() {
        return port;
    }

    /**
     * @return true if {@code -h} or {@code --help} was given
     */
    public boolean help() {
        return help;
    }

    /**
     * A command line that cannot be used; its message says why, for the user.
     */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        /**
         * @param message what is wrong with the command line
         */
        public UsageException(String message) {
            super(message);
        }
    }
}
