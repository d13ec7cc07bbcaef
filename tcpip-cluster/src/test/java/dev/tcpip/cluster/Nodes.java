package dev.tcpip.cluster;

import dev.tcpip.testsupport.FixedPorts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Cluster options for tests: a cluster name of its own per run, and free loopback ports for its members. */
final class Nodes {
    private Nodes() {
    }

    /** A cluster name no other run uses. */
    static String uniqueClusterName() {
        return "test-" + UUID.randomUUID();
    }

    /** Options of each member of a cluster of {@code n} on loopback, each listing all. */
    static List<ClusterOptions> cluster(int n) throws IOException {
        String name = uniqueClusterName();
        List<Integer> ports = FixedPorts.free(n);
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        List<ClusterOptions> options = new ArrayList<>();
        for (int p : ports) {
            options.add(new ClusterOptions().setClusterName(name).setPort(p).setMembers(members));
        }
        return options;
    }
}
