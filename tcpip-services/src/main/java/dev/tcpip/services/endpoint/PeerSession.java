package dev.tcpip.services.endpoint;

import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.message.MessageSocket;
import dev.tcpip.services.MessageSink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeoutException;

/**
 * One connection of an endpoint, from connect (or accept) to its end: reads messages into the inbound sink
 * (stopping the socket while the sink is full), sends the outbox's messages, sends heartbeats when nothing
 * else was sent, and closes the connection when nothing was received for the idle timeout. At the end it
 * puts the unconfirmed messages back at the front of the outbox and tells its endpoint. Confined to the
 * endpoint's context, which is the socket's.
 *
 * @param <T> the message type
 */
final class PeerSession<T> {
    private final QueueEndpoint<T> owner;
    private final MessageSocket<T> socket;
    private final Outbox<T> outbox;
    private final MessageSink<T> inbound;
    private final Vertx vertx;
    private final T heartbeat;
    private final long heartbeatNanos;
    private final long idleNanos;
    private final long sendWaitMillis;
    private final Promise<Throwable> ended = Promise.promise();

    private boolean active = true;
    private boolean pumping;
    private boolean idleExpired;
    /** Closed by {@link #close()}: written messages went out before the close; none is to be sent again. */
    private boolean closedHere;
    /** Taken from the outbox; its write has not completed. */
    private T current;
    private long lastRead;
    private long lastWrite;
    private long heartbeatTimer = -1;
    private long idleTimer = -1;
    private long waitTimer = -1;
    /** A received message waiting for room in the inbound sink. */
    private Future<Void> pendingPut;
    private T pendingMessage;

    PeerSession(QueueEndpoint<T> owner, MessageSocket<T> socket, Outbox<T> outbox, MessageSink<T> inbound) {
        this.owner = owner;
        this.socket = socket;
        this.outbox = outbox;
        this.inbound = inbound;
        this.vertx = socket.context().owner();
        QueueEndpointOptions options = owner.optionsHere();
        this.heartbeat = owner.heartbeatMessage();
        this.heartbeatNanos = options.getHeartbeatInterval().toNanos();
        this.idleNanos = options.getIdleTimeout().toNanos();
        this.sendWaitMillis = options.getSendWait().toMillis();
    }

    /** Starts reading, sending and the timers; {@return completed with the cause (null: a normal end) once the connection has ended} */
    Future<Throwable> start() {
        long now = System.nanoTime();
        lastRead = now;
        lastWrite = now;
        socket.closeHandler(this::socketClosed);
        socket.handler(this::onMessage);
        if (heartbeat != null) {
            armHeartbeat(heartbeatNanos);
        }
        if (idleNanos > 0) {
            armIdle(idleNanos);
        }
        if (outbox != null) {
            pump();
        }
        return ended.future();
    }

    /**
     * Stops sending and closes the connection gracefully: what was written goes out first, so the resend
     * window is not sent again (a message whose write had not completed still is).
     */
    Future<Void> close() {
        active = false;
        closedHere = true;
        return socket.close();
    }

    /** The endpoint closes: a received message still waiting for room is withdrawn and reported. */
    Future<Void> abandonWaitingPut() {
        Future<Void> put = pendingPut;
        T message = pendingMessage;
        pendingPut = null;
        if (put == null || put.isComplete()) {
            return Future.succeededFuture();
        }
        return inbound.cancelPut(put).map(withdrawn -> {
            if (withdrawn) {
                owner.abandoned(message);
            }
            return (Void) null;
        }).otherwiseEmpty();
    }

    MessageSocket<T> socket() {
        return socket;
    }

    /** {@return completed, with the cause, once the connection has ended and its messages are put back} */
    Future<Throwable> ended() {
        return ended.future();
    }

    private Future<?> onMessage(T message) {
        lastRead = System.nanoTime();
        if (heartbeat != null && heartbeat.equals(message)) {
            owner.heartbeatReceived();
            return Future.succeededFuture();
        }
        if (inbound == null) {
            owner.ignored(message);
            return Future.succeededFuture();
        }
        if (!owner.acceptsMore()) {
            // A stop condition holds: read nothing more; the endpoint is closing.
            return Promise.promise().future();
        }
        Future<Void> put = inbound.put(message);
        pendingPut = put.isComplete() ? null : put;
        pendingMessage = pendingPut == null ? null : message;
        return owner.delivering(put);
    }

    /** Sends the outbox's messages one after another; iterates while each step completes at once. */
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (active) {
                if (owner.outboundDone(outbox)) {
                    return;
                }
                Future<Void> step = sendOne();
                if (!step.isComplete()) {
                    step.onComplete(ar -> pump());
                    return;
                }
            }
        } finally {
            pumping = false;
        }
    }

    private Future<Void> sendOne() {
        Future<T> take = outbox.take();
        return owner.onContext(take).transform(ar -> {
            boolean stillMine = outbox.took(take);
            if (ar.failed()) {
                if (active) {
                    owner.outboundFailed(ar.cause());
                }
                return Promise.<Void>promise().future();
            }
            T message = ar.result();
            if (!active) {
                // The end withdrew this take; a message it was given anyway is kept there, unless it came first.
                if (stillMine) {
                    outbox.keepForNext(message);
                }
                return Promise.<Void>promise().future();
            }
            current = message;
            return socket.send(message).transform(w -> {
                if (w.failed()) {
                    if (w.cause() instanceof IllegalArgumentException) {
                        current = null;
                        owner.unsendable(message, w.cause());
                        return Future.succeededFuture();
                    }
                    // The connection is closing: the message goes back with the window at the end.
                    return Promise.<Void>promise().future();
                }
                long now = System.nanoTime();
                current = null;
                lastWrite = now;
                outbox.written(message, now);
                owner.sentOne();
                if (sendWaitMillis > 0) {
                    Promise<Void> waited = Promise.promise();
                    waitTimer = vertx.setTimer(sendWaitMillis, id -> {
                        waitTimer = -1;
                        waited.complete();
                    });
                    return waited.future();
                }
                return Future.succeededFuture();
            });
        });
    }

    private void armHeartbeat(long delayNanos) {
        heartbeatTimer = vertx.setTimer(Math.max(1, delayNanos / 1_000_000), id -> {
            heartbeatTimer = -1;
            if (!active) {
                return;
            }
            long quiet = System.nanoTime() - lastWrite;
            if (quiet >= heartbeatNanos) {
                lastWrite = System.nanoTime();
                socket.send(heartbeat).onSuccess(v -> owner.heartbeatSent());
                armHeartbeat(heartbeatNanos);
            } else {
                armHeartbeat(heartbeatNanos - quiet);
            }
        });
    }

    private void armIdle(long delayNanos) {
        idleTimer = vertx.setTimer(Math.max(1, delayNanos / 1_000_000), id -> {
            idleTimer = -1;
            if (!active) {
                return;
            }
            if (pendingPut != null && !pendingPut.isComplete()) {
                lastRead = System.nanoTime();   // we are not reading (the sink is full), not the peer silent
            }
            long quiet = System.nanoTime() - lastRead;
            if (quiet >= idleNanos) {
                idleExpired = true;
                socket.close();
            } else {
                armIdle(idleNanos - quiet);
            }
        });
    }

    private void socketClosed(Throwable cause) {
        active = false;
        for (long timer : new long[] {heartbeatTimer, idleTimer, waitTimer}) {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
        Throwable why = cause;
        if (idleExpired && why == null) {
            why = new TimeoutException("nothing received for " + idleNanos / 1_000_000 + " ms (idle timeout)");
        }
        if (why instanceof IncompleteReadException partial) {
            // The stream ended inside a message: a partial one to report, if any bytes came; the end itself was
            // normal unless a reset ended it (then the reset is the cause).
            if (partial.partial() != null && partial.partial().length() > 0) {
                owner.partialMessage(partial);
            }
            why = partial.getCause();
        }
        Throwable result = why;
        if (outbox == null) {
            ended.complete(result);
            return;
        }
        outbox.withdrawTake().onComplete(ar -> {
            requeueIfEnded();
            ended.complete(result);
        });
    }

    /** Once the session has ended: the window and the unwritten message go back to the front of the outbox. */
    private void requeueIfEnded() {
        if (active || outbox == null) {
            return;
        }
        T unwritten = current;
        current = null;
        int back = closedHere ? outbox.closedHere(unwritten) : outbox.connectionLost(unwritten, System.nanoTime());
        if (back > 0) {
            owner.requeued(back);
        }
    }
}
