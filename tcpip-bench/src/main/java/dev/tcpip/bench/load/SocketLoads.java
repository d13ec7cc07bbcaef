package dev.tcpip.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The client load on plain blocking {@link Socket}s (TCP_NODELAY on, large reusable buffers), so that it
 * costs the same against every server and costs little: ping-pong, pipelined, and the memory flood. Every
 * echoed byte is counted exactly and checked against what was sent; a wrong, lost or extra byte is a
 * {@link LoadException}, never a number.
 */
final class SocketLoads {
    /** Size of the reusable read and write buffers, in bytes. */
    static final int CHUNK = 64 * 1024;
    /** Lines in the pipelined block that is sent again and again (CHUNK bytes). */
    static final int BLOCK_LINES = CHUNK / Items.LINE_BYTES;
    /** How long a read may wait for the next byte before the run fails. */
    static final int READ_TIMEOUT_MILLIS = 15_000;

    private SocketLoads() {
    }

    /**
     * Opens a client socket to 127.0.0.1.
     *
     * @param port the server's port
     * @return the connected socket, with TCP_NODELAY and a read timeout
     * @throws LoadException if it cannot connect
     */
    static Socket connect(int port) throws LoadException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            return s;
        } catch (IOException e) {
            closeQuietly(s);
            throw new LoadException("cannot connect to 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** Result of a ping-pong run: round trips and each one's latency. */
    static final class PingPong {
        final long roundTrips;
        final long elapsedNanos;
        /** Round-trip latencies in nanoseconds, sorted; {@code roundTrips} of them. */
        final long[] sortedLatencies;

        PingPong(long roundTrips, long elapsedNanos, long[] sortedLatencies) {
            this.roundTrips = roundTrips;
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
     * Ping-pong: sends one 64-byte line, waits for its echo and checks it byte for byte, again and again
     * for the given time.
     *
     * @param socket   a connected socket whose previous echoes have all been read
     * @param nanos    how long to run
     * @param firstSeq the number of the first line (each line carries its number)
     * @return the round trips and their latencies
     * @throws LoadException on a wrong or missing echo
     */
    static PingPong pingPong(Socket socket, long nanos, long firstSeq) throws LoadException {
        return pingPong(socket, EchoPattern.numberedLines(), nanos, firstSeq, "ping-pong");
    }

    /**
     * Ping-pong with any message: sends block {@code firstSeq} of the pattern, waits for its echo and
     * checks it byte for byte, then the next block, again and again for the given time.
     *
     * @param socket   a connected socket whose previous echoes have all been read
     * @param pattern  the messages: one per block
     * @param nanos    how long to run
     * @param firstSeq the index of the first block
     * @param what     the run's name, for error messages
     * @return the round trips and their latencies
     * @throws LoadException on a wrong or missing echo
     */
    static PingPong pingPong(Socket socket, EchoPattern pattern, long nanos, long firstSeq, String what)
        throws LoadException {
        byte[] out = pattern.newBlock();
        byte[] in = new byte[out.length];
        long[] latencies = new long[1 << 16];
        int n = 0;
        try {
            OutputStream os = socket.getOutputStream();
            InputStream is = socket.getInputStream();
            long start = System.nanoTime();
            long end = start + nanos;
            long now;
            long seq = firstSeq;
            do {
                pattern.fill(out, seq);
                long sent = System.nanoTime();
                os.write(out);
                readFully(is, in);
                now = System.nanoTime();
                int mismatch = Arrays.mismatch(out, in);
                if (mismatch >= 0) {
                    long at = seq * out.length;
                    throw new LoadException(what + ": the echo of " + pattern.item(at) + " differs at "
                        + pattern.where(at + mismatch) + (out.length > 128 ? ""
                        : ": sent '" + ascii(out) + "', got '" + ascii(in) + "'"));
                }
                if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = now - sent;
                seq++;
            } while (now - end < 0);
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            return new PingPong(n, now - start, sorted);
        } catch (SocketTimeoutException e) {
            throw new LoadException(what + ": no echo within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new LoadException(what + ": " + e, e);
        }
    }

    private static void readFully(InputStream is, byte[] buf) throws IOException {
        int got = 0;
        while (got < buf.length) {
            int r = is.read(buf, got, buf.length - got);
            if (r < 0) {
                throw new EOFException("the server closed the connection");
            }
            got += r;
        }
    }

    /**
     * Pipelined: a writer thread sends {@code lines} 64-byte lines as fast as the socket takes them, while
     * this thread reads the echoes and checks every byte against what was sent at that offset.
     *
     * @param socket a connected socket whose previous echoes have all been read
     * @param lines  how many lines
     * @return nanoseconds from the first write to the last echoed byte
     * @throws LoadException on a wrong, missing or failed echo
     */
    static long pipelined(Socket socket, long lines) throws LoadException {
        EchoPattern pattern = EchoPattern.constant(Items.echoBlock(BLOCK_LINES), Items.LINE_BYTES, "line");
        return pipelined(socket, pattern, lines * Items.LINE_BYTES, Long.MAX_VALUE, "pipelined");
    }

    /**
     * Pipelined with any pattern: a writer thread sends the first {@code total} bytes of the pattern's
     * stream as fast as the socket takes them, one block per write, while this thread reads the echoes
     * and checks every byte against what was sent at that offset.
     *
     * @param socket  a connected socket whose previous echoes have all been read
     * @param pattern what to send, from its block 0
     * @param total   how many bytes
     * @param window  the most bytes the writer may be ahead of the echoes read (Long.MAX_VALUE: no limit,
     *                the server's backpressure alone holds it back)
     * @param what    the run's name, for error messages
     * @return nanoseconds from the first write to the last echoed byte
     * @throws LoadException on a wrong, missing or failed echo
     */
    static long pipelined(Socket socket, EchoPattern pattern, long total, long window, String what)
        throws LoadException {
        AtomicReference<Throwable> writeError = new AtomicReference<>();
        AtomicLong echoed = new AtomicLong();
        OutputStream os;
        InputStream is;
        try {
            os = socket.getOutputStream();
            is = socket.getInputStream();
        } catch (IOException e) {
            throw new LoadException(what + ": " + e, e);
        }
        EchoPattern.Checker checker = pattern.new Checker(what);
        long start = System.nanoTime();
        Thread writer = new Thread(() -> {
            try {
                byte[] block = pattern.newBlock();
                long left = total;
                for (long index = 0; left > 0; index++) {
                    pattern.fill(block, index);
                    int n = (int) Math.min(left, block.length);
                    while (total - left - echoed.get() > window) {
                        LockSupport.parkNanos(20_000);
                        if (socket.isClosed()) {
                            return;
                        }
                    }
                    os.write(block, 0, n);
                    left -= n;
                }
            } catch (IOException | RuntimeException e) {
                writeError.set(e);
            }
        }, what + "-writer");
        writer.start();
        byte[] buf = new byte[CHUNK];
        long received = 0;
        try {
            while (received < total) {
                int r = is.read(buf, 0, (int) Math.min(buf.length, total - received));
                if (r < 0) {
                    throw new LoadException(what + ": the server closed the connection after " + received
                        + " of " + total + " bytes");
                }
                checker.check(buf, 0, r);
                received += r;
                echoed.lazySet(received);
            }
            long elapsed = System.nanoTime() - start;
            writer.join(TimeUnit.SECONDS.toMillis(30));
            if (writer.isAlive()) {
                throw new LoadException(what + ": the writer is still blocked although every echo came back");
            }
            if (writeError.get() != null) {
                throw new LoadException(what + ": write failed: " + writeError.get(), writeError.get());
            }
            return elapsed;
        } catch (SocketTimeoutException e) {
            throw new LoadException(what + ": no echo for " + READ_TIMEOUT_MILLIS + " ms after " + received
                + " of " + total + " bytes" + (writeError.get() == null ? "" : " (write failed: " + writeError.get() + ")"), e);
        } catch (IOException e) {
            throw new LoadException(what + ": read failed after " + received + " of " + total + " bytes: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted", e);
        } finally {
            if (writer.isAlive()) {
                closeQuietly(socket); // unblocks the writer
            }
        }
    }

    /** What a flood sends: fills chunks with the next bytes of a stream of known length. */
    interface FloodSource {
        /** @return the stream's length in bytes */
        long length();

        /**
         * Fills the start of {@code buf} with the next bytes.
         *
         * @param buf a CHUNK-sized buffer
         * @return how many bytes were filled, at least 1 while the stream has bytes left
         */
        int fill(byte[] buf);

        /** @return the answer a sink must give once it has read everything, or null for an echo server */
        String expectedAnswer();
    }

    /** The echo lines of {@link Items#echoBlock}, repeated. */
    static FloodSource echoFlood(long bytes) {
        byte[] block = Items.echoBlock(BLOCK_LINES);
        long length = bytes / Items.LINE_BYTES * Items.LINE_BYTES;
        return new FloodSource() {
            private long sent;

            @Override
            public long length() {
                return length;
            }

            @Override
            public int fill(byte[] buf) {
                int n = (int) Math.min(block.length, length - sent);
                System.arraycopy(block, 0, buf, 0, n);
                sent += n;
                return n;
            }

            @Override
            public String expectedAnswer() {
                return null;
            }
        };
    }

    /** A header, then as many structs as fit in {@code bytes}, encoded by hand. */
    static FloodSource structFlood(long bytes) {
        long count = bytes / 32;
        return itemFlood(count, 32, Items.OK + " " + count + " " + Items.structChecksum(count), (buf, off, i) -> {
            ByteBuffer bb = ByteBuffer.wrap(buf, off, 32).order(ByteOrder.LITTLE_ENDIAN);
            Items.encodeStruct(bb, i);
        });
    }

    /** A header, then as many 64-byte JSON lines as fit in {@code bytes}. */
    static FloodSource jsonFlood(long bytes) {
        long count = bytes / Items.LINE_BYTES;
        return itemFlood(count, Items.LINE_BYTES, Items.OK + " " + count + " " + Items.jsonChecksum(count),
            Items::jsonLine);
    }

    /** Writes one item at an offset of an array. */
    interface ItemWriter {
        void write(byte[] buf, int offset, long i);
    }

    private static FloodSource itemFlood(long count, int itemBytes, String answer, ItemWriter writer) {
        byte[] header = (Items.COUNT + " " + count + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return new FloodSource() {
            private boolean headerSent;
            private long next;

            @Override
            public long length() {
                return header.length + count * itemBytes;
            }

            @Override
            public int fill(byte[] buf) {
                if (!headerSent) {
                    headerSent = true;
                    System.arraycopy(header, 0, buf, 0, header.length);
                    return header.length;
                }
                int n = (int) Math.min(buf.length / itemBytes, count - next);
                for (int k = 0; k < n; k++) {
                    writer.write(buf, k * itemBytes, next + k);
                }
                next += n;
                return n * itemBytes;
            }

            @Override
            public String expectedAnswer() {
                return answer;
            }
        };
    }

    /** Result of a flood. */
    static final class Flood {
        final long accepted;
        final long length;
        final boolean stalled;
        final long elapsedNanos;

        Flood(long accepted, long length, boolean stalled, long elapsedNanos) {
            this.accepted = accepted;
            this.length = length;
            this.stalled = stalled;
            this.elapsedNanos = elapsedNanos;
        }
    }

    /**
     * The memory flood: writes the source's bytes as fast as the socket takes them and never reads,
     * until all are written or no write has gone through for {@code stallNanos}; then, for a sink, reads
     * and checks its answer. The socket is closed at the end.
     *
     * @param port       the server's port
     * @param source     what to send
     * @param stallNanos how long without progress counts as a stall
     * @return the bytes the socket accepted, and whether it stalled
     * @throws LoadException if a sink stalls, or answers wrongly or not at all
     */
    static Flood flood(int port, FloodSource source, long stallNanos) throws LoadException {
        Socket socket = connect(port);
        AtomicLong accepted = new AtomicLong();
        AtomicReference<Throwable> writeError = new AtomicReference<>();
        try {
            OutputStream os = socket.getOutputStream();
            long start = System.nanoTime();
            Thread writer = new Thread(() -> {
                byte[] buf = new byte[CHUNK];
                try {
                    long left = source.length();
                    while (left > 0) {
                        int n = source.fill(buf);
                        os.write(buf, 0, n);
                        accepted.addAndGet(n);
                        left -= n;
                    }
                } catch (IOException | RuntimeException e) {
                    writeError.set(e);
                }
            }, "flood-writer");
            writer.start();
            long lastValue = -1;
            long lastChange = System.nanoTime();
            boolean stalled = false;
            while (writer.isAlive()) {
                writer.join(20);
                long now = System.nanoTime();
                long value = accepted.get();
                if (value != lastValue) {
                    lastValue = value;
                    lastChange = now;
                } else if (now - lastChange > stallNanos) {
                    stalled = true;
                    break;
                }
            }
            long elapsed = (stalled ? lastChange : System.nanoTime()) - start;
            if (stalled) {
                endGracefully(socket, writer, stallNanos);
                return new Flood(lastValue, source.length(), true, elapsed);
            }
            if (writeError.get() != null) {
                throw new LoadException("flood: write failed after " + accepted.get() + " bytes: " + writeError.get(),
                    writeError.get());
            }
            String expected = source.expectedAnswer();
            if (expected == null) {
                endGracefully(socket, writer, stallNanos); // an echo server: the echoes were never read
            } else {
                String answer = readLine(socket.getInputStream());
                long answered = System.nanoTime() - start;
                if (!expected.equals(answer)) {
                    throw new LoadException("flood: the sink answered '" + answer + "', expected '" + expected + "'");
                }
                elapsed = answered;
            }
            return new Flood(accepted.get(), source.length(), false, elapsed);
        } catch (SocketTimeoutException e) {
            throw new LoadException("flood: the sink did not answer within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new LoadException("flood: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted", e);
        } finally {
            closeQuietly(socket);
        }
    }

    /**
     * Ends a stalled flood without resetting the connection: shuts down the output (which unblocks the
     * writer; the server reads end of stream), then reads and drops what the server still sends until it
     * closes, or sends nothing for {@code quietNanos}, or five seconds have passed. Closing at once with
     * unread echoes would reset the connection.
     */
    private static void endGracefully(Socket socket, Thread writer, long quietNanos) throws InterruptedException {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(socket);
        }
        writer.join(10_000);
        if (writer.isAlive()) {
            closeQuietly(socket);
            writer.join(10_000);
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        byte[] buf = new byte[CHUNK];
        try {
            socket.setSoTimeout((int) Math.max(100, TimeUnit.NANOSECONDS.toMillis(quietNanos)));
            while (System.nanoTime() - deadline < 0 && socket.getInputStream().read(buf) >= 0) {
                // drop it
            }
        } catch (IOException e) {
            // quiet for long enough, reset or closed: nothing more to drain
        }
    }

    /** Reads one CR LF line, without the terminator; null at end of stream before any byte. */
    private static String readLine(InputStream is) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = is.read();
            if (b < 0) {
                return sb.length() == 0 ? null : sb.toString();
            }
            if (b == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) b);
        }
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
    }

    /**
     * Closes a socket, ignoring errors.
     *
     * @param s the socket, or null
     */
    static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
