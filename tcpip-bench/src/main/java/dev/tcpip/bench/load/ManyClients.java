package dev.tcpip.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many clients at once, each pipelining frames: one thread drives every connection through one NIO
 * {@link Selector} (non-blocking channels, TCP_NODELAY on), so that a hundred clients cost one thread,
 * not two hundred. Each client sends its own stream of {@link EchoPattern#frames numbered frames} (its
 * number is in every frame) as fast as its socket takes them, and checks every echoed byte of its own
 * stream as it arrives: a wrong, lost, reordered or crossed frame, a closed connection or a stall is a
 * {@link LoadException}, never a number.
 */
final class ManyClients {
    /** Frames per write of one client. */
    static final int FRAMES_PER_WRITE = 64;
    /** Bytes per read of one client. */
    static final int READ_BYTES = 16 * 1024;

    private ManyClients() {
    }

    /** One client's connection and progress. */
    private static final class Client {
        final int id;
        final SocketChannel channel;
        final EchoPattern.Frames pattern;
        final EchoPattern.Checker checker;
        final long total;
        final byte[] block;
        final ByteBuffer out;
        final ByteBuffer in = ByteBuffer.allocate(READ_BYTES);
        long sent;
        long nextBlock;
        SelectionKey key;

        Client(int id, SocketChannel channel, int payload, long frames, String what) {
            this.id = id;
            this.channel = channel;
            this.pattern = EchoPattern.frames(payload, FRAMES_PER_WRITE, id);
            this.checker = pattern.new Checker(what + " client " + id);
            this.total = frames * pattern.frameLength();
            this.block = pattern.newBlock();
            this.out = ByteBuffer.wrap(block);
            out.limit(0);
        }

        boolean doneSending() {
            return sent == total && !out.hasRemaining();
        }

        boolean doneReceiving() {
            return checker.offset() == total;
        }

        /** Writes what the socket takes; false once nothing is left to send. */
        boolean write() throws IOException {
            while (true) {
                if (!out.hasRemaining()) {
                    if (sent == total) {
                        return false;
                    }
                    pattern.fill(block, nextBlock++);
                    int n = (int) Math.min(block.length, total - sent);
                    out.clear().limit(n);
                    sent += n;
                }
                if (channel.write(out) == 0) {
                    return true;
                }
            }
        }

        /** Reads and checks what has come; -1 if the server closed the connection. */
        int read() throws IOException, LoadException {
            int got = 0;
            while (!doneReceiving()) {
                in.clear().limit((int) Math.min(in.capacity(), total - checker.offset()));
                int r = channel.read(in);
                if (r < 0) {
                    return -1;
                }
                if (r == 0) {
                    break;
                }
                checker.check(in.array(), 0, r);
                got += r;
            }
            return got;
        }
    }

    /**
     * Connects {@code clients} clients to 127.0.0.1, then has each pipeline {@code frames} frames of
     * {@code payload} bytes and checks every echo.
     *
     * @param port       the server's port
     * @param clients    how many clients
     * @param frames     frames per client
     * @param payload    payload bytes per frame (at least 8)
     * @param stallNanos no byte read by any client for this long is a stall
     * @param what       the run's name, for error messages
     * @return nanoseconds from the first write (every client connected) to the last echoed byte
     * @throws LoadException on a wrong or missing echo, a closed connection, a stall, or if it cannot connect
     */
    static long run(int port, int clients, long frames, int payload, long stallNanos, String what)
        throws LoadException {
        List<Client> all = new ArrayList<>(clients);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < clients; i++) {
                SocketChannel ch = SocketChannel.open();
                try {
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    ch.connect(new InetSocketAddress("127.0.0.1", port));
                    ch.configureBlocking(false);
                } catch (IOException e) {
                    ch.close();
                    throw new LoadException(what + ": client " + i + " cannot connect to 127.0.0.1:" + port + ": "
                        + e.getMessage(), e);
                }
                Client c = new Client(i, ch, payload, frames, what);
                all.add(c);
                c.key = ch.register(selector, SelectionKey.OP_READ | SelectionKey.OP_WRITE, c);
            }
            long start = System.nanoTime();
            long lastProgress = start;
            int receiving = clients;
            while (receiving > 0) {
                selector.select(100);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Client c = (Client) key.attachment();
                    if (key.isValid() && key.isWritable() && !c.write()) {
                        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
                    }
                    if (key.isValid() && key.isReadable()) {
                        int r = c.read();
                        if (r < 0) {
                            throw new LoadException(what + ": the server closed the connection of client " + c.id
                                + " after " + c.checker.offset() + " of " + c.total + " bytes");
                        }
                        if (r > 0) {
                            lastProgress = now;
                        }
                        if (c.doneReceiving()) {
                            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
                            receiving--;
                        }
                    }
                }
                selector.selectedKeys().clear();
                if (now - lastProgress > stallNanos) {
                    long done = all.stream().filter(Client::doneReceiving).count();
                    throw new LoadException(what + ": no echo for " + TimeUnit.NANOSECONDS.toMillis(stallNanos)
                        + " ms; " + done + " of " + clients + " clients had all their echoes");
                }
            }
            long elapsed = System.nanoTime() - start;
            for (Client c : all) {
                if (!c.doneSending()) {
                    throw new LoadException(what + ": client " + c.id + " had every echo before sending everything");
                }
            }
            return elapsed;
        } catch (IOException e) {
            throw new LoadException(what + ": " + e, e);
        } finally {
            for (Client c : all) {
                try {
                    c.channel.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
