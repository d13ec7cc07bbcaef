package dev.tcpip.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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

    /**
     * Ports free on loopback now (Hazelcast needs fixed ports in its members' list: port 0 cannot be given to
     * the others). All are held open until all are found, so they differ.
     */
    static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /** Options of each member of a cluster of {@code n} on loopback, each listing all. */
    static List<ClusterOptions> cluster(int n) throws IOException {
        String name = uniqueClusterName();
        List<Integer> ports = freePorts(n);
        List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        List<ClusterOptions> options = new ArrayList<>();
        for (int p : ports) {
            options.add(new ClusterOptions().setClusterName(name).setPort(p).setMembers(members));
        }
        return options;
    }
}
