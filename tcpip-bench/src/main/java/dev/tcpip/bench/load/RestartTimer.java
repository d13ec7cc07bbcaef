package dev.tcpip.bench.load;

import dev.tcpip.core.reconnect.ConnectionState;
import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.services.endpoint.ClientSender;
import dev.tcpip.services.endpoint.QueueEndpointOptions;
import dev.tcpip.services.endpoint.ServerReceiver;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Times a server restart as a {@link ClientSender} sees it: the sender is connected to a
 * {@link ServerReceiver}; the receiver is closed, and after a gap a new one listens on the same port; the
 * figure is the time from the new receiver listening to the first message it takes. The sender's state
 * changes are timed too, which shows where that time goes: the sender noticed the loss, then tried again on
 * its policy's schedule (a delay, an attempt refused while the port was closed, a longer delay, ...), and the
 * attempt that found the new receiver came when its delay ran out, not when the receiver came back.
 */
final class RestartTimer implements AutoCloseable {
    /** One restart's times, in milliseconds. */
    static final class Restart {
        /** From the new receiver listening to the first message it took. */
        final double restartToFirstMs;
        /** From the sender noticing the loss to the new receiver listening: how long the server was gone for it. */
        final double downMs;
        /** The sender's delay before the attempt that connected: from its last BACKING_OFF to that CONNECTING. */
        final double delayInEffectMs;
        /** The policy's delay for that retry without jitter: {@code initialDelay * multiplier^(retry-1)}, capped. */
        final double nominalDelayMs;
        /** Which retry connected: 1 for the first after the loss (after the last loss, if it connected to the closing receiver). */
        final int retry;
        /** From the attempt that connected to the sender's CONNECTED: the connect. */
        final double attemptToConnectedMs;
        /** From the sender's CONNECTED to the first message the new receiver took: the first send and receive. */
        final double connectedToFirstMs;
        /** How long the old receiver's {@code close()} took. */
        final double closeMs;
        /** Connections the sender made after the loss that were not to the new receiver: to the old one, closing. */
        final int closingServerConnections;
        /** Times the new receiver's bind was tried again because another socket held the port. */
        final int bindRetries;

        Restart(double restartToFirstMs, double downMs, double delayInEffectMs, double nominalDelayMs, int retry,
                double attemptToConnectedMs, double connectedToFirstMs, double closeMs, int closingServerConnections,
                int bindRetries) {
            this.bindRetries = bindRetries;
            this.closeMs = closeMs;
            this.closingServerConnections = closingServerConnections;
            this.restartToFirstMs = restartToFirstMs;
            this.downMs = downMs;
            this.delayInEffectMs = delayInEffectMs;
            this.nominalDelayMs = nominalDelayMs;
            this.retry = retry;
            this.attemptToConnectedMs = attemptToConnectedMs;
            this.connectedToFirstMs = connectedToFirstMs;
        }
    }

    private record Event(ConnectionState state, long nanos) {
    }

    /** The receivers listen on a port from here on, below Linux's ephemeral ports (32768 and up). */
    static final int FIRST_PORT = 20_000;
    /** How many ports from {@link #FIRST_PORT} the port is picked among. */
    static final int PORTS = 12_000;
    /** How long a restart tries again to bind the port while another socket still holds it. */
    static final long BIND_RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Vertx vertx;
    private final ReconnectPolicy policy;
    private final QueueEndpointOptions serverOptions;
    private final Context serverContext;
    private final ClientSender<String> sender;
    private final List<Event> events = new ArrayList<>();
    private ServerReceiver<String> receiver;
    private long messages;

    private RestartTimer(Vertx vertx, ReconnectPolicy policy, QueueEndpointOptions serverOptions, Context serverContext,
                         ServerReceiver<String> receiver, ClientSender<String> sender) {
        this.vertx = vertx;
        this.policy = policy;
        this.serverOptions = serverOptions;
        this.serverContext = serverContext;
        this.receiver = receiver;
        this.sender = sender;
    }

    /**
     * Starts a receiver on 127.0.0.1 and a free port, and a sender with the given policy connected to it, one
     * message delivered.
     *
     * @param vertx    the Vert.x instance
     * @param policy   the sender's reconnect policy
     * @param contexts two contexts on different event-loop threads: the receivers are made on the first, the
     *                 sender on the second
     * @return the connected pair
     * @throws LoadException if it cannot listen or connect
     */
    static RestartTimer open(Vertx vertx, ReconnectPolicy policy, List<Context> contexts) throws LoadException {
        Context serverContext = contexts.get(0);
        ServerReceiver<String> receiver = null;
        QueueEndpointOptions serverOptions = null;
        for (int attempt = 1; receiver == null; attempt++) {
            // Below the ephemeral range: no connection of this or another process takes the port as its local one
            // while the receiver is closed (seen once with a port the system had picked, 35633).
            int port = FIRST_PORT + ThreadLocalRandom.current().nextInt(PORTS);
            QueueEndpointOptions options = new QueueEndpointOptions().setHost("127.0.0.1").setPort(port).setName("restart");
            ServerReceiver<String> candidate = LinePairs.onContext(serverContext,
                () -> Future.succeededFuture(ServerReceiver.create(vertx, options)), "ServerReceiver: create");
            try {
                LinePairs.await(candidate.start(), "ServerReceiver: listen on " + port);
                receiver = candidate;
                serverOptions = options;
            } catch (LoadException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
        QueueEndpointOptions clientOptions = new QueueEndpointOptions(serverOptions).setReconnect(policy);
        ClientSender<String> sender = LinePairs.onContext(contexts.get(1),
            () -> Future.succeededFuture(ClientSender.create(vertx, clientOptions)), "ClientSender: create");
        RestartTimer timer = new RestartTimer(vertx, policy, serverOptions, serverContext, receiver, sender);
        ServerReceiver<String> first = receiver;
        sender.stateHandler(timer::state);
        try {
            LinePairs.await(sender.start(), "ClientSender: start");
            LinePairs.await(sender.connectedWithin(Duration.ofSeconds(10)), "ClientSender: connect");
            LinePairs.await(sender.send(timer.nextMessage()), "ClientSender: send");
            LinePairs.await(first.receive(), "ServerReceiver: receive");
        } catch (LoadException e) {
            timer.close();
            throw e;
        }
        return timer;
    }

    /** On the sender's context. */
    private void state(ConnectionState state) {
        long now = System.nanoTime();
        synchronized (events) {
            events.add(new Event(state, now));
        }
    }

    private String nextMessage() {
        return "restart message " + messages++;
    }

    /** {@return the port the receivers listen on} */
    int port() {
        return serverOptions.getPort();
    }

    /**
     * Closes the receiver, waits {@code gap}, starts a new receiver on the same port, and times the first
     * message it takes (one message is put on the sender's queue once the old receiver has closed; a message
     * of the resend window may come first).
     *
     * @param gap how long to wait between the old receiver closed and the new one started
     * @return the times (from the new receiver listening: a bind refused because another socket held the port
     *     is tried again every 20 ms for up to 2 s, and counted)
     * @throws LoadException if the port cannot be bound again, or no message comes in time
     */
    Restart restart(Duration gap) throws LoadException {
        synchronized (events) {
            events.clear();
        }
        long closing = System.nanoTime();
        LinePairs.await(receiver.close(), "ServerReceiver: close");
        long closed = System.nanoTime();
        sender.send(nextMessage());
        sleep(closed + gap.toNanos() - System.nanoTime());
        long timeout = gap.toNanos() + 20 * policy.initialDelay().toNanos() + TimeUnit.SECONDS.toNanos(10);
        long bindDeadline = System.nanoTime() + BIND_RETRY_NANOS;
        int bindRetries = 0;
        long listenAt;
        CompletableFuture<Long> first;
        while (true) {
            ServerReceiver<String> next = LinePairs.onContext(serverContext,
                () -> Future.succeededFuture(ServerReceiver.create(vertx, serverOptions)), "ServerReceiver: create");
            receiver = next;
            CompletableFuture<Long> listening = new CompletableFuture<>();
            CompletableFuture<Long> taken = new CompletableFuture<>();
            next.start().onComplete(ar -> {
                if (ar.succeeded()) {
                    listening.complete(System.nanoTime());
                } else {
                    listening.completeExceptionally(ar.cause());
                }
            });
            next.receive().onComplete(ar -> {
                if (ar.succeeded()) {
                    taken.complete(System.nanoTime());
                } else {
                    taken.completeExceptionally(ar.cause());
                }
            });
            try {
                listenAt = get(listening, timeout, "the new ServerReceiver on port " + port() + " did not listen");
                first = taken;
                break;
            } catch (LoadException e) {
                if (!(e.getCause() instanceof java.net.BindException) || System.nanoTime() > bindDeadline) {
                    throw e;
                }
                bindRetries++;   // a socket still holds the port: try again shortly
                sleep(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        long firstAt = get(first, timeout, "no message reached the new ServerReceiver");
        return analyse(closing, closed, listenAt, firstAt, bindRetries);
    }

    private static void sleep(long nanos) throws LoadException {
        long wake = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = wake - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoadException("interrupted");
            }
        }
    }

    /**
     * Where the time went, from the sender's state changes between {@code closing} and the first message. The
     * connection it came through is the last CONNECTED before it; the attempt that made it, the last
     * CONNECTING before that; its delay, from the BACKING_OFF before that. A BACKING_OFF that does not follow a
     * CONNECTING is a lost connection, which starts a new series of retries; a CONNECTED before the last one
     * was a connection to the old receiver while it closed.
     */
    private Restart analyse(long closing, long closed, long listenAt, long firstAt, int bindRetries) throws LoadException {
        List<Event> seen = new ArrayList<>();
        synchronized (events) {
            for (Event e : events) {
                if (e.nanos >= closing && e.nanos <= firstAt) {
                    seen.add(e);
                }
            }
        }
        int connected = lastBefore(seen, seen.size(), ConnectionState.CONNECTED);
        int attempt = lastBefore(seen, connected, ConnectionState.CONNECTING);
        int backingOff = lastBefore(seen, attempt, ConnectionState.BACKING_OFF);
        if (connected < 0 || attempt < 0 || backingOff < 0 || seen.get(0).state != ConnectionState.BACKING_OFF) {
            throw new LoadException("the sender's states from the close to the first message make no sense: " + seen);
        }
        int retries = 0;
        int earlierConnections = 0;
        for (int k = 0; k <= attempt; k++) {
            ConnectionState state = seen.get(k).state;
            if (state == ConnectionState.CONNECTED) {
                earlierConnections++;
            } else if (state == ConnectionState.CONNECTING) {
                retries++;
            } else if (state == ConnectionState.BACKING_OFF && k > 0 && seen.get(k - 1).state != ConnectionState.CONNECTING) {
                retries = 0;   // a lost connection: a new series
            }
        }
        double nominal = policy.delayBefore(retries, () -> 0.5).toNanos() / 1e6;
        long lost = seen.get(0).nanos;
        long attemptAt = seen.get(attempt).nanos;
        long connectedAt = seen.get(connected).nanos;
        return new Restart((firstAt - listenAt) / 1e6, (listenAt - lost) / 1e6,
            (attemptAt - seen.get(backingOff).nanos) / 1e6, nominal, retries, (connectedAt - attemptAt) / 1e6,
            (firstAt - connectedAt) / 1e6, (closed - closing) / 1e6, earlierConnections, bindRetries);
    }

    /** The index of the last event of that state before index {@code end}, or -1. */
    private static int lastBefore(List<Event> events, int end, ConnectionState state) {
        for (int k = end - 1; k >= 0; k--) {
            if (events.get(k).state == state) {
                return k;
            }
        }
        return -1;
    }

    private static long get(CompletableFuture<Long> f, long timeoutNanos, String what) throws LoadException {
        try {
            return f.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new LoadException(what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new LoadException(what + " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted");
        }
    }

    @Override
    public void close() {
        try {
            LinePairs.await(Future.join(sender.close(), receiver.close()), "close the restart endpoints");
        } catch (LoadException e) {
            System.err.println("warning: " + e.getMessage());
        }
    }
}
