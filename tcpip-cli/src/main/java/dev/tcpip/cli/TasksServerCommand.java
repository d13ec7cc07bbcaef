package dev.tcpip.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tcpip.launcher.CommandLines;
import dev.tcpip.launcher.ProgramLogging;
import dev.tcpip.tasks.TaskServerOptions;
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

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The {@code tasks server} command: {@code tasks server <host> <port> [--tasks NAME] [--init] [--token-file F |
 * --token-env VAR] [--log-level L]}. picocli sets the options; {@link #call()} reads the token and runs the
 * server ({@link TasksServerRun}) until a client's EXIT or a signal ends it.
 */
@Command(name = "server",
    customSynopsis = {Main.COMMAND + " tasks server HOST PORT [--tasks NAME] [--init]",
        "           [--token-file F | --token-env VAR] [--log-level L]"},
    parameterListHeading = "%nParameters:%n",
    description = {
        "Runs a task server (bgpy's server, without pickle) of a task set found on the class path.",
        "",
        "Prints \"Task server running on port N\" on stdout once listening (the real port), and nothing else"
            + " there; logs go to stderr. Without a token, access is open (and the log says so)."},
    footer = "A client's EXIT (tasks terminate) ends it with exit status 0; so does Ctrl-C or SIGTERM, once closed.",
    exitCodeList = {
        "0:ended by EXIT, or stopped by a signal once closed; --help",
        "1:cannot listen, or --init failed",
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

    /**
     * Runs the task server until a client's EXIT or a signal ends it.
     *
     * @return the exit status: 0 after EXIT, 1 if it cannot start (after a signal, the JVM ends from the hook)
     * @throws ParameterException when the token cannot be read (status 2)
     */
    @Override
    public Integer call() {
        TaskServerOptions options = serverOptions();
        if (logLevel != null && LoggerFactory.getLogger(ProgramLogging.PROGRAM_LOGGER) instanceof Logger) {
            ((Logger) LoggerFactory.getLogger(ProgramLogging.PROGRAM_LOGGER)).setLevel(logLevel);
        }
        return new TasksServerRun(taskSet(), options).run();
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
