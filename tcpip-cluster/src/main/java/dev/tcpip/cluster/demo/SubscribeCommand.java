package dev.tcpip.cluster.demo;

import dev.tcpip.cluster.ClusterNode;
import dev.tcpip.launcher.CommandLines;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** {@code subscribe}: prints what is published on an address, one JSON line each. */
@Command(name = "subscribe",
    customSynopsis = {Main.COMMAND + " subscribe --address A [--count N] [cluster options]"},
    description = {
        "Prints each message published on address A as one line of JSON on stdout, exactly as published, from the"
            + " moment it has subscribed; with --count N, leaves the cluster and exits 0 after N messages.",
        "",
        "stdout: \"joined cluster NAME\" once joined and subscribed, then the messages."},
    exitCodeList = {"0:after N messages, or stopped by SIGTERM or Ctrl-C, having left the cluster; --help",
        "1:cannot join the cluster", "2:bad arguments"})
final class SubscribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ClusterArgs cluster;

    private String address;
    private long count = -1;

    @Option(names = "--address", paramLabel = "A", required = true, order = 1, description = "the address to subscribe to")
    void address(String value) {
        if (value.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--address must not be empty");
        }
        address = value.trim();
    }

    @Option(names = "--count", paramLabel = "N", order = 2, description = "exit after N messages (default: never)")
    void count(String value) {
        count = CommandLines.parseInt(spec, "--count", value, 1, Integer.MAX_VALUE);
    }

    @Override
    public Integer call() {
        String program = Main.PROGRAM + " subscribe";
        ClusterNode node = ClusterRun.join(program, cluster.options());
        if (node == null) {
            return 1;
        }
        PrintStream out = System.out;
        CountDownLatch done = new CountDownLatch(1);
        Context context = node.vertx().getOrCreateContext();
        Promise<Void> subscribed = Promise.promise();
        List<MessageConsumer<Object>> consumers = new ArrayList<>(1);
        // The consumer, its handler and its completion all on one context: what arrives before the joined line
        // is printed waits for it.
        context.runOnContext(v -> {
            List<String> early = new ArrayList<>();
            boolean[] ready = {false};
            long[] printed = {0};
            Consumer<String> print = line -> {
                if (count >= 0 && printed[0] >= count) {
                    return;
                }
                out.println(line);
                out.flush();
                if (++printed[0] == count) {
                    done.countDown();
                }
            };
            MessageConsumer<Object> consumer = node.vertx().eventBus().consumer(address, m -> {
                String line = m.body() instanceof JsonObject ? ((JsonObject) m.body()).encode() : Json.encode(m.body());
                if (ready[0]) {
                    print.accept(line);
                } else {
                    early.add(line);
                }
            });
            consumers.add(consumer);
            consumer.completion().onComplete(ar -> {
                if (ar.succeeded()) {
                    ClusterRun.printJoined(out, node);
                    ready[0] = true;
                    early.forEach(print);
                    early.clear();
                }
                subscribed.handle(ar);
            });
        });
        try {
            ClusterRun.await(subscribed.future(), ClusterRun.JOIN_TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println(program + ": cannot subscribe to " + address + ": "
                + ClusterRun.reason(e instanceof ExecutionException ? e.getCause() : e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        try {
            done.await();   // with no --count, until a signal ends the JVM
            // Unsubscribed first: what is still on its way is not taken (nor logged as discarded) while leaving.
            ClusterRun.await(consumers.get(0).unregister(), ClusterRun.LEAVE_TIMEOUT);
            ClusterRun.await(node.close(), ClusterRun.LEAVE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println(program + ": did not leave the cluster cleanly: " + ClusterRun.reason(e));
        }
        return 0;
    }
}
