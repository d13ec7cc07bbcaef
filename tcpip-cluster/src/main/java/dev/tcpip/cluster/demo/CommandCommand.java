package dev.tcpip.cluster.demo;

import dev.tcpip.cluster.ClusterNode;
import dev.tcpip.cluster.relay.RelayOptions;
import dev.tcpip.launcher.CommandLines;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** {@code command}: one command to a relay's {@code ADDRESS.commands}, its reply printed. */
@Command(name = "command",
    customSynopsis = {Main.COMMAND + " command --address A --json '{...}' [--timeout S] [cluster options]"},
    description = {
        "Sends one command, a JSON object, to A.commands (a relay's), prints the reply as one line of JSON on"
            + " stdout, and leaves the cluster. The mock controller's commands: {\\\"command\\\": \\\"move\\\","
            + " \\\"azimuth\\\": 120, \\\"elevation\\\": 45}, {\\\"command\\\": \\\"stop\\\"}, {\\\"command\\\":"
            + " \\\"configure\\\", \\\"max_velocity\\\": 10, \\\"telemetry_hz\\\": 50}.",
        "",
        "stdout: \"joined cluster NAME\" once joined, then the reply."},
    exitCodeList = {"0:the reply is printed; --help", "1:cannot join the cluster, no relay takes commands on"
        + " A.commands, or no reply within the timeout", "2:bad arguments",
        "3:the relay refused the command (not a command, not connected to the controller...): why, on stderr"})
final class CommandCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ClusterArgs cluster;

    private String address;
    private JsonObject json;
    private Duration timeout = Duration.ofSeconds(10);

    @Option(names = "--address", paramLabel = "A", required = true, order = 1,
        description = "the relay's address; the command goes to A.commands")
    void address(String value) {
        if (value.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--address must not be empty");
        }
        address = value.trim();
    }

    @Option(names = "--json", paramLabel = "JSON", required = true, order = 2, description = "the command, a JSON object")
    void json(String value) {
        try {
            json = new JsonObject(value);
        } catch (DecodeException | ClassCastException e) {
            throw new ParameterException(spec.commandLine(), "--json must be a JSON object, got '" + value + "'");
        }
    }

    @Option(names = "--timeout", paramLabel = "S", order = 3, description = "seconds to wait for the reply (default 10)")
    void timeout(String value) {
        timeout = CommandLines.parseSeconds(spec, "--timeout", value, 3600);
    }

    @Override
    public Integer call() {
        String program = Main.PROGRAM + " command";
        ClusterNode node = ClusterRun.join(program, cluster.options());
        if (node == null) {
            return 1;
        }
        ClusterRun.printJoined(System.out, node);
        String to = address + RelayOptions.COMMANDS_SUFFIX;
        int status;
        try {
            JsonObject reply = ClusterRun.await(node.vertx().eventBus().<JsonObject>request(to, json,
                new DeliveryOptions().setSendTimeout(timeout.toMillis())), timeout.plusSeconds(5)).body();
            System.out.println(reply.encode());
            System.out.flush();
            status = 0;
        } catch (ExecutionException e) {
            status = failed(program, to, e.getCause());
        } catch (TimeoutException e) {
            System.err.println(program + ": no reply from " + to + " within " + timeout.toMillis() + " ms");
            status = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 1;
        }
        try {
            ClusterRun.await(node.close(), ClusterRun.LEAVE_TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println(program + ": did not leave the cluster cleanly: " + ClusterRun.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status;
    }

    private int failed(String program, String to, Throwable cause) {
        if (cause instanceof ReplyException) {
            ReplyException r = (ReplyException) cause;
            if (r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                System.err.println(program + ": the relay refused the command (" + r.failureCode() + "): " + r.getMessage());
                return 3;
            }
            if (r.failureType() == ReplyFailure.NO_HANDLERS) {
                System.err.println(program + ": no relay takes commands on " + to);
                return 1;
            }
            System.err.println(program + ": no reply from " + to + " within " + timeout.toMillis() + " ms");
            return 1;
        }
        System.err.println(program + ": " + ClusterRun.reason(cause));
        return 1;
    }
}
