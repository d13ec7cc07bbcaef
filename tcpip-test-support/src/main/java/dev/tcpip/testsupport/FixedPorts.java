package dev.tcpip.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fixed ports for what cannot take port 0: Hazelcast members, which must be given each other's ports in
 * advance, and a server restarted on the same port while a client keeps trying to reconnect to it. The ports
 * are free on loopback now and lie below the kernel's range of ephemeral ports, so that neither a server on
 * port 0 nor an outgoing connection takes one before its server binds it: a client that retries a dead port of
 * the ephemeral range on loopback can be given that very port as its own and connect to itself (TCP's
 * simultaneous open), holding the port that the restarted server then cannot bind.
 */
public final class FixedPorts {
    private FixedPorts() {
    }

    /**
     * Ports free on loopback now, all different (each is held open until all are found).
     *
     * @param n how many
     * @return the ports, in 20000 and up, below the ephemeral range
     * @throws IOException if not enough are free
     */
    public static List<Integer> free(int n) throws IOException {
        int low = 20_000;
        int high = Math.max(low + 1_000, ephemeralLow() - 1);
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            Random random = new Random();
            for (int tries = 0; ports.size() < n && tries < 10_000; tries++) {
                int candidate = low + random.nextInt(high - low);
                try {
                    ServerSocket s = new ServerSocket();
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate), 1);
                    held.add(s);
                    ports.add(candidate);
                } catch (IOException taken) {
                    // another one
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

    /** The lowest ephemeral port: Linux's setting, or the start of IANA's range elsewhere. */
    private static int ephemeralLow() {
        // Files.readString trusts the size /proc reports (0) and reads one byte: read the stream to its end.
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
