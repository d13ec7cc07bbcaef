package dev.tcpip.cluster.demo;

import dev.tcpip.cluster.ClusterNode;
import dev.tcpip.cluster.ClusterOptions;
import dev.tcpip.cluster.ClusteredVertx;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every command of the demo does around its own work: joins the cluster, prints {@code joined cluster
 * NAME} on stdout, leaves the cluster on SIGTERM or Ctrl-C (a JVM shutdown hook: Vert.x turns Hazelcast's
 * off), and reports a failure to join on stderr.
 */
final class ClusterRun {
    /** The first line on stdout, before the cluster's name. */
    static final String JOINED = "joined cluster ";
    /** How long joining may take. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    /** How long leaving may take, on a signal. */
    static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRun.class);

    private ClusterRun() {
    }

    /**
     * Joins the cluster and installs the hook that leaves it on a signal.
     *
     * @param program for the error line: {@code tcpip-cluster relay}
     * @param options the cluster options
     * @return the node, or null when it could not join (the reason printed on stderr)
     */
    static ClusterNode join(String program, ClusterOptions options) {
        try {
            ClusterNode node = await(ClusteredVertx.start(options), JOIN_TIMEOUT);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> leaveAndHalt(node), "tcpip-cluster-shutdown"));
            return node;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            System.err.println(program + ": cannot join cluster " + options.getClusterName() + " as "
                + options.getHost() + ":" + options.getPort() + ": " + reason(cause));
            System.err.flush();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * On SIGTERM or Ctrl-C: leaves the cluster (the others see this node go at once), then ends the JVM with
     * status 0, as the toolkit's other programs do once they have closed; 143 or 130 only if leaving took longer
     * than {@link #LEAVE_TIMEOUT}.
     */
    private static void leaveAndHalt(ClusterNode node) {
        LOG.info("leaving cluster '{}'", node.clusterName());
        try {
            await(node.close(), LEAVE_TIMEOUT);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("did not leave the cluster cleanly: {}", reason(e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        LOG.info("left cluster '{}'", node.clusterName());
        Runtime.getRuntime().halt(0);
    }

    /** Prints the joined line (the first line on stdout) and flushes it. */
    static void printJoined(PrintStream out, ClusterNode node) {
        out.println(JOINED + node.clusterName());
        out.flush();
    }

    /** Blocks until the JVM ends (the shutdown hook leaves the cluster). */
    static void runUntilStopped() {
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <T> T await(Future<T> future, Duration timeout) throws ExecutionException, TimeoutException, InterruptedException {
        return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
    }
}
