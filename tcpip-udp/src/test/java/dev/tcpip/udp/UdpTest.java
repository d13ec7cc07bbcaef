package dev.tcpip.udp;

import dev.tcpip.testsupport.Await;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A fresh Vert.x per test, and plain JDK datagram sockets as peers, on loopback. */
public abstract class UdpTest {
    protected static final Duration WAIT = Duration.ofSeconds(10);

    protected Vertx vertx;
    private final List<DatagramEndpoint<?>> endpoints = new ArrayList<>();
    private final List<DatagramSocket> peers = new ArrayList<>();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (DatagramEndpoint<?> e : endpoints) {
            Await.await("closing " + e, e.close());
        }
        peers.forEach(DatagramSocket::close);
        Await.await("closing Vert.x", vertx.close());
    }

    protected <E extends DatagramEndpoint<?>> E started(E endpoint) throws Exception {
        endpoints.add(endpoint);
        Await.await("starting", endpoint.start());
        return endpoint;
    }

    /** A plain datagram socket on 127.0.0.1, its receives timing out after {@link #WAIT}. */
    protected DatagramSocket peer() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        s.setSoTimeout((int) WAIT.toMillis());
        peers.add(s);
        return s;
    }

    protected static void send(DatagramSocket from, int port, String text) throws IOException {
        send(from, port, text.getBytes(StandardCharsets.UTF_8));
    }

    protected static void send(DatagramSocket from, int port, byte[] bytes) throws IOException {
        from.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), port));
    }

    protected static String receive(DatagramSocket at) throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        at.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    protected static io.vertx.core.net.SocketAddress address(DatagramSocket s) {
        return io.vertx.core.net.SocketAddress.inetSocketAddress(s.getLocalPort(), "127.0.0.1");
    }
}
