package dev.tcpip.cli;

import dev.tcpip.launcher.CommandLines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * {@code java -jar tcpip.jar COMMAND [options]}: the toolkit's command-line program, one command per seed
 * system: {@code endpoint} ({@link EndpointCommand}) runs one of pysocklib's queue-backed endpoints,
 * {@code chat-server} ({@link ChatServerCommand}) python-easyservers' UDP chat example, {@code tasks}
 * ({@link TasksCommand}) bgpy's task server and its client. The command line follows tcpip-launcher's {@link CommandLines} conventions: {@code --help} on
 * the program and on each command, and a bad command line reported in two lines on stderr with exit status
 * {@value CommandLines#EXIT_USAGE}. Logs go to stderr ({@link CliLogging}).
 */
public final class Main {
    /** The program's name, which starts its error messages: {@code tcpip: unknown option: --bogus}. */
    public static final String PROGRAM = "tcpip";
    /** How the user runs it, as the usage shows it. */
    public static final String COMMAND = "java -jar tcpip.jar";

    private Main() {
    }

    /**
     * The program's command line, with its commands, for {@link #main} and for tests.
     *
     * @return a new command line; executing it runs the command given and returns its exit status
     */
    static CommandLine commandLine() {
        return commandLine(new EndpointCommand());
    }

    /**
     * The program's command line, with the {@code endpoint} command given (whose options parsing sets).
     *
     * @param endpoint the {@code endpoint} command
     * @return a new command line
     */
    static CommandLine commandLine(EndpointCommand endpoint) {
        return commandLine(endpoint, new ChatServerCommand());
    }

    /**
     * The program's command line, with the commands given (whose options parsing sets).
     *
     * @param endpoint the {@code endpoint} command
     * @param chat     the {@code chat-server} command
     * @return a new command line
     */
    static CommandLine commandLine(EndpointCommand endpoint, ChatServerCommand chat) {
        return commandLine(endpoint, chat, TasksCommand.commandLine());
    }

    /**
     * The program's command line, with the commands given (whose options parsing sets).
     *
     * @param endpoint the {@code endpoint} command
     * @param chat     the {@code chat-server} command
     * @param tasks    the {@code tasks} command, with its subcommands ({@link TasksCommand#commandLine})
     * @return a new command line
     */
    static CommandLine commandLine(EndpointCommand endpoint, ChatServerCommand chat, CommandLine tasks) {
        CommandLine cl = new CommandLine(new Tcpip());
        cl.getCommandSpec().name(COMMAND);
        cl.addSubcommand(new CommandLine(endpoint));
        cl.addSubcommand(new CommandLine(chat));
        cl.addSubcommand(tasks);
        return CommandLines.configure(cl, PROGRAM);
    }

    /**
     * Runs the command given; see the class description and {@code --help}.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The program itself, without a command: a bad command line. */
    @Command(description = "The toolkit's command-line program, one command per seed system. 'endpoint' runs one of"
        + " pysocklib's queue-backed TCP endpoints (a client or a server that receives, sends or both, with"
        + " messages ending in CR LF); 'chat-server' runs python-easyservers' UDP chat example; 'tasks' runs"
        + " bgpy's task server, or sends it a request.",
        footer = "Logs go to stderr; java -Dtcpip.log.level=DEBUG -jar tcpip.jar ... logs more.",
        exitCodeList = {"0:after --help", "2:bad arguments (no command, an unknown one...)"})
    static final class Tcpip implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "a command is needed: endpoint, chat-server or tasks");
        }
    }
}
