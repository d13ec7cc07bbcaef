package dev.tcpip.struct.message;

import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.core.stream.StreamReader;
import dev.tcpip.struct.Buffered;
import dev.tcpip.struct.CStruct;
import dev.tcpip.struct.Structs;
import dev.tcpip.testkit.OneClientServerTestBase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer that floods messages and never reads what comes back: TCP backpressure holds it back, the server
 * buffers no more than its read-ahead whatever the peer sends, and a reader slower than the sender loses
 * nothing: every message arrives, complete and in order.
 */
class MessageFloodTest extends OneClientServerTestBase {
    static final int MESSAGES = 200_000;

    /** 16 bytes: the sender's count in both fields, to check each body against its header. */
    public static final class Move extends CStruct {
        public final Float64 azimuth = new Float64();
        public final Float64 elevation = new Float64();
    }

    /**
     * 68 bytes: the sequence number of the message it answers, and padding so that 200,000 acks (17.6 MB with
     * their headers) are more than the kernel's socket buffers can hold.
     */
    public static final class Ack extends CStruct {
        public final Unsigned32 sequence = new Unsigned32();
        public final Signed64[] padding = array(new Signed64[8]);
    }

    static final int ACK_FRAME = StandardHeader.SIZE + 68;

    static final MessageProtocol<StandardHeader> PROTOCOL = MessageProtocol.builder(StandardHeader::new)
        .register(1, Move.class, Move::new)
        .register(100, Ack.class, Ack::new)
        .build();

    static final int FRAME = StandardHeader.SIZE + 16;

    /** Messages first to first + count - 1, encoded back to back as a peer would send them. */
    static byte[] frames(long first, int count) {
        Buffer b = Buffer.buffer(count * FRAME);
        StandardHeader h = new StandardHeader();
        Move m = new Move();
        for (long s = first; s < first + count; s++) {
            h.stamp(1, s, Instant.EPOCH, 16);
            m.azimuth.set(s);
            m.elevation.set(-s);
            Structs.appendTo(b, h, m);
        }
        return b.getBytes();
    }

    /** A thread that sends MESSAGES messages on a blocking socket, in batches, and never reads. */
    static CompletableFuture<Void> flood(Socket socket, AtomicLong bytesSent) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                int batch = 1000;
                for (long first = 1; first <= MESSAGES; first += batch) {
                    byte[] frames = frames(first, batch);
                    out.write(frames);
                    bytesSent.addAndGet(frames.length);
                }
                out.flush();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "flooder");
        t.setDaemon(true);
        t.start();
        return done;
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(10_000);
        return s;
    }

    /**
     * The server reads 200,000 messages and, after every 10,000, stops reading for 20 ms while the peer goes
     * on sending: a reader slower than its sender. Every sequence number arrives once, in order, with its own
     * body, and what the server holds unread never exceeds its read-ahead plus one network chunk.
     */
    @Test
    void aSlowReaderGetsEveryMessageOfAFloodInOrderAndTheServerBuffersAtMostItsReadAhead() throws Exception {
        OneClientServer server = createServer();
        try (Socket peer = connect(server.port())) {
            assertNextConnected(true);
            MessageChannel<StandardHeader> channel = PROTOCOL.channel(server);
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> flooded = flood(peer, sent);
            SlowReader reader = new SlowReader(vertx(), server, channel);
            await(server.onContext(reader::start), java.time.Duration.ofSeconds(60));
            assertEquals(MESSAGES, reader.read, "every message was read");
            flooded.get(10, TimeUnit.SECONDS);
            assertTrue(reader.maxBuffered >= StreamReader.READ_AHEAD,
                "the reader fell behind (the server filled its read-ahead): " + reader.maxBuffered);
            assertTrue(reader.maxBuffered <= 2 * StreamReader.READ_AHEAD,
                "the server held " + reader.maxBuffered + " unread bytes");
        }
    }

    /** Reads on the server's context; after every 10,000 messages it waits 20 ms, then notes what is buffered. */
    private static final class SlowReader {
        final io.vertx.core.Vertx vertx;
        final OneClientServer server;
        final MessageChannel<StandardHeader> channel;
        final Promise<Void> done = Promise.promise();
        long read;
        int maxBuffered;

        SlowReader(io.vertx.core.Vertx vertx, OneClientServer server, MessageChannel<StandardHeader> channel) {
            this.vertx = vertx;
            this.server = server;
            this.channel = channel;
        }

        Future<Void> start() {
            next();
            return done.future();
        }

        private void next() {
            while (read < MESSAGES) {
                Future<Message<StandardHeader>> f = channel.readMessage();
                if (!f.isComplete()) {
                    f.onComplete(ar -> {
                        if (check(ar.succeeded() ? ar.result() : null, ar.cause())) {
                            next();
                        }
                    });
                    return;
                }
                if (!check(f.succeeded() ? f.result() : null, f.cause())) {
                    return;
                }
                if (read % 10_000 == 0) {
                    vertx.setTimer(20, id -> Buffered.bytes(server).onComplete(b -> {
                        maxBuffered = Math.max(maxBuffered, b.result());
                        next();
                    }));
                    return;
                }
            }
            done.tryComplete();
        }

        private boolean check(Message<StandardHeader> m, Throwable failure) {
            if (m == null) {
                done.tryFail(failure);
                return false;
            }
            long expected = read + 1;
            Move body = m.body(Move.class);
            if (m.header().sequence() != expected || body.azimuth.get() != expected || body.elevation.get() != -expected) {
                done.tryFail(new AssertionError("message " + expected + " came as " + m.header() + " with azimuth "
                    + body.azimuth.get()));
                return false;
            }
            read++;
            return true;
        }
    }

    /** Acks every message, each ack written before the next message is read. */
    static final class AckingServer extends OneClientReadLoopServer {
        final MessageChannel<StandardHeader> channel = PROTOCOL.channel(this);
        volatile long read;
        volatile String error;

        AckingServer(ServerOptions options, dev.tcpip.core.ConnectCallback<? super OneClientServer> callback) {
            super(options, callback);
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return channel.readMessage().compose(m -> {
                long expected = read + 1;
                if (m.header().sequence() != expected || m.body(Move.class).azimuth.get() != expected) {
                    error = "message " + expected + " came as " + m.header();
                    return Future.failedFuture(error);
                }
                read = expected;
                Ack ack = new Ack();
                ack.sequence.set(expected);
                return channel.writeMessage(ack).mapEmpty();
            });
        }
    }

    /**
     * The server acks every message; the peer floods 200,000 messages and reads no ack. Once the acks it does
     * not read fill the buffers, the server's writes wait for the socket to drain, so it stops reading and TCP
     * holds the rest of the flood back: the server holds at most its read-ahead of unread input and has read
     * only part of the flood. When the peer starts reading, every ack
     * arrives, in order, and the whole flood gets through.
     */
    @Test
    void aPeerThatNeverReadsItsAcksIsHeldBackAndLosesNothingOnceItReads() throws Exception {
        AckingServer server = createServer(cb -> new AckingServer(new ServerOptions(), cb));
        try (Socket peer = connect(server.port())) {
            assertNextConnected(true);
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> flooded = flood(peer, sent);
            awaitServerStalled(server);
            int buffered = await(Buffered.bytes(server));
            long readWhileStalled = server.read;
            assertTrue(readWhileStalled < MESSAGES, "the server stopped reading: " + readWhileStalled + " read");
            assertTrue(buffered <= 2 * StreamReader.READ_AHEAD, "the server held " + buffered + " unread bytes");

            InputStream in = new BufferedInputStream(peer.getInputStream(), 64 * 1024);
            for (long s = 1; s <= MESSAGES; s++) {
                byte[] frame = in.readNBytes(ACK_FRAME);
                assertEquals(ACK_FRAME, frame.length, "ack " + s + " is complete");
                StandardHeader h = Structs.decode(Buffer.buffer(frame), 0, new StandardHeader());
                Ack ack = Structs.decode(Buffer.buffer(frame), StandardHeader.SIZE, new Ack());
                if (h.messageId() != 100 || h.sequence() != s || ack.sequence.get() != s) {
                    throw new AssertionError("ack " + s + " came as " + h + " answering " + ack.sequence.get()
                        + (server.error != null ? "; server: " + server.error : ""));
                }
            }
            flooded.get(10, TimeUnit.SECONDS);
            assertEquals(MESSAGES, server.read);
        }
    }

    /**
     * Waits until the server's count of messages read has not moved for 300 ms (within 20 s): it has stopped
     * reading. (The flooder itself may finish first: the kernel's buffers on the server's side can take its
     * 7.2 MB.)
     */
    private static void awaitServerStalled(AckingServer server) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long last = -1;
        long since = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            long read = server.read;
            if (read != last) {
                last = read;
                since = now;
            } else if (now - since > TimeUnit.MILLISECONDS.toNanos(300)) {
                return;
            }
            assertTrue(read < MESSAGES, "the server read the whole flood without the peer reading an ack");
            assertTrue(now - deadline < 0, "the server never stopped reading");
            LockSupport.parkNanos(1_000_000);
        }
    }
}
