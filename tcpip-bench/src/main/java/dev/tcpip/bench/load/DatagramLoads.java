package dev.tcpip.bench.load;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client load of the udp mode, on a plain blocking {@link DatagramSocket} connected to the server (so
 * that it receives from the server only), the same against every server:
 * <ul>
 *   <li>round trips: one datagram, wait for its echo, check it byte for byte, again and again for a time;
 *       an echo that does not come within the socket's timeout ({@link #LOSS_TIMEOUT_MILLIS} from
 *       {@link #connect}) is counted as lost and the next datagram goes out (UDP may lose either datagram);
 *       a late echo of an earlier datagram is skipped;</li>
 *   <li>one-way: datagrams sent as fast as the socket takes them, never paced; the server counts what
 *       arrives, the kernel drops what does not fit in its queue, and the loss is reported.</li>
 * </ul>
 * Every datagram is printable ASCII, so that the String codec's server decodes it: the first byte says
 * what to do with it ({@link DatagramEchoServers#ECHO} or {@link DatagramEchoServers#COUNT}), the next 16
 * are its number in hexadecimal, the rest letters that follow from the number.
 */
final class DatagramLoads {
    /** How long a round trip waits for its echo before counting it as lost. */
    static final int LOSS_TIMEOUT_MILLIS = 500;
    /** Lost echoes in a row after which a round-trip run fails: the server has stopped answering. */
    static final int MAX_LOST_IN_A_ROW = 10;
    /** The smallest datagram: the first byte and the number. */
    static final int MIN_SIZE = 17;

    private DatagramLoads() {
    }

    /**
     * Opens a datagram socket on 127.0.0.1, connected to the server's port.
     *
     * @param port the server's port on 127.0.0.1
     * @return the socket, its receives timing out after {@link #LOSS_TIMEOUT_MILLIS}
     * @throws LoadException if it cannot be opened
     */
    static DatagramSocket connect(int port) throws LoadException {
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(loopback, 0));
            s.connect(new InetSocketAddress(loopback, port));
            s.setSoTimeout(LOSS_TIMEOUT_MILLIS);
            return s;
        } catch (IOException e) {
            throw new LoadException("cannot open a datagram socket to 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fills a datagram: the kind byte, the number in 16 hexadecimal digits, then letters from the number.
     *
     * @param datagram the datagram, at least {@link #MIN_SIZE} bytes
     * @param kind     {@link DatagramEchoServers#ECHO} or {@link DatagramEchoServers#COUNT}
     * @param seq      its number
     */
    static void fill(byte[] datagram, byte kind, long seq) {
        datagram[0] = kind;
        number(datagram, seq);
        for (int i = MIN_SIZE; i < datagram.length; i++) {
            datagram[i] = (byte) ('a' + (seq + i) % 26);
        }
    }

    /** Writes the number, in 16 hexadecimal digits, after the kind byte. */
    private static void number(byte[] datagram, long seq) {
        for (int i = 0; i < 16; i++) {
            datagram[1 + i] = (byte) Character.forDigit((int) (seq >>> (60 - 4 * i)) & 0xF, 16);
        }
    }

    /**
     * @param datagram a datagram made by {@link #fill}
     * @param length   its length
     * @return its number, or -1 if it has none
     */
    static long number(byte[] datagram, int length) {
        if (length < MIN_SIZE) {
            return -1;
        }
        try {
            return Long.parseUnsignedLong(new String(datagram, 1, 16, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The first round trip on a new socket, datagram number 0, waiting up to {@code timeoutMillis} for its
     * echo: a server's first answer takes much longer than the others (Vert.x resolves the sender's host for
     * its first send, classes load), which no measured run should pay for.
     *
     * @param socket        a socket from {@link #connect}, its timeout then restored
     * @param timeoutMillis how long to wait for the echo
     * @throws LoadException if no echo comes, or a wrong one
     */
    static void firstEcho(DatagramSocket socket, int timeoutMillis) throws LoadException {
        byte[] out = new byte[64];
        fill(out, DatagramEchoServers.ECHO, 0);
        byte[] in = new byte[65];
        DatagramPacket inPacket = new DatagramPacket(in, in.length);
        try {
            int timeout = socket.getSoTimeout();
            socket.setSoTimeout(timeoutMillis);
            try {
                socket.send(new DatagramPacket(out, out.length));
                socket.receive(inPacket);
            } finally {
                socket.setSoTimeout(timeout);
            }
        } catch (SocketTimeoutException e) {
            throw new LoadException("no echo of the first datagram within " + timeoutMillis + " ms", e);
        } catch (IOException e) {
            throw new LoadException("the first datagram: " + e, e);
        }
        if (inPacket.getLength() != out.length || Arrays.mismatch(out, 0, out.length, in, 0, out.length) >= 0) {
            throw new LoadException("the echo of the first datagram differs: got '" + ascii(in, inPacket.getLength()) + "'");
        }
    }

    /** Result of a round-trip run: the echoes that came, each one's latency, and those that did not. */
    static final class RoundTrips {
        final long roundTrips;
        final long lost;
        final long elapsedNanos;
        /** Round-trip latencies in nanoseconds, sorted; {@code roundTrips} of them. */
        final long[] sortedLatencies;

        RoundTrips(long roundTrips, long lost, long elapsedNanos, long[] sortedLatencies) {
            this.roundTrips = roundTrips;
            this.lost = lost;
            this.elapsedNanos = elapsedNanos;
            this.sortedLatencies = sortedLatencies;
        }

        double roundTripsPerSecond() {
            return roundTrips * 1e9 / elapsedNanos;
        }

        double percentileMicros(double p) {
            return Stats.percentile(sortedLatencies, p) / 1e3;
        }
    }

    /**
     * Round trips: sends one datagram of {@code size} bytes, waits for its echo and checks it byte for byte,
     * then the next, for the given time.
     *
     * @param socket   a socket from {@link #connect}
     * @param size     the datagram's size, at least {@link #MIN_SIZE}
     * @param nanos    how long to run
     * @param firstSeq the number of the first datagram (numbers must not repeat on a socket)
     * @param what     the run's name, for error messages
     * @return the round trips, their latencies, and the echoes lost
     * @throws LoadException on a wrong echo, or when {@link #MAX_LOST_IN_A_ROW} echoes in a row do not come
     */
    static RoundTrips roundTrips(DatagramSocket socket, int size, long nanos, long firstSeq, String what)
        throws LoadException {
        byte[] out = new byte[size];
        byte[] in = new byte[size + 1];
        DatagramPacket outPacket = new DatagramPacket(out, size);
        DatagramPacket inPacket = new DatagramPacket(in, in.length);
        long[] latencies = new long[1 << 16];
        int n = 0;
        long lost = 0;
        int lostInARow = 0;
        try {
            long start = System.nanoTime();
            long end = start + nanos;
            long now;
            long seq = firstSeq;
            do {
                fill(out, DatagramEchoServers.ECHO, seq);
                long sent = System.nanoTime();
                socket.send(outPacket);
                boolean echoed = false;
                while (!echoed) {
                    inPacket.setLength(in.length);
                    try {
                        socket.receive(inPacket);
                    } catch (SocketTimeoutException timeout) {
                        break;
                    }
                    long got = number(in, inPacket.getLength());
                    if (got >= firstSeq && got < seq) {
                        continue;   // the late echo of a datagram counted as lost
                    }
                    if (got != seq || inPacket.getLength() != size || Arrays.mismatch(out, 0, size, in, 0, size) >= 0) {
                        throw new LoadException(what + ": the echo of datagram " + seq + " differs: sent "
                            + size + " bytes '" + ascii(out, size) + "', got " + inPacket.getLength() + " bytes '"
                            + ascii(in, inPacket.getLength()) + "'");
                    }
                    echoed = true;
                }
                now = System.nanoTime();
                if (echoed) {
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = now - sent;
                    lostInARow = 0;
                } else {
                    lost++;
                    if (++lostInARow == MAX_LOST_IN_A_ROW) {
                        throw new LoadException(what + ": no echo of " + MAX_LOST_IN_A_ROW + " datagrams in a row (each"
                            + " waited " + socket.getSoTimeout() + " ms)");
                    }
                }
                seq++;
            } while (now - end < 0);
            if (n == 0) {
                throw new LoadException(what + ": no echo came");
            }
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            return new RoundTrips(n, lost, now - start, sorted);
        } catch (IOException e) {
            throw new LoadException(what + ": " + e, e);
        }
    }

    /**
     * One-way: sends {@code count} datagrams of {@code size} bytes, numbered from {@code firstSeq}, as fast
     * as the socket takes them. Only the number changes from one to the next (the letters are those of the
     * first), so that the sender spends its time sending.
     *
     * @param socket   a socket from {@link #connect}
     * @param size     the datagram's size, at least {@link #MIN_SIZE}
     * @param count    how many
     * @param firstSeq the number of the first one
     * @param sent     set to the number sent so far, every 256 datagrams and at the end (null: not told)
     * @param what     the run's name, for error messages
     * @return the nanoseconds the sends took
     * @throws LoadException if a send fails
     */
    static long blast(DatagramSocket socket, int size, long count, long firstSeq, AtomicLong sent, String what)
        throws LoadException {
        byte[] out = new byte[size];
        DatagramPacket packet = new DatagramPacket(out, size);
        fill(out, DatagramEchoServers.COUNT, firstSeq);
        long start = System.nanoTime();
        try {
            for (long i = 0; i < count; i++) {
                number(out, firstSeq + i);
                socket.send(packet);
                if (sent != null && (i & 255) == 255) {
                    sent.set(i + 1);
                }
            }
            if (sent != null) {
                sent.set(count);
            }
        } catch (IOException e) {
            throw new LoadException(what + ": a send failed: " + e, e);
        }
        return System.nanoTime() - start;
    }

    private static String ascii(byte[] b, int length) {
        int shown = Math.min(length, 40);
        return new String(b, 0, shown, StandardCharsets.ISO_8859_1) + (length > shown ? "..." : "");
    }

    static void closeQuietly(DatagramSocket s) {
        if (s != null) {
            s.close();
        }
    }
}
