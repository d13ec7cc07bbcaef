package dev.tcpip.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Stack;

/**
 * The command-line conventions that every program of this project follows, applied to a picocli
 * {@link CommandLine}: {@link ServerLauncher} uses them for servers, and a program that is not a server (a
 * client, a benchmark) uses them directly:
 *
 * <pre>{@code
 * CommandLine cl = CommandLines.configure(new CommandLine(new MyClientCommand()), "my-client");
 * System.exit(cl.execute(args));     // MyClientCommand is a Callable<Integer>
 * }</pre>
 *
 * <p>The conventions:
 * <ul>
 *   <li><b>Options</b> take their value as the next argument or after {@code =} ({@code --port 5000},
 *       {@code --port=5000}); a later option overrides an earlier one; {@code @file} arguments are not
 *       expanded; {@code -h, --help} is added to every command that has no help option of its own.</li>
 *   <li><b>A bad command line</b> is reported on stderr in two lines, the first problem from the left, then
 *       the exit status is {@value #EXIT_USAGE}:
 *       <pre>
 * echo-server: unknown option: --bogus
 * Try 'java -jar echo-server.jar --help' for the usage.</pre>
 *       {@link #message(ParameterException)} says which messages picocli's errors become. Options of a
 *       command given before one of its subcommands are an error too ({@code unexpected argument: drive}),
 *       not silently ignored.</li>
 *   <li><b>{@code --help}</b> prints, on stdout, without colours and wrapped at {@value #USAGE_WIDTH}
 *       columns: the synopsis ({@code Usage: java -jar echo-server.jar [--host H] [--port N]}, one line per
 *       subcommand too), the description, the options ({@code --port N}, never {@code --port=N}) by their {@code order}
 *       attribute (which options declared on methods need: Java does not keep the order of methods), the
 *       subcommands, the footer, and last the exit statuses of the command's {@code exitCodeList} as a table
 *       under {@code Exit status:}; then the exit status is {@value #EXIT_OK}. Errors win over help:
 *       {@code --help --bogus} is a bad command line.</li>
 * </ul>
 */
public final class CommandLines {
    /** Exit status after {@code --help}. */
    public static final int EXIT_OK = 0;
    /** Exit status for a bad command line. */
    public static final int EXIT_USAGE = 2;
    /** The width, in columns, at which {@code --help} wraps its text. */
    public static final int USAGE_WIDTH = 100;

    private static final String HELP_DESCRIPTION = "print this help and exit";
    /** The {@code order} of the -h, --help option: last (not Integer.MAX_VALUE: picocli subtracts orders). */
    private static final int HELP_ORDER = 1_000_000;

    private CommandLines() {
    }

    /**
     * Applies the conventions (see the class description) to a command line and to its subcommands; executing
     * it ({@link CommandLine#execute(String...)}) then runs the last command given, as picocli's
     * {@link RunLast} does: its {@code call()} result is the exit status.
     *
     * @param commandLine the command line, its subcommands already added
     * @param program     the program's name for error messages, e.g. {@code echo-server}; a subcommand's
     *                    messages start with {@code program subcommand:}
     * @return the same command line
     */
    public static CommandLine configure(CommandLine commandLine, String program) {
        return configure(commandLine, program, new RunLast());
    }

    /**
     * Applies the conventions (see the class description) to a command line and to its subcommands, with
     * what executing it does once the command line has been found good and no help was asked for.
     *
     * @param commandLine the command line, its subcommands already added
     * @param program     the program's name for error messages, e.g. {@code echo-server}; a subcommand's
     *                    messages start with {@code program subcommand:}
     * @param action      runs the program from a good parse result and returns its exit status (it may throw
     *                    a {@link ParameterException}, which is reported as a bad command line)
     * @return the same command line
     */
    public static CommandLine configure(CommandLine commandLine, String program, IExecutionStrategy action) {
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(action, "action");
        Deque<CommandLine> todo = new ArrayDeque<>();
        todo.add(commandLine);
        while (!todo.isEmpty()) {
            CommandLine cl = todo.poll();
            conventions(cl);
            todo.addAll(cl.getSubcommands().values());
        }
        commandLine.setParameterExceptionHandler(new Reporter(program));
        commandLine.setExecutionStrategy(parseResult -> {
            check(parseResult);
            if (CommandLine.printHelpIfRequested(parseResult)) {
                return EXIT_OK;
            }
            return action.execute(parseResult);
        });
        return commandLine;
    }

    /** The conventions of one command (not its subcommands). */
    private static void conventions(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            spec.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .order(HELP_ORDER)   // last in the list
                .description(HELP_DESCRIPTION + subcommandHelpHint(spec))
                .preprocessor(new NoValue())
                .build());
        }
        UsageMessageSpec usage = spec.usageMessage();
        usage.width(USAGE_WIDTH);
        usage.sortOptions(false);
        usage.descriptionHeading(orDefault(usage.descriptionHeading(), "%n"));
        usage.optionListHeading(orDefault(usage.optionListHeading(), "%nOptions:%n"));
        if (usage.commandListHeading().isEmpty() || usage.commandListHeading().equals("Commands:%n")) {
            usage.commandListHeading("%nCommands:%n");   // picocli's default, with the blank line the others have
        }
        usage.footerHeading(orDefault(usage.footerHeading(), "%n"));
        usage.exitCodeListHeading(orDefault(usage.exitCodeListHeading(), "%nExit status:%n"));
        cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cl.setHelpFactory(SpaceSeparatedHelp::new);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setExpandAtFiles(false);
        cl.setStopAtUnmatched(true);

        // The footer (how to run and stop it) comes before the exit statuses, which end the help.
        List<String> keys = new ArrayList<>(cl.getHelpSectionKeys());
        keys.remove(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING);
        keys.remove(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST);
        keys.add(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST);
        cl.setHelpSectionKeys(keys);
        Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>(cl.getHelpSectionMap());
        sections.put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, CommandLines::synopsis);
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING,
            help -> help.commandSpec().usageMessage().footer().length == 0 ? "" : help.footerHeading());
        sections.put(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST, CommandLines::exitStatuses);
        cl.setHelpSectionMap(sections);
    }

    private static String subcommandHelpHint(CommandSpec spec) {
        if (spec.subcommands().isEmpty()) {
            return "";
        }
        List<String> hints = new ArrayList<>();
        for (String name : spec.subcommands().keySet()) {
            hints.add("'" + name + " --help'");
        }
        return " (" + String.join(", ", hints) + " for the command's own)";
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /**
     * Parses as executing the command line does, without running anything or printing anything: for tests of
     * a program's options.
     *
     * @param commandLine a command line configured by {@link #configure}
     * @param args        the arguments
     * @return picocli's parse result; the command objects hold the values
     * @throws ParameterException for a bad command line; {@link #message(ParameterException)} gives what the
     *     program prints for it
     */
    public static ParseResult parse(CommandLine commandLine, String... args) {
        ParseResult parseResult = commandLine.parseArgs(args);
        check(parseResult);
        return parseResult;
    }

    /**
     * Fails on what picocli lets through with this configuration: arguments left unmatched (the parser stops
     * at the first one, so that the first problem from the left is the one reported) and options given
     * before a subcommand, which do not apply to it.
     */
    private static void check(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (!pr.unmatched().isEmpty()) {
                throw new UnmatchedArgumentException(pr.commandSpec().commandLine(), pr.unmatched());
            }
            if (pr.subcommand() != null && !pr.matchedArgs().isEmpty()) {
                throw new UnmatchedArgumentException(pr.commandSpec().commandLine(),
                    List.of(pr.subcommand().commandSpec().name()));
            }
        }
    }

    /**
     * The one-line message that this project's programs print for a bad command line, picocli's own
     * wording replaced by theirs:
     * <ul>
     *   <li>an unknown option: {@code unknown option: --bogus} (without any {@code =value});</li>
     *   <li>any other stray argument: {@code unexpected argument: 5000};</li>
     *   <li>an option without its value: {@code --port needs a value}, or {@code --move needs two values};</li>
     *   <li>a required option missing: {@code --kind is required};</li>
     *   <li>anything else, such as a bad value, the exception's own message, which for this project's options
     *       is written for the user: {@code --port must be in 0..65535, got 70000}.</li>
     * </ul>
     *
     * @param e a parse error
     * @return the message, without the program's name
     */
    public static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException && !((UnmatchedArgumentException) e).getUnmatched().isEmpty()) {
            String arg = ((UnmatchedArgumentException) e).getUnmatched().get(0);
            if (arg.startsWith("-") && arg.length() > 1) {
                int eq = arg.indexOf('=');
                return "unknown option: " + (arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg);
            }
            return "unexpected argument: " + arg;
        }
        if (e instanceof MissingParameterException) {
            List<ArgSpec> missing = ((MissingParameterException) e).getMissing();
            if (missing != null && !missing.isEmpty() && missing.get(0) instanceof OptionSpec) {
                OptionSpec option = (OptionSpec) missing.get(0);
                String m = String.valueOf(e.getMessage());
                if (m.startsWith("Missing required option")) {
                    return option.longestName() + " is required";
                }
                int values = option.arity().min();
                return option.longestName() + " needs " + (values <= 1 ? "a value" : count(values) + " values");
            }
        }
        return e.getMessage();
    }

    private static String count(int n) {
        String[] words = {"zero", "one", "two", "three", "four", "five"};
        return n < words.length ? words[n] : Integer.toString(n);
    }

    /** Prints a bad command line's message and where to find the usage; the exit status is 2. */
    private static final class Reporter implements IParameterExceptionHandler {
        private final String program;

        Reporter(String program) {
            this.program = program;
        }

        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine cl = e.getCommandLine();
            List<String> names = new ArrayList<>();
            for (CommandLine c = cl; c.getParent() != null; c = c.getParent()) {
                names.add(0, c.getCommandName());
            }
            names.add(0, program);
            PrintWriter err = cl.getErr();
            err.println(String.join(" ", names) + ": " + message(e));
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the usage.");
            err.flush();
            return EXIT_USAGE;
        }
    }

    /**
     * Refuses a value attached to a flag ({@code --smoke=yes}, {@code --help=true}): {@code --smoke takes no
     * value}. Give it as an option's {@code preprocessor}; {@code -h, --help} has it already.
     */
    public static final class NoValue implements IParameterPreprocessor {
        /** Creates the preprocessor (picocli does, for an option that names this class). */
        public NoValue() {
        }

        @Override
        public boolean preprocess(Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
            if ("=".equals(info.get("separator"))) {
                throw new ParameterException(commandSpec.commandLine(), name(argSpec) + " takes no value");
            }
            return false;
        }
    }

    /**
     * Reads the value of a {@code --host} option: trimmed, and without the brackets of an IPv6 address
     * ({@code [::1]} gives {@code ::1}).
     *
     * @param spec  the command the option belongs to (for the exception)
     * @param value the value as given
     * @return the host
     * @throws ParameterException {@code --host needs a non-empty address} for a blank value
     */
    public static String parseHost(CommandSpec spec, String value) {
        String host = value.trim();
        if (host.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--host needs a non-empty address");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }

    /**
     * Reads the value of a {@code --port} option.
     *
     * @param spec  the command the option belongs to (for the exception)
     * @param value the value as given
     * @param min   the smallest port allowed: 0 for a server (any free port), 1 for a client
     * @return the port, {@code min}..65535
     * @throws ParameterException {@code --port needs a number in 0..65535, got 'abc'} or {@code --port must be
     *     in 0..65535, got 70000}
     */
    public static int parsePort(CommandSpec spec, String value, int min) {
        return parseInt(spec, "--port", value, min, 65535);
    }

    /**
     * Reads a whole number in a range, the value of an option.
     *
     * @param spec   the command the option belongs to (for the exception)
     * @param option the option's name, for the message
     * @param value  the value as given (surrounding blanks are ignored)
     * @param min    the smallest value allowed
     * @param max    the largest value allowed
     * @return the number
     * @throws ParameterException {@code --samples needs a number in 0..100000, got 'many'} or
     *     {@code --samples must be in 0..100000, got -1}
     */
    public static int parseInt(CommandSpec spec, String option, String value, int min, int max) {
        String range = min + ".." + max;
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), option + " needs a number in " + range + ", got '" + value + "'");
        }
        if (n < min || n > max) {
            throw new ParameterException(spec.commandLine(), option + " must be in " + range + ", got " + n);
        }
        return n;
    }

    /**
     * Reads a number of seconds, a decimal number above 0 and at most {@code maxSeconds}: a timeout.
     *
     * @param spec       the command the option belongs to (for the exception)
     * @param option     the option's name, for the message
     * @param value      the value as given (surrounding blanks are ignored)
     * @param maxSeconds the largest value allowed
     * @return the duration, in whole milliseconds (at least 1)
     * @throws ParameterException {@code --timeout needs a number of seconds, got 'soon'} or
     *     {@code --timeout must be above 0 and at most 86400 seconds, got 0}
     */
    public static Duration parseSeconds(CommandSpec spec, String option, String value, double maxSeconds) {
        double seconds;
        try {
            seconds = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), option + " needs a number of seconds, got '" + value + "'");
        }
        if (!(seconds > 0 && seconds <= maxSeconds)) {
            throw new ParameterException(spec.commandLine(), option + " must be above 0 and at most "
                + (maxSeconds == Math.rint(maxSeconds) ? Long.toString((long) maxSeconds) : Double.toString(maxSeconds))
                + " seconds, got " + value.trim());
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    /**
     * The name of an option as the messages give it: its longest name.
     *
     * @param arg an option (or positional parameter)
     * @return its longest name, or its parameter label for a positional parameter
     */
    public static String name(ArgSpec arg) {
        return arg instanceof OptionSpec ? ((OptionSpec) arg).longestName() : arg.paramLabel();
    }

    /** The synopsis: the command's own line, then one line for each subcommand, options as {@code [--port N]}. */
    private static String synopsis(Help help) {
        UsageMessageSpec usage = help.commandSpec().usageMessage();
        if (usage.customSynopsis().length > 0 || usage.abbreviateSynopsis()) {
            return help.synopsis(help.synopsisHeadingLength());
        }
        int indent = help.synopsisHeadingLength();   // the heading, "Usage: ", is a section of its own
        StringBuilder out = new StringBuilder();
        synopsisLine(out, help.commandSpec(), indent, usage.width());
        for (CommandLine sub : help.commandSpec().subcommands().values()) {
            out.append(" ".repeat(indent));
            synopsisLine(out, sub.getCommandSpec(), indent, usage.width());
        }
        return out.toString();
    }

    private static void synopsisLine(StringBuilder out, CommandSpec spec, int indent, int width) {
        String name = spec.qualifiedName();
        StringBuilder line = new StringBuilder(name);
        int continuation = indent + name.length() + 1;
        int column = indent + name.length();
        List<OptionSpec> options = new ArrayList<>(spec.options());
        options.sort(Comparator.comparingInt(OptionSpec::order));   // stable: as the option list shows them
        for (OptionSpec o : options) {
            if (o.hidden() || o.usageHelp() || o.versionHelp()) {
                continue;
            }
            String token = "[" + o.longestName() + label(o) + "]" + (o.isMultiValue() ? "..." : "");
            if (column + 1 + token.length() > width) {
                line.append(System.lineSeparator()).append(" ".repeat(continuation)).append(token);
                column = continuation + token.length();
            } else {
                line.append(' ').append(token);
                column += 1 + token.length();
            }
        }
        out.append(line).append(System.lineSeparator());
    }

    private static String label(ArgSpec arg) {
        return arg.arity().max() == 0 ? "" : " " + arg.paramLabel();
    }

    /** The exit statuses as a table: {@code "  0    after --help"}, never wrapped. */
    private static String exitStatuses(Help help) {
        Map<String, String> codes = help.commandSpec().usageMessage().exitCodeList();
        if (codes.isEmpty()) {
            return "";
        }
        int width = codes.keySet().stream().mapToInt(k -> k.trim().length()).max().orElse(0) + 2;
        StringBuilder out = new StringBuilder(help.exitCodeListHeading());
        for (Map.Entry<String, String> e : codes.entrySet()) {
            String code = e.getKey().trim();
            out.append("  ").append(code).append(" ".repeat(width - code.length())).append(e.getValue())
                .append(System.lineSeparator());
        }
        return out.toString();
    }

    /** Picocli's help, with option parameters shown after a space ({@code --port N}), as the synopsis does. */
    private static final class SpaceSeparatedHelp extends Help {
        SpaceSeparatedHelp(CommandSpec spec, ColorScheme colorScheme) {
            super(spec, colorScheme);
        }

        @Override
        public IParamLabelRenderer parameterLabelRenderer() {
            return new IParamLabelRenderer() {
                @Override
                public Ansi.Text renderParameterLabel(ArgSpec arg, Ansi ansi, List<Ansi.IStyle> styles) {
                    return ansi.new Text(label(arg));
                }

                @Override
                public String separator() {
                    return " ";
                }
            };
        }
    }
}
