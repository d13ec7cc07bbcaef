package dev.tcpip.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The {@code tasks} command, bgpy's CLI over tcpip-tasks: {@code tasks server} runs a task server
 * ({@link TasksServerCommand}), {@code tasks init|exec|terminate} send one request to it
 * ({@link TasksRequestCommand}), {@code tasks version} prints the toolkit's version ({@link TasksVersionCommand}).
 */
@Command(name = "tasks",
    customSynopsis = {
        Main.COMMAND + " tasks server HOST PORT [--tasks NAME] [--init] [--background]",
        "           [--token-file F | --token-env VAR] [--log-level L] [--log-file F]",
        "       " + Main.COMMAND + " tasks init|exec|terminate HOST PORT [--args JSON] [--await-response]",
        "           [--timeout S] [--token-file F | --token-env VAR]",
        "       " + Main.COMMAND + " tasks version"},
    description = {
        "bgpy's task server and its client: 'server' runs a task server of a named task set; 'init', 'exec' and"
            + " 'terminate' send it INIT, EXEC or EXIT and print the reply's arguments as JSON; 'version' prints"
            + " the toolkit's version.",
        "",
        "A token is never given on the command line: --token-file F reads the first line of F, --token-env VAR"
            + " the environment variable VAR."},
    exitCodeList = {"0:after --help", "2:bad arguments (no subcommand, an unknown one...)"})
public final class TasksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Creates the command; {@link #commandLine} adds its subcommands. */
    public TasksCommand() {
    }

    /**
     * The {@code tasks} command with its subcommands.
     *
     * @param server the {@code tasks server} command (whose options parsing sets)
     * @param init   the {@code tasks init} command
     * @param exec   the {@code tasks exec} command
     * @param exit   the {@code tasks terminate} command
     * @return the command line to add to the program's
     */
    static CommandLine commandLine(TasksServerCommand server, TasksRequestCommand init, TasksRequestCommand exec,
            TasksRequestCommand exit) {
        CommandLine cl = new CommandLine(new TasksCommand());
        cl.addSubcommand(new CommandLine(server));
        cl.addSubcommand("init", init.commandLine());
        cl.addSubcommand("exec", exec.commandLine());
        cl.addSubcommand("terminate", exit.commandLine());
        cl.addSubcommand(new CommandLine(new TasksVersionCommand()));
        return cl;
    }

    /** {@return the {@code tasks} command with new subcommands} */
    static CommandLine commandLine() {
        return commandLine(new TasksServerCommand(), TasksRequestCommand.init(), TasksRequestCommand.exec(),
            TasksRequestCommand.terminate());
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
            "a subcommand is needed: server, init, exec, terminate or version");
    }
}
