package dev.tcpip.bench.load;

import dev.tcpip.cluster.ClusterNode;
import dev.tcpip.cluster.ClusterOptions;
import dev.tcpip.cluster.ClusteredVertx;
import dev.tcpip.cluster.demo.MockControllerCodec;
import dev.tcpip.cluster.relay.RelayOptions;
import dev.tcpip.cluster.relay.StructRelay;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.mock.MockProtocol;
import dev.tcpip.mock.Telemetry;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.StandardHeader;
import dev.tcpip.testsupport.FixedPorts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The cluster mode ({@code --only cluster}): fan-out on Vert.x's clustered event bus (Hazelcast) from a node
 * in the load program's JVM to a subscriber on another JVM ({@link ClusterSubscriberMain}, a child started
 * like the server children), in one cluster of two members on loopback with a name of its own:
 * <ul>
 *   <li>(n) an in-process controller (a tcpip-core {@link OneClientServer} speaking
 *       {@link MockProtocol#PROTOCOL}) writes telemetry samples over loopback TCP to a {@link StructRelay} with
 *       {@link MockControllerCodec} on this JVM's node, which publishes each as {@code {"seq", "body"}};</li>
 *   <li>(o) this JVM's node publishes the same JSON itself with {@code eventBus().publish}.</li>
 * </ul>
 * This JVM's node has one event loop: the relay (its connection to the controller, its reading, converting and
 * publishing), the bare publisher and the event bus's connection to the subscriber's node all run on it, for
 * both publishers alike. (With several, which loop the relay's connection lands on, next to the bus's
 * connection or not, decides whether each publish is a write system call of its own: Vert.x flushes a write
 * made on the socket's own event loop at once, and gathers those made from other threads.) The subscriber
 * child is started as the server children are, with {@link #HAZELCAST_FLAGS}; this JVM's node joins itself,
 * and the child's node joins it.
 * The controller stands for one on a machine of its own, whose CPU a real relay would not share. By default it
 * runs on the node's event loop too: its work is then charged to the thread that limits the run, and its writes
 * of one turn of the loop go out as one (tcpip-core gathers them). With {@code --cluster-controller-thread} it
 * runs on a Vert.x of its own instead: a third busy thread on the machine, woken for each acknowledgement, and
 * then the relay's loop is woken by the controller's bytes, as a real relay is (the one-at-a-time latency
 * includes that wake-up only in this placement).
 * The subscriber checks and counts every message and acknowledges every n-th; each publisher
 * ({@link FanOutRun}) keeps at most a window of messages unacknowledged. Two loads, the publishers taking
 * turns round after round: <b>fan-out</b>, {@code --cluster-messages} with a window of
 * {@code --cluster-window}, acknowledged every {@code --cluster-ack-every} (messages/s, the one-way latency of
 * the acknowledged ones, the CPU time of both JVMs per message); and <b>one at a time</b>, for
 * {@code --ping-seconds}, every message acknowledged before the next is sent (one-way latency and round trip).
 */
final class ClusterBench {
    /** What Hazelcast reaches into on Java 17 and later; without them it warns at start-up. */
    static final List<String> HAZELCAST_FLAGS = List.of(
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");
    /** How long joining the cluster, the relay's connection and the probes may take. */
    static final long SETUP_SECONDS = 60;
    /** The wait between two probes of an address that did not answer. */
    static final long PROBE_RETRY_MILLIS = 20;
    /** How long one probe waits for its answer. */
    static final long PROBE_TIMEOUT_MILLIS = 3_000;

    /** The two loads, run in this order, each for every round. */
    private enum Load {
        FAN_OUT, ONE_AT_A_TIME
    }

    private final LoadOptions options;
    private final Results results;
    private final PrintStream progress;
    private final List<String> childFlags;

    private ClusterBench(LoadOptions options, Results results, PrintStream progress, List<String> childFlags) {
        this.options = options;
        this.results = results;
        this.progress = progress;
        this.childFlags = childFlags;
    }

    /**
     * Runs the mode as the options say (the publishers of {@code --only}, the counts, rounds and windows),
     * adding its figures and errors to {@code results}.
     *
     * @param options    the command line
     * @param results    where the figures and errors go
     * @param progress   where progress lines go (stderr)
     * @param childFlags JVM flags of the subscriber child, besides {@link #HAZELCAST_FLAGS}
     */
    static void run(LoadOptions options, Results results, PrintStream progress, List<String> childFlags) {
        new ClusterBench(options, results, progress, childFlags).run();
    }

    /** One publisher, set up: its run and where it publishes. */
    private static final class Publisher {
        final ServerKind kind;
        final String address;
        /** Its index in the subscriber's STATS keys. */
        final int index;
        FanOutRun run;
        /** Messages sent and acknowledged so far, all runs: the subscriber's last seq. */
        long total;

        Publisher(ServerKind kind, String address, int index) {
            this.kind = kind;
            this.address = address;
            this.index = index;
        }
    }

    private void run() {
        List<ServerKind> kinds = new ArrayList<>();
        for (ServerKind k : new ServerKind[] {ServerKind.RELAY, ServerKind.BUS}) {
            if (options.runs(k)) {
                kinds.add(k);
            }
        }
        if (kinds.isEmpty()) {
            return;
        }
        String cluster = "tcpip-bench-" + ProcessHandle.current().pid() + "-"
            + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        List<Integer> ports;
        try {
            ports = FixedPorts.free(2);
        } catch (IOException e) {
            fail("cluster: no free ports for the cluster's members: " + e.getMessage());
            return;
        }
        List<String> members = List.of("127.0.0.1:" + ports.get(0), "127.0.0.1:" + ports.get(1));
        Map<ServerKind, Publisher> publishers = new EnumMap<>(ServerKind.class);
        List<String> childArgs = new ArrayList<>(List.of("--cluster-name", cluster, "--cluster-port",
            Integer.toString(ports.get(1)), "--members", String.join(",", members)));
        for (ServerKind kind : kinds) {
            Publisher p = new Publisher(kind, "tcpip-bench." + cluster + "." + kind.cliName(), publishers.size());
            publishers.put(kind, p);
            childArgs.add("--address");
            childArgs.add(p.address);
        }
        progress.println("starting cluster '" + cluster + "': a node in this JVM and a subscriber child (members "
            + String.join(", ", members) + ")");
        List<String> flags = new ArrayList<>(HAZELCAST_FLAGS);
        flags.addAll(childFlags);
        CompletableFuture<ChildServer> starting = CompletableFuture.supplyAsync(() -> {
            try {
                return ChildServer.start("cluster-subscriber", "cluster subscriber", ClusterSubscriberMain.class.getName(),
                    childArgs, Pattern.compile(Pattern.quote(ClusterSubscriberMain.READY)), flags);
            } catch (LoadException e) {
                throw new CompletionException(e);
            }
        });
        ClusterNode node = null;
        ChildServer child = null;
        Vertx controllerVertx = null;
        StructRelay<StandardHeader> relay = null;
        try {
            long start = System.nanoTime();
            try {
                // This node's members: itself alone, so that it does not wait for the child's node to answer;
                // the child joins it.
                node = await(ClusteredVertx.start(new ClusterOptions().setClusterName(cluster).setPort(ports.get(0))
                    .setMembers(members.subList(0, 1)), new VertxOptions().setEventLoopPoolSize(1)),
                    SETUP_SECONDS, "this JVM's node joining the cluster");
            } finally {
                child = startedChild(starting);
            }
            if (child == null) {
                return;
            }
            progress.println(String.format(Locale.ROOT, "cluster '%s' up in %.1f s", cluster, (System.nanoTime() - start) / 1e9));
            Vertx vertx = node.vertx();
            Context loop = LinePairs.eventLoops(vertx, 1).get(0);
            long loopThread = LinePairs.onContext(loop, () -> Future.succeededFuture(Thread.currentThread().getId()),
                "find the node's event loop");
            if (publishers.containsKey(ServerKind.RELAY)) {
                // The controller stands for one on a machine of its own: on this node's loop by default (see the
                // class description), on a Vert.x of its own with --cluster-controller-thread.
                controllerVertx = options.clusterControllerThread() ? Vertx.vertx() : null;
                relay = setUpRelay(vertx, controllerVertx != null ? controllerVertx : vertx, loop,
                    publishers.get(ServerKind.RELAY));
            }
            if (publishers.containsKey(ServerKind.BUS)) {
                setUpBus(vertx, loop, publishers.get(ServerKind.BUS));
            }
            for (Publisher p : publishers.values()) {
                ClusterNode n = node;
                await(probe(vertx, p.address, System.nanoTime() + TimeUnit.SECONDS.toNanos(SETUP_SECONDS))
                        .recover(e -> Future.failedFuture(e + " (this node sees " + n.members().size() + " member(s))")),
                    SETUP_SECONDS + 5, "the subscriber of " + p.address + " seen from this node, and its acknowledgements");
            }
            measure(publishers, child, relay, loopThread);
        } catch (LoadException e) {
            fail("cluster: " + e.getMessage() + died(child));
        } finally {
            if (relay != null) {
                awaitQuietly(relay.close(), "the relay's close");
            }
            if (controllerVertx != null) {
                awaitQuietly(controllerVertx.close(), "the controller's Vert.x close");
            }
            // This node leaves first, then the child's: the other way round, or both at once, this node warned
            // (at WARN, on stderr) that it could not reach the child's node any more. What the child logs as this
            // node leaves is relayed at INFO, under the WARN level.
            if (node != null) {
                awaitQuietly(node.close(), "this JVM's node leaving the cluster");
            }
            if (child != null) {
                child.close();
            }
        }
    }

    /** The subscriber child once started, or null (an error reported) if it did not start. */
    private ChildServer startedChild(CompletableFuture<ChildServer> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            fail("cluster: " + (e.getCause() instanceof LoadException ? e.getCause().getMessage() : String.valueOf(e.getCause())));
            return null;
        } catch (java.util.concurrent.CancellationException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- set-up

    /** (o): this node publishes the envelope itself, on {@code context}, which also takes the acknowledgements. */
    private static void setUpBus(Vertx vertx, Context context, Publisher p) throws LoadException {
        EventBus bus = vertx.eventBus();
        String address = p.address;
        p.run = new FanOutRun(context, seq -> {
            bus.publish(address, FanOutPayload.envelope(seq, FanOutPayload.json(seq)));
            return null;
        });
        acknowledgements(vertx, context, p);
    }

    /**
     * (n): a controller deployed on {@code controllerVertx} (this node's Vert.x, or one of its own), and a relay on
     * this node connected to it; the controller writes
     * sample {@code seq} as telemetry, which the relay publishes with the same {@code seq} (its first message
     * is 1, and it publishes every telemetry message). {@code ackContext} takes the acknowledgements.
     */
    private StructRelay<StandardHeader> setUpRelay(Vertx vertx, Vertx controllerVertx, Context ackContext, Publisher p)
        throws LoadException {
        OneClientServer controller = new OneClientServer(new ServerOptions().setHost("127.0.0.1").setPort(0));
        await(controllerVertx.deployVerticle(controller), SETUP_SECONDS, "the controller's start");
        StructRelay<StandardHeader> relay = StructRelay.create(vertx, new RelayOptions().setControllerPort(controller.port())
            .setAddress(p.address).setName("bench relay"), MockProtocol.PROTOCOL, new MockControllerCodec());
        await(relay.start(), SETUP_SECONDS, "the relay's start");
        await(relay.connected(), SETUP_SECONDS, "the relay's connection to the controller");
        await(controller.connectedFuture(), SETUP_SECONDS, "the controller's client");
        Context context = await(controller.onContext(() -> Future.succeededFuture(Vertx.currentContext())), SETUP_SECONDS,
            "the controller's context");
        MessageChannel<StandardHeader> channel = MockProtocol.PROTOCOL.channel(controller);
        Telemetry sample = new Telemetry();
        p.run = new FanOutRun(context, seq -> {
            Future<Long> written = channel.writeMessage(FanOutPayload.fill(sample, seq));
            return written.isComplete() && written.succeeded() ? null : written;
        });
        acknowledgements(vertx, ackContext, p);
        return relay;
    }

    /** Registers the consumer of the publisher's acknowledgements on {@code context}, everywhere in the cluster. */
    private static void acknowledgements(Vertx vertx, Context context, Publisher p) throws LoadException {
        FanOutRun run = p.run;
        String address = FanOutConsumer.ackAddress(p.address);
        LinePairs.onContext(context, () -> {
            MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, (Message<Object> m) -> {
                if (m.headers().contains(FanOutConsumer.PROBE)) {
                    m.reply("ok");
                } else if (m.body() instanceof JsonObject) {
                    run.ack((JsonObject) m.body());
                }
            });
            return consumer.completion();
        }, "register " + address);
    }

    /**
     * Asks the subscriber of {@code address}, through the cluster, whether it is there and sees this node's
     * acknowledgement consumer; asks again until it answers yes (a registration takes a moment to reach the
     * other members) or the deadline passes.
     */
    private static Future<Void> probe(Vertx vertx, String address, long deadlineNanos) {
        return vertx.eventBus().request(address, "probe", new DeliveryOptions().addHeader(FanOutConsumer.PROBE, "1")
            .setSendTimeout(PROBE_TIMEOUT_MILLIS)).<Void>mapEmpty().recover(e -> {
                if (System.nanoTime() - deadlineNanos >= 0) {
                    return Future.failedFuture(e);
                }
                Promise<Void> again = Promise.promise();
                vertx.setTimer(PROBE_RETRY_MILLIS, id -> probe(vertx, address, deadlineNanos).onComplete(again));
                return again.future();
            });
    }

    // ---------------------------------------------------------------- measuring

    private void measure(Map<ServerKind, Publisher> publishers, ChildServer child, StructRelay<StandardHeader> relay,
                         long loopThread) {
        int ackEvery = options.clusterAckEvery();
        long count = (options.clusterMessages() + ackEvery - 1) / ackEvery * ackEvery;
        Map<ServerKind, Publisher> live = new EnumMap<>(publishers);
        for (Load load : Load.values()) {
            int every = load == Load.FAN_OUT ? ackEvery : 1;
            try {
                child.command("ACK " + every, "ACK OK");
            } catch (LoadException e) {
                fail("cluster: " + e.getMessage() + died(child));
                return;
            }
            for (int round = -options.warmup(); round < options.rounds(); round++) {
                for (Publisher p : new ArrayList<>(live.values())) {
                    try {
                        if (load == Load.FAN_OUT) {
                            fanOut(p, child, relay, round, count, ackEvery, loopThread);
                        } else {
                            oneAtATime(p, child, relay, round);
                        }
                    } catch (LoadException e) {
                        fail("cluster " + p.kind.title() + ", " + (load == Load.FAN_OUT ? "fan-out" : "one at a time")
                            + ": " + e.getMessage() + died(child));
                        live.remove(p.kind);
                    }
                }
            }
        }
    }

    private void fanOut(Publisher p, ChildServer child, StructRelay<StandardHeader> relay, int round, long count,
                        int ackEvery, long loopThread) throws LoadException {
        long cpu = DatagramEchoServers.processCpuNanos();
        long loopCpu = threadCpuNanos(loopThread);
        long writes = HeapSampler.syscalls(true);
        Map<String, Long> before = child.stats();
        FanOutRun.Result r = runOnce(p, child, count, 0, options.clusterWindow(), ackEvery,
            60 + count / 1_000);
        long cpuAfter = DatagramEchoServers.processCpuNanos();
        long loopCpuAfter = threadCpuNanos(loopThread);
        long writesAfter = HeapSampler.syscalls(true);
        Map<String, Long> after = child.stats();
        check(p, child, relay, r, before, after);
        double rate = r.rate();
        double p50 = percentile(r.oneWayMicros, 50);
        double p99 = percentile(r.oneWayMicros, 99);
        double publisherCpu = cpu < 0 || cpuAfter < 0 ? -1 : (cpuAfter - cpu) / 1e3 / r.messages;
        double subscriberCpu = before.getOrDefault("cpu", -1L) < 0 ? -1
            : (after.get("cpu") - before.get("cpu")) / 1e3 / r.messages;
        double loopPerMessage = loopCpu < 0 || loopCpuAfter < 0 ? -1 : (loopCpuAfter - loopCpu) / 1e3 / r.messages;
        double publisherWrites = writes < 0 || writesAfter < 0 ? -1 : (double) (writesAfter - writes) / r.messages;
        double subscriberReads = before.getOrDefault("syscr", -1L) < 0 ? -1
            : (double) (after.get("syscr") - before.get("syscr")) / r.messages;
        progress.println(String.format(Locale.ROOT, "%s cluster %s: fan-out %d messages (window %d, ack every %d):"
                + " %s messages/s, one-way p50 %.0f µs, p99 %.0f µs; per message: node's event loop %.1f µs CPU,"
                + " publisher JVM %.1f µs CPU, %.3f writes, subscriber JVM %.1f µs CPU, %.3f reads", roundName(round),
            p.kind.title(), r.messages, options.clusterWindow(), ackEvery, Report.rate(rate), p50, p99, loopPerMessage,
            publisherCpu, publisherWrites, subscriberCpu, subscriberReads));
        if (round < 0) {
            return;
        }
        results.add(Mode.CLUSTER, p.kind, Results.FANOUT_MESSAGES, rate);
        results.add(Mode.CLUSTER, p.kind, Results.FANOUT_PREFIX + Results.ONE_WAY_P50, p50);
        results.add(Mode.CLUSTER, p.kind, Results.FANOUT_PREFIX + Results.ONE_WAY_P99, p99);
        if (loopPerMessage >= 0) {
            results.add(Mode.CLUSTER, p.kind, Results.FANOUT_PREFIX + Results.LOOP_CPU, loopPerMessage);
        }
        if (publisherCpu >= 0 && subscriberCpu >= 0) {
            results.add(Mode.CLUSTER, p.kind, Results.FANOUT_PREFIX + Results.PUBLISHER_CPU, publisherCpu);
            results.add(Mode.CLUSTER, p.kind, Results.FANOUT_PREFIX + Results.SUBSCRIBER_CPU, subscriberCpu);
        }
        if (publisherWrites >= 0 && subscriberReads >= 0) {
            results.add(Mode.CLUSTER, p.kind, Results.FANOUT_PREFIX + Results.PUBLISHER_WRITES, publisherWrites);
            results.add(Mode.CLUSTER, p.kind, Results.FANOUT_PREFIX + Results.SUBSCRIBER_READS, subscriberReads);
        }
    }

    private void oneAtATime(Publisher p, ChildServer child, StructRelay<StandardHeader> relay, int round)
        throws LoadException {
        long nanos = (long) (options.pingSeconds() * 1e9);
        Map<String, Long> before = child.stats();
        FanOutRun.Result r = runOnce(p, child, Long.MAX_VALUE, nanos, 1, 1, 60 + TimeUnit.NANOSECONDS.toSeconds(nanos));
        check(p, child, relay, r, before, child.stats());
        double rate = r.rate();
        double ow50 = percentile(r.oneWayMicros, 50);
        double ow99 = percentile(r.oneWayMicros, 99);
        double rt50 = percentile(r.roundTripNanos, 50) / 1e3;
        double rt99 = percentile(r.roundTripNanos, 99) / 1e3;
        progress.println(String.format(Locale.ROOT, "%s cluster %s: one at a time: %s round trips/s; one-way p50 %.1f µs,"
                + " p99 %.1f µs; round trip p50 %.1f µs, p99 %.1f µs", roundName(round), p.kind.title(),
            Report.rate(rate), ow50, ow99, rt50, rt99));
        if (round < 0) {
            return;
        }
        String prefix = Results.ONE_AT_A_TIME_PREFIX;
        results.add(Mode.CLUSTER, p.kind, prefix + Results.ROUND_TRIPS, rate);
        results.add(Mode.CLUSTER, p.kind, prefix + Results.ONE_WAY_P50, ow50);
        results.add(Mode.CLUSTER, p.kind, prefix + Results.ONE_WAY_P99, ow99);
        results.add(Mode.CLUSTER, p.kind, prefix + Results.ROUND_TRIP_P50, rt50);
        results.add(Mode.CLUSTER, p.kind, prefix + Results.ROUND_TRIP_P99, rt99);
    }

    /** One run of a publisher, waited for at most {@code timeoutSeconds}. */
    private static FanOutRun.Result runOnce(Publisher p, ChildServer child, long count, long nanos, int window,
                                            int ackEvery, long timeoutSeconds) throws LoadException {
        FanOutRun.Result r;
        try {
            r = p.run.start(count, nanos, window, ackEvery).toCompletionStage().toCompletableFuture()
                .get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new LoadException("no end within " + timeoutSeconds + " s: " + p.run.progress() + problems(child));
        } catch (ExecutionException e) {
            throw new LoadException(p.run.progress() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted");
        }
        if (r.oneWayMicros.length == 0) {
            throw new LoadException("no acknowledgement was timed");
        }
        return r;
    }

    /**
     * Fails unless the subscriber took every message of the run, once, in order, well formed, and (for the
     * relay) the relay published as many as the controller wrote.
     */
    private static void check(Publisher p, ChildServer child, StructRelay<StandardHeader> relay, FanOutRun.Result r,
                              Map<String, Long> before, Map<String, Long> after) throws LoadException {
        String k = p.index + ".";
        long received = after.get(k + "received") - before.get(k + "received");
        long bad = after.get(k + "missing") + after.get(k + "disordered") + after.get(k + "malformed");
        p.total += r.messages;
        if (received != r.messages || bad != 0 || after.get(k + "last") != p.total) {
            throw new LoadException(String.format(Locale.ROOT, "the subscriber took %d of %d messages (last seq %d,"
                    + " expected %d; %d missing, %d out of order, %d malformed so far)%s", received, r.messages,
                after.get(k + "last"), p.total, after.get(k + "missing"), after.get(k + "disordered"),
                after.get(k + "malformed"), problems(child)));
        }
        if (p.kind == ServerKind.RELAY && relay.published() != p.total) {
            throw new LoadException("the relay published " + relay.published() + " messages, the controller wrote " + p.total);
        }
    }

    /** "; the subscriber says: ..." with the first problem it saw per address, or "". */
    private static String problems(ChildServer child) {
        try {
            String line = child.command("PROBLEMS", "PROBLEMS");
            return line.length() > "PROBLEMS".length() ? "; the subscriber says:" + line.substring("PROBLEMS".length()) : "";
        } catch (LoadException e) {
            return "";
        }
    }

    /** The CPU time a thread has used, or -1 where the JVM does not measure it. */
    private static long threadCpuNanos(long threadId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled() ? threads.getThreadCpuTime(threadId) : -1;
    }

    private static double percentile(long[] sorted, double percentile) {
        return Stats.percentile(sorted, percentile);
    }

    // ---------------------------------------------------------------- helpers

    private static <T> T await(Future<T> future, long seconds, String what) throws LoadException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new LoadException(what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new LoadException(what + ": not done within " + seconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException(what + ": interrupted");
        }
    }

    private void awaitQuietly(Future<?> future, String what) {
        try {
            await(future, 15, what);
        } catch (LoadException e) {
            progress.println("warning: " + e.getMessage());
        }
    }

    /** " (the subscriber child died ...)" if it did, else "". */
    private static String died(ChildServer child) {
        if (child == null || child.isAlive()) {
            return "";
        }
        return " (the subscriber child died" + child.exitStatus().map(s -> ", exit status " + s).orElse("") + ")";
    }

    private String roundName(int round) {
        return round < 0 ? "warm-up" : "round " + (round + 1) + "/" + options.rounds();
    }

    private void fail(String message) {
        results.error(message);
        progress.println("ERROR: " + message);
    }
}
