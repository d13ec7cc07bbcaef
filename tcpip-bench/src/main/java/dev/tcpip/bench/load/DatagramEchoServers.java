package dev.tcpip.bench.load;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.udp.DatagramOptions;
import dev.tcpip.udp.DatagramServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The three datagram servers of the udp mode, all bound to 127.0.0.1 on a free port, each doing the same
 * per datagram: count it ({@link Counter}), and if its first byte is {@link #ECHO} send it back to its
 * sender as it came; any other datagram is only counted (the one-way load).
 */
final class DatagramEchoServers {
    /** The first byte of a datagram to echo. */
    static final byte ECHO = 'E';
    /** The first byte of a datagram only counted. */
    static final byte COUNT = 'C';

    private DatagramEchoServers() {
    }

    /**
     * What a server has received since the last {@link #reset()}: how many datagrams, and when the first
     * and the last of them came (this JVM's {@link System#nanoTime()}). Written by the server's event loop
     * only, read by any thread.
     */
    static final class Counter {
        private final AtomicLong datagrams = new AtomicLong();
        private volatile long first;
        private volatile long last;

        /** Counts one datagram, now. */
        void arrived() {
            long now = System.nanoTime();
            if (datagrams.incrementAndGet() == 1) {
                first = now;
            }
            last = now;
        }

        /** Forgets what was counted. */
        void reset() {
            datagrams.set(0);
            first = 0;
            last = 0;
        }

        /** @return the datagrams counted */
        long datagrams() {
            return datagrams.get();
        }

        /**
         * @return {@code datagrams=N firstDatagram=T lastDatagram=T statsAt=T cpu=C}, the form of the child's STATS
         *     line (T in nanoseconds of the child's clock: when the first and the last datagram came, 0 before
         *     the first, and when the count was read; C the CPU time this process has used, in nanoseconds, or
         *     -1 where the JVM does not tell)
         */
        String stats() {
            long now = System.nanoTime();
            return "datagrams=" + datagrams.get() + " firstDatagram=" + first + " lastDatagram=" + last + " statsAt=" + now
                + " cpu=" + processCpuNanos();
        }
    }

    /** @return the CPU time this process has used, in nanoseconds, or -1 where the JVM does not tell */
    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Server (k) or (l): this project's {@link DatagramServer}, with its default options (a 2048-byte
     * maximum, a 1 MiB kernel queue asked for, handlers in order on its context), and the bytes or the
     * String codec; the handler replies with {@code reply.send(message, sender)}.
     *
     * @param vertx   the Vert.x instance
     * @param text    true for {@link PayloadCodec#string()} (each datagram decoded, each echo encoded), false
     *                for {@link PayloadCodec#bytes()}
     * @param counter counts what arrives
     * @return the port, once bound
     */
    static Future<Integer> datagramServer(Vertx vertx, boolean text, Counter counter) {
        if (text) {
            DatagramServer<String> server = DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.string(),
                (message, sender, reply) -> {
                    counter.arrived();
                    if (!message.isEmpty() && message.charAt(0) == ECHO) {
                        reply.send(message, sender);
                    }
                });
            return server.start();
        }
        DatagramServer<Buffer> server = DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.bytes(),
            (message, sender, reply) -> {
                counter.arrived();
                if (message.length() > 0 && message.getByte(0) == ECHO) {
                    reply.send(message, sender);
                }
            });
        return server.start();
    }

    /**
     * Server (m): a bare Vert.x {@link DatagramSocket} with its default options (Netty's 2048-byte receive
     * buffer, the kernel's default queue), the idiomatic echo:
     * {@code socket.send(packet.data(), sender.port(), sender.host())}.
     *
     * @param vertx   the Vert.x instance
     * @param counter counts what arrives
     * @return the port, once bound
     */
    static Future<Integer> bareSocket(Vertx vertx, Counter counter) {
        DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions());
        socket.handler(packet -> {
            counter.arrived();
            Buffer data = packet.data();
            if (data.length() > 0 && data.getByte(0) == ECHO) {
                socket.send(data, packet.sender().port(), packet.sender().host());
            }
        });
        return socket.listen(0, "127.0.0.1").map(s -> s.localAddress().port());
    }
}
