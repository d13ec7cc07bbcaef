package dev.tcpip.cli;

import dev.tcpip.launcher.CommandLines;
import dev.tcpip.tasks.MessageType;
import dev.tcpip.tasks.TaskClient;
import dev.tcpip.tasks.TaskClientOptions;
import dev.tcpip.tasks.TaskReply;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code tasks init}, {@code tasks exec} and {@code tasks terminate} commands: {@code tasks exec <host>
 * <port> [--args JSON] [--await-response] [--timeout S] [--token-file F | --token-env VAR]} sends one request
 * (INIT, EXEC or EXIT) on a new connection, after AUTH if a token is given, and prints the reply's arguments
 * as JSON on stdout (the command line's out): the confirmation, or with {@code --await-response} the outcome.
 */
@Command(name = "request",
    exitCodeList = {
        "0:the reply is OK; --help",
        "1:cannot connect, or no reply within the timeout, or the connection failed",
        "2:bad arguments (--args not a JSON object, an unreadable token...)",
        "3:the reply is ERROR (its arguments are printed all the same)"})
public final class TasksRequestCommand implements Callable<Integer> {
    /** The exit status for an ERROR reply. */
    public static final int EXIT_ERROR_REPLY = 3;
    /** The largest {@code --timeout}, in seconds. */
    static final int MAX_TIMEOUT_SECONDS = 86_400;

    @Spec
    CommandSpec spec;

    @Mixin
    TokenOptions token;

    private final MessageType type;
    private final String name;
    private String host;
    private int port;
    private JsonObject args = new JsonObject();
    private Duration timeout;

    @Option(names = "--await-response", order = 2, preprocessor = CommandLines.NoValue.class,
        description = "wait for the outcome (the task's response) and print it, instead of the confirmation")
    boolean awaitResponse;

    private TasksRequestCommand(MessageType type, String name) {
        this.type = type;
        this.name = name;
    }

    /** {@return the {@code tasks init} command} */
    static TasksRequestCommand init() {
        return new TasksRequestCommand(MessageType.INIT, "init");
    }

    /** {@return the {@code tasks exec} command} */
    static TasksRequestCommand exec() {
        return new TasksRequestCommand(MessageType.EXEC, "exec");
    }

    /** {@return the {@code tasks terminate} command} */
    static TasksRequestCommand terminate() {
        return new TasksRequestCommand(MessageType.EXIT, "terminate");
    }

    /** {@return this command's command line, named and described for its request} */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        cl.getCommandSpec().name(name);
        cl.getCommandSpec().usageMessage().customSynopsis(
            Main.COMMAND + " tasks " + name + " HOST PORT [--args JSON] [--await-response] [--timeout S]",
            "           [--token-file F | --token-env VAR]");
        cl.getCommandSpec().usageMessage().parameterListHeading("%nParameters:%n");
        String what = switch (type) {
            case INIT -> "Sends INIT: the server's init task runs (once: a later INIT is an ERROR).";
            case EXEC -> "Sends EXEC: the server's exec task runs with the state and --args.";
            default -> "Sends EXIT (bgpy's terminate): the server's exit task runs, then the server ends.";
        };
        cl.getCommandSpec().usageMessage().description(what, "",
            "Prints the reply's arguments as JSON on stdout: the confirmation ({\"message\": \"Received '"
                + type.name() + "'\"}), or with --await-response the outcome.");
        return cl;
    }

    @Parameters(index = "0", paramLabel = "HOST", description = "the task server's address")
    void host(String value) {
        host = CommandLines.parseHost(spec, value);
    }

    @Parameters(index = "1", paramLabel = "PORT", description = "the task server's port, 1..65535")
    void port(String value) {
        port = CommandLines.parsePort(spec, value, 1);
    }

    @Option(names = "--args", paramLabel = "JSON", order = 1,
        description = "the request's arguments, a JSON object (default {})")
    void args(String value) {
        try {
            args = new JsonObject(value);
        } catch (DecodeException | ClassCastException e) {
            throw new ParameterException(spec.commandLine(), "--args needs a JSON object, got '" + value + "'");
        }
    }

    @Option(names = "--timeout", paramLabel = "S", order = 3,
        description = "seconds to connect, and to wait for the replies, a decimal number (default: 10 to connect,"
            + " 60 for the replies)")
    void timeout(String value) {
        timeout = CommandLines.parseSeconds(spec, "--timeout", value, MAX_TIMEOUT_SECONDS);
    }

    /**
     * Sends the request and prints the reply's arguments.
     *
     * @return 0 for OK, 3 for ERROR, 1 when it cannot connect, times out or the connection fails
     * @throws ParameterException when the token cannot be read (status 2)
     */
    @Override
    public Integer call() {
        TaskClientOptions options = clientOptions();
        Vertx vertx = Vertx.vertx();
        try {
            TaskReply reply = TaskClient.create(vertx, options).request(type, args, awaitResponse)
                .toCompletionStage().toCompletableFuture().get();
            spec.commandLine().getOut().println(reply.args().encode());
            spec.commandLine().getOut().flush();
            return reply.isOk() ? 0 : EXIT_ERROR_REPLY;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof TimeoutException
                ? "no reply from " + host + ":" + port + " in time (" + cause.getMessage() + ")"
                : String.valueOf(cause.getMessage());
            spec.commandLine().getErr().println(Main.PROGRAM + " tasks " + name + ": " + why);
            spec.commandLine().getErr().flush();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            try {
                vertx.close().toCompletionStage().toCompletableFuture()
                    .get(EndpointRun.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // exiting anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The client's options these command-line options give, the token read now.
     *
     * @return the options
     * @throws ParameterException when the token cannot be read
     */
    TaskClientOptions clientOptions() {
        TaskClientOptions options = new TaskClientOptions().setHost(host).setPort(port);
        if (timeout != null) {
            options.setConnectTimeout(timeout).setResponseTimeout(timeout);
        }
        String t = token.token();
        if (t != null) {
            options.setToken(t);
        }
        return options;
    }

    /** {@return the request sent} */
    MessageType type() {
        return type;
    }

    /** {@return the request's arguments} */
    JsonObject args() {
        return args;
    }

    /** {@return whether it waits for the outcome} */
    boolean awaitResponse() {
        return awaitResponse;
    }
}
