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
     * Ports free on loopback now, below the kernel's range of ephemeral ports (Hazelcast needs fixed ports in
     * its members' list, so port 0 cannot be given; and a port that the system picked for port 0 is in the
     * ephemeral range, where the outgoing connections of the other nodes, or a server on port 0, could take it
     * before the node binds it). All are held open until all are found, so they differ.
     */
    static List<Integer> freePorts(int n) throws IOException {
        int low = 20_000;
        int high = Math.max(low + 1_000, ephemeralLow() - 1);
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            java.util.Random random = new java.util.Random();
            for (int tries = 0; ports.size() < n && tries < 10_000; tries++) {
                int candidate = low + random.nextInt(high - low);
                try {
                    ServerSocket s = new ServerSocket();
                    s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), candidate), 1);
                    held.add(s);
                    ports.add(candidate);
                } catch (IOException taken) {
                    // try another
                }
            }
            if (ports.size() < n) {
                throw new IOException("no " + n + " free ports in " + low + ".." + high);
            }
            return ports;
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /** The lowest ephemeral port (Linux's setting, or the IANA range's start elsewhere). */
    private static int ephemeralLow() {
        try {
            // readString trusts the size /proc reports (0) and reads a single byte: read the stream to its end.
            String range;
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(
                    java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                range = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            }
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
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
