package dev.tcpip.bench.load;

import dev.tcpip.cluster.ClusterNode;
import dev.tcpip.cluster.ClusterOptions;
import dev.tcpip.cluster.ClusteredVertx;
import dev.tcpip.launcher.CommandLines;
import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cluster mode's child JVM: a node of the load program's cluster that subscribes to the fan-out addresses
 * ({@link FanOutConsumer} each), prints {@value #READY} on stdout once it has joined and its consumers are
 * registered, then answers commands read on stdin, one per line:
 * <ul>
 *   <li>{@code STATS}: one line {@code STATS cpu=... syscr=... syscw=... 0.received=... 0.last=... 0.missing=...
 *       0.disordered=... 0.malformed=...}, then the same for address 1 and so on, in the order of
 *       {@code --address}; {@code cpu} is this process's CPU time in nanoseconds, {@code syscr} and
 *       {@code syscw} its read and write system calls so far (-1 where unknown);</li>
 *   <li>{@code ACK n}: acknowledge every n-th message from now on, on every address; answers
 *       {@code ACK OK};</li>
 *   <li>{@code PROBLEMS}: one line {@code PROBLEMS} followed by the first thing that was wrong on each address,
 *       if anything was;</li>
 *   <li>{@code QUIT}, or the end of stdin (the parent has gone): leaves the cluster and exits.</li>
 * </ul>
 * Hazelcast wants the JVM flags of {@code ClusterBench#HAZELCAST_FLAGS}. Logging is set to WARN. Exit status
 * 2 for a bad command line, 1 if the node cannot join.
 */
@Command(name = "ClusterSubscriberMain", description = "The load program's cluster subscriber: joins the cluster,"
    + " consumes the fan-out addresses, and answers STATS, ACK n and QUIT on stdin.")
public final class ClusterSubscriberMain {
    /** The stdout line that says the node has joined and its consumers are registered. */
    public static final String READY = "SUBSCRIBED";
    /** How long joining may take. */
    private static final long JOIN_SECONDS = 60;
    /** How long leaving the cluster may take at exit. */
    private static final long LEAVE_SECONDS = 10;

    @Option(names = "--cluster-name", paramLabel = "NAME", required = true, description = "the cluster's name")
    String clusterName;

    @Option(names = "--cluster-port", paramLabel = "P", required = true, description = "this node's Hazelcast port on 127.0.0.1")
    int clusterPort;

    @Option(names = "--members", paramLabel = "H:P[,H:P...]", required = true, split = ",",
        description = "the members to join through")
    List<String> members;

    @Option(names = "--address", paramLabel = "A", required = true, description = "an address to consume (repeatable)")
    List<String> addresses;

    private ClusterSubscriberMain() {
    }

    /**
     * Runs the child; see the class description.
     *
     * @param args {@code --cluster-name NAME --cluster-port P --members H:P,... --address A [--address B ...]}
     */
    public static void main(String[] args) {
        ClusterSubscriberMain child = new ClusterSubscriberMain();
        int status = CommandLines.configure(new CommandLine(child), "ClusterSubscriberMain", parseResult -> child.run())
            .execute(args);
        System.exit(status);
    }

    private int run() {
        Quiet.logging();
        ClusterNode node;
        List<FanOutConsumer> consumers = new ArrayList<>();
        try {
            node = ClusteredVertx.start(new ClusterOptions().setClusterName(clusterName).setPort(clusterPort)
                .setMembers(members)).toCompletionStage().toCompletableFuture().get(JOIN_SECONDS, TimeUnit.SECONDS);
            List<Future<Void>> registered = new ArrayList<>();
            for (String address : addresses) {
                FanOutConsumer consumer = new FanOutConsumer(node.vertx().eventBus(), address);
                MessageConsumer<Object> c = node.vertx().eventBus().consumer(address, consumer);
                consumers.add(consumer);
                registered.add(c.completion());
            }
            Future.all(registered).toCompletionStage().toCompletableFuture().get(JOIN_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("ClusterSubscriberMain: cannot join cluster '" + clusterName + "': " + e);
            return 1;
        }
        System.out.println(READY);
        System.out.flush();
        try {
            answer(consumers);
        } catch (IOException e) {
            System.err.println("ClusterSubscriberMain: cannot read stdin: " + e);   // the parent has gone
        }
        try {
            node.close().toCompletionStage().toCompletableFuture().get(LEAVE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("ClusterSubscriberMain: the node did not leave the cluster in time: " + e);
        }
        return 0;
    }

    /** Answers the commands read on stdin until QUIT or its end. */
    private static void answer(List<FanOutConsumer> consumers) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.trim();
            if (command.equals("STATS")) {
                StringBuilder sb = new StringBuilder("STATS cpu=").append(DatagramEchoServers.processCpuNanos())
                    .append(" syscr=").append(HeapSampler.syscalls(false)).append(" syscw=").append(HeapSampler.syscalls(true));
                for (int i = 0; i < consumers.size(); i++) {
                    sb.append(' ').append(consumers.get(i).stats(i + "."));
                }
                System.out.println(sb);
            } else if (command.startsWith("ACK ")) {
                try {
                    int n = Integer.parseInt(command.substring(4).trim());
                    consumers.forEach(c -> c.ackEvery(n));
                    System.out.println("ACK OK");
                } catch (IllegalArgumentException e) {
                    System.out.println("ERR " + e.getMessage());
                }
            } else if (command.equals("PROBLEMS")) {
                StringBuilder sb = new StringBuilder("PROBLEMS");
                for (FanOutConsumer c : consumers) {
                    if (!c.firstProblem().isEmpty()) {
                        sb.append(' ').append(c.address()).append(": ").append(c.firstProblem()).append(';');
                    }
                }
                System.out.println(sb);
            } else if (command.equals("QUIT")) {
                break;
            } else if (!command.isEmpty()) {
                System.out.println("ERR unknown command: " + command);
            }
            System.out.flush();
        }
    }
}
