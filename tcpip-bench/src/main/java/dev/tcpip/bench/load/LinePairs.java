package dev.tcpip.bench.load;

import dev.tcpip.services.endpoint.ClientSender;
import dev.tcpip.services.endpoint.QueueEndpointOptions;
import dev.tcpip.services.endpoint.ServerReceiver;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The two sender/receiver pairs of the endpoints mode, in this JVM over 127.0.0.1, the receiver on one
 * event-loop thread and the sender on another (the same two threads for both pairs): this project's queue endpoints, (h) a {@link ClientSender} to a
 * {@link ServerReceiver}, and (i) a raw Vert.x pair doing the same job, a {@code NetClient} writing
 * {@code message + "\r\n"} with {@code writeQueueFull}/{@code drainHandler} backpressure to a {@code NetServer}
 * whose {@code RecordParser.newDelimited("\r\n")} hands each line, decoded, to the consumer.
 *
 * <p>A run pushes {@code n} messages of {@link LineMessages} from the sender's context as fast as it accepts
 * them and takes them on the receiver's context, each checked against the one sent at its place; it is
 * timed from the first message offered to the last one taken.
 */
final class LinePairs {
    /**
     * Messages a producer sends in one event-loop turn before it lets the loop run (its writer flushes at the
     * end of a turn, and other tasks wait for it): a producer whose every send completes at once would
     * otherwise hold the event loop for the whole run.
     */
    static final int TURN = 1024;

    private LinePairs() {
    }

    /** A connected sender/receiver pair. */
    interface LinePair extends AutoCloseable {
        /**
         * Pushes {@code n} messages through and takes them at the other end.
         *
         * @param messages     what to send
         * @param n            how many
         * @param timeoutNanos the longest the run may take
         * @return nanoseconds from the first message offered to the last one taken
         * @throws LoadException if a message is wrong, missing or extra, an end fails, or the run takes too long
         */
        long run(LineMessages messages, long n, long timeoutNanos) throws LoadException;

        /** Closes both ends. */
        @Override
        void close();
    }

    /**
     * One run: the producer's count on the sender's context, the consumer's on the receiver's, the
     * result when the consumer has taken the last message.
     */
    static final class Run {
        final LineMessages messages;
        final long n;
        /** On the sender's context. */
        long sent;
        /** On the receiver's context. */
        long taken;
        private volatile long startNanos;
        private final CompletableFuture<Long> done = new CompletableFuture<>();

        Run(LineMessages messages, long n) {
            this.messages = messages;
            this.n = n;
        }

        /** The first message is about to be offered. */
        void started() {
            startNanos = System.nanoTime();
        }

        /**
         * The consumer took a message.
         *
         * @return true if it should take the next, false when the run is over (all taken, or failed)
         */
        boolean took(String message) {
            if (done.isDone()) {
                return false;
            }
            String wrong = messages.check(taken, message);
            if (wrong != null) {
                fail(wrong);
                return false;
            }
            if (++taken == n) {
                done.complete(System.nanoTime() - startNanos);
                return false;
            }
            return true;
        }

        boolean isOver() {
            return done.isDone();
        }

        void fail(String why) {
            done.completeExceptionally(new LoadException(why));
        }

        long await(long timeoutNanos) throws LoadException {
            try {
                return done.get(timeoutNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                fail("stalled");
                throw new LoadException("no end after " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s: " + taken
                    + " of " + n + " messages taken");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof LoadException ? (LoadException) e.getCause()
                    : new LoadException(String.valueOf(e.getCause()), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoadException("interrupted");
            }
        }
    }

    static <T> T await(Future<T> future, String what) throws LoadException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new LoadException(what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new LoadException(what + ": no answer within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException(what + ": interrupted");
        }
    }

    /** Runs {@code action} on {@code context} and waits for the future it returns. */
    static <T> T onContext(Context context, Supplier<Future<T>> action, String what) throws LoadException {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(result);
            } catch (RuntimeException e) {
                result.fail(e);
            }
        });
        return await(result.future(), what);
    }

    /**
     * Event-loop contexts on {@code n} different event-loop threads, each the context of a verticle deployed
     * for it. (Contexts made with {@code getOrCreateContext()} from one plain thread all run on one event-loop
     * thread in Vert.x 5, so both ends of a pair made that way would share a thread.)
     *
     * @param vertx the Vert.x instance; it needs at least {@code n} event-loop threads
     * @param n     how many
     * @return the contexts
     * @throws LoadException if there are not that many event-loop threads
     */
    static List<Context> eventLoops(Vertx vertx, int n) throws LoadException {
        List<Context> contexts = new ArrayList<>();
        Set<Thread> threads = new HashSet<>();
        for (int attempt = 0; attempt < 8 * n && contexts.size() < n; attempt++) {
            Promise<Context> deployed = Promise.promise();
            vertx.deployVerticle(new VerticleBase() {
                @Override
                public Future<?> start() {
                    deployed.complete(Vertx.currentContext());
                    return Future.succeededFuture();
                }
            });
            Context context = await(deployed.future(), "deploy a verticle");
            Thread thread = onContext(context, () -> Future.succeededFuture(Thread.currentThread()), "find its thread");
            if (threads.add(thread)) {
                contexts.add(context);
            }
        }
        if (contexts.size() < n) {
            throw new LoadException("found " + contexts.size() + " event-loop threads, need " + n);
        }
        return contexts;
    }

    // ---------------------------------------------------------------- (h) queue endpoints

    /**
     * (h): a {@link ClientSender} connected to a {@link ServerReceiver}, text messages, default options
     * (queues of 1000 messages each way, resend window 2 s). The producer calls {@code send} on the sender's
     * context and goes on while its futures complete at once, waiting on the one that does not (the
     * outbound queue is full); the consumer calls {@code receive()} on the receiver's context likewise.
     */
    static final class QueuePair implements LinePair {
        private final ServerReceiver<String> receiver;
        private final ClientSender<String> sender;

        private QueuePair(ServerReceiver<String> receiver, ClientSender<String> sender) {
            this.receiver = receiver;
            this.sender = sender;
        }

        /**
         * Starts the receiver on 127.0.0.1 and a free port and connects the sender to it.
         *
         * @param vertx           the Vert.x instance
         * @param receiverContext the receiver's context (it is made there)
         * @param senderContext   the sender's context, on another event-loop thread
         * @return the connected pair
         * @throws LoadException if it cannot listen or connect
         */
        static QueuePair open(Vertx vertx, Context receiverContext, Context senderContext) throws LoadException {
            QueueEndpointOptions options = new QueueEndpointOptions().setHost("127.0.0.1").setPort(0).setName("bench");
            ServerReceiver<String> receiver = onContext(receiverContext,
                () -> Future.succeededFuture(ServerReceiver.create(vertx, options)), "ServerReceiver: create");
            await(receiver.start(), "ServerReceiver: listen");
            ClientSender<String> sender = onContext(senderContext, () -> Future.succeededFuture(
                ClientSender.create(vertx, new QueueEndpointOptions(options).setPort(receiver.port()))), "ClientSender: create");
            QueuePair pair = new QueuePair(receiver, sender);
            if (receiver.endpointContext() != receiverContext || sender.endpointContext() != senderContext) {
                pair.close();
                throw new LoadException("the endpoints are not on the contexts they were made on");
            }
            try {
                await(sender.start(), "ClientSender: start");
                await(sender.connectedWithin(Duration.ofSeconds(10)), "ClientSender: connect");
                await(receiver.connectedWithin(Duration.ofSeconds(10)), "ServerReceiver: accept");
            } catch (LoadException e) {
                pair.close();
                throw e;
            }
            return pair;
        }

        @Override
        public long run(LineMessages messages, long n, long timeoutNanos) throws LoadException {
            int left = receiver.received().size();
            if (left != 0) {
                throw new LoadException(left + " message(s) more than were sent wait in the receiver's queue");
            }
            Run run = new Run(messages, n);
            receiver.endpointContext().runOnContext(v -> consume(run));
            sender.endpointContext().runOnContext(v -> {
                run.started();
                produce(run);
            });
            return run.await(timeoutNanos);
        }

        /** On the sender's context: sends while the outbound queue takes each message at once, {@link #TURN} per turn. */
        private void produce(Run run) {
            long turnEnd = run.sent + TURN;
            while (run.sent < run.n && !run.isOver()) {
                if (run.sent == turnEnd) {
                    sender.endpointContext().runOnContext(v -> produce(run));
                    return;
                }
                Future<Void> put = sender.send(run.messages.get(run.sent++));
                if (!put.isComplete()) {
                    put.onComplete(ar -> {
                        if (ar.failed()) {
                            run.fail("send failed: " + ar.cause());
                        } else {
                            produce(run);
                        }
                    });
                    return;
                }
                if (put.failed()) {
                    run.fail("send failed: " + put.cause());
                    return;
                }
            }
        }

        /** On the receiver's context: takes while messages are there, then waits for the next. */
        private void consume(Run run) {
            while (true) {
                Future<String> take = receiver.receive();
                if (!take.isComplete()) {
                    take.onComplete(ar -> {
                        if (ar.failed()) {
                            run.fail("receive failed: " + ar.cause());
                        } else if (run.took(ar.result())) {
                            consume(run);
                        }
                    });
                    return;
                }
                if (take.failed()) {
                    run.fail("receive failed: " + take.cause());
                    return;
                }
                if (!run.took(take.result())) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            try {
                await(Future.join(sender.close(), receiver.close()), "close the endpoints");
            } catch (LoadException e) {
                System.err.println("warning: " + e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------- (i) raw Vert.x

    /**
     * (i): a raw Vert.x pair. The sender writes {@code message + "\r\n"} with {@code NetSocket.write(String)}
     * while {@code writeQueueFull()} is false, and resumes from the {@code drainHandler}; the receiver's
     * {@code RecordParser.newDelimited("\r\n", socket)} hands each record, decoded with
     * {@code toString(UTF_8)}, straight to the consumer: no queue at either end. (j): the same, except that the
     * sender appends its messages and CR LF to a buffer and writes it once it holds 64 KiB (or the last
     * message): a ceiling, what gathering writes buys without any queue.
     */
    static final class VertxPair implements LinePair {
        private static final byte[] CRLF = {'\r', '\n'};
        /** The bytes (j)'s sender gathers before it writes. */
        static final int GATHER_BYTES = 64 * 1024;

        private final NetServer server;
        private final NetClient client;
        private final Context senderContext;
        private final Context receiverContext;
        private final int gatherBytes;
        private NetSocket socket;
        /** On the receiver's context. */
        private Run current;
        private volatile long extra;

        private VertxPair(NetServer server, NetClient client, Context senderContext, Context receiverContext, int gatherBytes) {
            this.gatherBytes = gatherBytes;
            this.server = server;
            this.client = client;
            this.senderContext = senderContext;
            this.receiverContext = receiverContext;
        }

        /**
         * Listens on 127.0.0.1 and a free port and connects to it.
         *
         * @param vertx           the Vert.x instance
         * @param receiverContext where the server listens (and its connection is handled)
         * @param senderContext   where the client connects and writes, on another event-loop thread
         * @param gatherBytes     0 for (i), one write per message; {@link #GATHER_BYTES} for (j)
         * @return the connected pair
         * @throws LoadException if it cannot listen or connect
         */
        static VertxPair open(Vertx vertx, Context receiverContext, Context senderContext, int gatherBytes)
            throws LoadException {
            NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
            NetClient client = vertx.createNetClient();
            VertxPair pair = new VertxPair(server, client, senderContext, receiverContext, gatherBytes);
            Promise<Void> accepted = Promise.promise();
            server.connectHandler(s -> {
                RecordParser parser = RecordParser.newDelimited("\r\n", s);
                parser.handler(record -> pair.received(record.toString(StandardCharsets.UTF_8)));
                parser.exceptionHandler(t -> s.close());
                accepted.tryComplete();
            });
            try {
                int port = onContext(receiverContext, () -> server.listen().map(NetServer::actualPort), "NetServer: listen");
                pair.socket = onContext(senderContext, () -> client.connect(port, "127.0.0.1"), "NetClient: connect");
                await(accepted.future(), "NetServer: accept");
            } catch (LoadException e) {
                pair.close();
                throw e;
            }
            return pair;
        }

        /** On the receiver's context: one decoded line. */
        private void received(String message) {
            Run run = current;
            if (run == null || run.isOver()) {
                extra++;
                return;
            }
            run.took(message);
        }

        @Override
        public long run(LineMessages messages, long n, long timeoutNanos) throws LoadException {
            if (extra != 0) {
                throw new LoadException(extra + " message(s) more than were sent reached the receiver");
            }
            Run run = new Run(messages, n);
            onContext(receiverContext, () -> {
                current = run;
                return Future.succeededFuture();
            }, "start the consumer");
            senderContext.runOnContext(v -> {
                run.started();
                produce(run);
            });
            return run.await(timeoutNanos);
        }

        /**
         * On the sender's context: writes while the write queue is not full, then waits for it to drain; (j)
         * gathers 64 KiB of messages per write. {@link #TURN} messages per turn.
         */
        private void produce(Run run) {
            long turnEnd = run.sent + TURN;
            while (run.sent < run.n && !run.isOver()) {
                if (run.sent >= turnEnd) {
                    senderContext.runOnContext(v -> produce(run));
                    return;
                }
                if (socket.writeQueueFull()) {
                    socket.drainHandler(v -> produce(run));
                    return;
                }
                if (gatherBytes == 0) {
                    socket.write(run.messages.get(run.sent++) + "\r\n");
                    continue;
                }
                Buffer gathered = Buffer.buffer(gatherBytes + run.messages.wireBytes());
                while (gathered.length() < gatherBytes && run.sent < run.n) {
                    gathered.appendString(run.messages.get(run.sent++)).appendBytes(CRLF);
                }
                socket.write(gathered);
            }
        }

        @Override
        public void close() {
            try {
                await(Future.join(socket == null ? Future.succeededFuture() : socket.close(), client.close(), server.close()),
                    "close the raw Vert.x pair");
            } catch (LoadException e) {
                System.err.println("warning: " + e.getMessage());
            }
        }
    }
}
