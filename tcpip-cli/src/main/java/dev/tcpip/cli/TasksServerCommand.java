package dev.tcpip.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tcpip.launcher.CommandLines;
import dev.tcpip.launcher.ProgramLogging;
import dev.tcpip.tasks.TaskServerOptions;
import dev.tcpip.tasks.TaskServerProcessOptions;
import dev.tcpip.tasks.TaskSet;
import dev.tcpip.tasks.TaskSets;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The {@code tasks server} command: {@code tasks server <host> <port> [--tasks NAME] [--init] [--token-file F |
 * --token-env VAR] [--background] [--log-level L] [--log-file F]}. picocli sets the options; {@link #call()}
 * reads the token and runs the server ({@link TasksServerRun}): here until a client's EXIT or a signal ends it,
 * or, with {@code --background}, in a detached process of its own.
 */
@Command(name = "server",
    customSynopsis = {Main.COMMAND + " tasks server HOST PORT [--tasks NAME] [--init]",
        "           [--token-file F | --token-env VAR] [--background] [--log-level L] [--log-file F]"},
    parameterListHeading = "%nParameters:%n",
    description = {
        "Runs a task server (bgpy's server, without pickle) of a task set found on the class path.",
        "",
        "Prints \"Task server running on port N\" on stdout once listening (the real port), and nothing else"
            + " there; logs go to stderr (or --log-file). Without a token, access is open (and the log says so).",
        "",
        "With --background, the server runs in a detached process of its own: this command waits until that"
            + " server listens, prints \"Task server running on port N (pid P)\" and exits 0 while the server"
            + " goes on; its logs go to --log-file, or nowhere."},
    footer = "A client's EXIT (tasks terminate) ends the server with exit status 0; so does Ctrl-C or SIGTERM,"
        + " once closed.",
    exitCodeList = {
        "0:ended by EXIT, or stopped by a signal once closed; with --background, the server listens; --help",
        "1:cannot listen, or --init failed (with --background: the server's process did not start)",
        "2:bad arguments (an unknown task set, an unreadable token...)",
        "130:stopped by Ctrl-C (SIGINT), when closing took longer than 5 s",
        "143:stopped by SIGTERM, when closing took longer than 5 s"})
public final class TasksServerCommand implements Callable<Integer> {
    /** The task set run when {@code --tasks} is not given: bgpy's example. */
    public static final String DEFAULT_TASKS = "counter";
    /** The levels {@code --log-level} takes. */
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    @Spec
    CommandSpec spec;

    @Mixin
    TokenOptions token;

    private String host;
    private int port;
    private String tasks = DEFAULT_TASKS;
    private Level logLevel;

    @Option(names = "--init", order = 2, preprocessor = CommandLines.NoValue.class,
        description = "run the init task at start-up (a client's INIT then answers \"Already initialized.\")")
    boolean init;

    @Option(names = "--background", order = 3, preprocessor = CommandLines.NoValue.class,
        description = "run the server in a detached process; print its port and pid once it listens, and exit")
    boolean background;

    private Path logFile;

    /** Creates the command with the defaults; picocli sets what the command line gives. */
    public TasksServerCommand() {
    }

    @Parameters(index = "0", paramLabel = "HOST", description = "address to listen on (0.0.0.0 for every interface)")
    void host(String value) {
        host = CommandLines.parseHost(spec, value);
    }

    @Parameters(index = "1", paramLabel = "PORT", description = "TCP port, 0..65535 (0 picks a free one)")
    void port(String value) {
        port = CommandLines.parsePort(spec, value, 0);
    }

    @Option(names = "--tasks", paramLabel = "NAME", order = 1,
        description = "the task set to run (default " + DEFAULT_TASKS + ")")
    void tasks(String value) {
        String name = value.trim();
        List<String> available = TaskSets.available();
        if (!available.contains(name)) {
            throw new ParameterException(spec.commandLine(),
                "--tasks: no task set '" + name + "'; available: " + String.join(", ", available));
        }
        tasks = name;
    }

    @Option(names = "--log-level", paramLabel = "L", order = 22,
        description = "level of the toolkit's logs: TRACE, DEBUG, INFO (default), WARN, ERROR or OFF")
    void logLevel(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(name)) {
            throw new ParameterException(spec.commandLine(),
                "--log-level must be one of " + String.join(", ", LEVELS) + ", got '" + value + "'");
        }
        logLevel = Level.toLevel(name);
    }

    @Option(names = "--log-file", paramLabel = "F", order = 23,
        description = "append the logs to file F instead of stderr (with --background: instead of discarding them)")
    void logFile(String value) {
        if (value.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--log-file must name a file");
        }
        Path file = Path.of(value).toAbsolutePath();
        if (Files.isDirectory(file) || !Files.isDirectory(file.getParent())) {
            throw new ParameterException(spec.commandLine(), "--log-file: " + (Files.isDirectory(file)
                ? value + " is a directory" : "no directory " + file.getParent()));
        }
        logFile = file;
    }

    /**
     * Runs the task server until a client's EXIT or a signal ends it, or starts it in the background.
     *
     * @return the exit status: 0 after EXIT (with --background: once the server listens), 1 if it cannot
     *     start (after a signal, the JVM ends from the hook)
     * @throws ParameterException when the token or the log file cannot be read or opened (status 2)
     */
    @Override
    public Integer call() {
        TaskServerOptions options = serverOptions();
        if (background) {
            return TasksServerRun.background(processOptions(options));
        }
        if (logFile != null) {
            try {
                ProgramLogging.logToFile(logFile);
            } catch (IOException | IllegalStateException e) {
                throw new ParameterException(spec.commandLine(), "--log-file: cannot log to " + logFile + ": " + e);
            }
        }
        if (logLevel != null && LoggerFactory.getLogger(ProgramLogging.PROGRAM_LOGGER) instanceof Logger) {
            ((Logger) LoggerFactory.getLogger(ProgramLogging.PROGRAM_LOGGER)).setLevel(logLevel);
        }
        return TasksServerRun.foreground(taskSet(), options);
    }

    /**
     * How {@code --background} launches the server: this JVM's {@code java} and class path, the log level as
     * the CLI's system property, the logs appended to {@code --log-file}.
     *
     * @param server the server's options, the token included
     * @return the process options
     */
    TaskServerProcessOptions processOptions(TaskServerOptions server) {
        TaskServerProcessOptions options = new TaskServerProcessOptions().setTasks(tasks).setServer(server)
            .setLogFile(logFile);
        if (logLevel != null) {
            options.setJvmArguments(List.of("-D" + CliLogging.LEVEL_PROPERTY + "=" + logLevel));
        }
        return options;
    }

    /**
     * The server's options these command-line options give, the token read now.
     *
     * @return the options
     * @throws ParameterException when the token cannot be read
     */
    TaskServerOptions serverOptions() {
        TaskServerOptions options = new TaskServerOptions().setHost(host).setPort(port).setInitAtStart(init);
        String t = token.token();
        if (t != null) {
            options.setToken(t);
        }
        return options;
    }

    /** {@return a new instance of the task set named} */
    TaskSet taskSet() {
        return TaskSets.find(tasks);
    }

    /** {@return the task set's name} */
    String tasks() {
        return tasks;
    }

    /** {@return the level given by --log-level, or null} */
    Level logLevel() {
        return logLevel;
    }
}
