package dev.tcpip.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A member of a cluster: its clustered {@link Vertx} and what it knows of the cluster. Made by
 * {@link ClusteredVertx#start}; {@link #close()} leaves the cluster.
 */
public final class ClusterNode {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final Vertx vertx;
    private final HazelcastClusterManager manager;
    private final String clusterName;

    ClusterNode(Vertx vertx, HazelcastClusterManager manager, String clusterName) {
        this.vertx = vertx;
        this.manager = manager;
        this.clusterName = clusterName;
    }

    /** {@return the clustered Vert.x: its event bus reaches every member} */
    public Vertx vertx() {
        return vertx;
    }

    /** {@return the cluster's name} */
    public String clusterName() {
        return clusterName;
    }

    /** {@return this node's id in the cluster} */
    public String nodeId() {
        return manager.getNodeId();
    }

    /** {@return the ids of the members now in the cluster, this node included; empty once it has left} */
    public List<String> members() {
        return manager.isActive() ? List.copyOf(manager.getNodes()) : List.of();
    }

    /**
     * Leaves the cluster and closes the Vert.x: its consumers are unregistered everywhere, and the other
     * members see it leave at once.
     *
     * @return completed once closed
     */
    public Future<Void> close() {
        return vertx.close();
    }

    /**
     * Adds a JVM shutdown hook that closes this node (so it leaves the cluster at once) on SIGTERM, Ctrl-C or
     * {@code System.exit}, waiting at most the timeout. Vert.x turns Hazelcast's own hook off.
     *
     * @param timeout how long the close may take before the JVM goes on exiting
     * @return the hook, to remove with {@link Runtime#removeShutdownHook} if the program closes the node itself
     */
    public Thread closeOnShutdown(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Thread hook = new Thread(() -> {
            LOG.info("leaving cluster '{}'", clusterName);
            try {
                close().toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.info("left cluster '{}'", clusterName);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("the node did not close within {} ms: {}", timeout.toMillis(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tcpip-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** {@return the cluster's name and this node's id} */
    @Override
    public String toString() {
        return "ClusterNode[" + clusterName + ", " + nodeId() + "]";
    }
}
