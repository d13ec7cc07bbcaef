package dev.tcpip.services.endpoint;

import dev.tcpip.services.MessageQueue;
import dev.tcpip.services.MessageSource;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * What a sending endpoint sends next: first the messages to send again (those of a lost connection, in their
 * order), then its source's. It also keeps the resend window: the messages written on the current connection
 * within the last {@code window} nanoseconds (at most {@code limit}), which go back to the front when the
 * connection is lost. Confined to the endpoint's context.
 *
 * @param <T> the message type
 */
final class Outbox<T> {
    private record Written<T>(T message, long at) {
    }

    private final MessageSource<T> source;
    private final long windowNanos;
    private final int limit;
    private final ArrayDeque<T> resend = new ArrayDeque<>();
    private final ArrayDeque<Written<T>> window = new ArrayDeque<>();
    private Future<T> pendingTake;
    private long resent;

    Outbox(MessageSource<T> source, long windowNanos, int limit) {
        this.source = source;
        this.windowNanos = windowNanos;
        this.limit = limit;
    }

    /** The next message to send: one to send again, else the source's next (which may wait). */
    Future<T> take() {
        if (!resend.isEmpty()) {
            return Future.succeededFuture(resend.poll());
        }
        Future<T> take = source.take();
        pendingTake = take;
        return take;
    }

    /** A message was written on the current connection: it enters the resend window. */
    void written(T message, long now) {
        if (limit == 0 || windowNanos == 0) {
            return;
        }
        window.add(new Written<>(message, now));
        while (window.size() > limit) {
            window.poll();
        }
        // Bounded work per call: the window is trimmed by age from its oldest end.
        while (!window.isEmpty() && now - window.peek().at > windowNanos) {
            window.poll();
        }
    }

    /**
     * The connection was lost: the window's messages written within the window before {@code now}, then
     * {@code unwritten} (taken, its write not completed; may be null), go to the front, in that order.
     *
     * @return how many messages were put back
     */
    int connectionLost(T unwritten, long now) {
        int before = resend.size();
        if (unwritten != null) {
            resend.addFirst(unwritten);
        }
        for (Iterator<Written<T>> it = window.descendingIterator(); it.hasNext(); ) {
            Written<T> w = it.next();
            if (now - w.at > windowNanos) {
                break;
            }
            resend.addFirst(w.message);
        }
        window.clear();
        int back = resend.size() - before;
        resent += back;
        return back;
    }

    /**
     * The connection was closed here, gracefully: what was written went out first, so the window is dropped;
     * only {@code unwritten} (may be null) goes back to the front.
     *
     * @return how many messages were put back (0 or 1)
     */
    int closedHere(T unwritten) {
        window.clear();
        if (unwritten == null) {
            return 0;
        }
        resend.addFirst(unwritten);
        resent++;
        return 1;
    }

    /**
     * Withdraws a take that still waits on the source (the connection ended). A message the source gave it
     * meanwhile is kept, last, for the next connection.
     *
     * @return completed once withdrawn or kept
     */
    Future<Void> withdrawTake() {
        Future<T> take = pendingTake;
        pendingTake = null;
        if (take == null || take.isComplete()) {
            return Future.succeededFuture();
        }
        return source.cancelTake(take).compose(withdrawn -> {
            if (!withdrawn && take.succeeded()) {
                resend.addLast(take.result());
            }
            return Future.<Void>succeededFuture();
        }, err -> Future.succeededFuture());
    }

    /**
     * The sending loop was given what a take brought.
     *
     * @return true if the take was still pending, false if {@link #withdrawTake()} has dealt with it
     */
    boolean took(Future<T> take) {
        if (pendingTake == take) {
            pendingTake = null;
            return true;
        }
        return false;
    }

    /** Keeps a message taken after the connection ended, last, for the next connection. */
    void keepForNext(T message) {
        resend.addLast(message);
    }

    /** {@return whether nothing waits to be sent: nothing to send again and the source is an empty queue} */
    boolean isEmpty() {
        return resend.isEmpty() && source instanceof MessageQueue<T> queue && queue.size() == 0 && queue.waitingPuts() == 0;
    }

    /** Takes every message waiting to be sent again, in order: what a closed endpoint did not send. */
    java.util.List<T> drainResend() {
        java.util.List<T> left = new java.util.ArrayList<>(resend);
        resend.clear();
        return left;
    }

    /** {@return the number of messages waiting to be sent again} */
    int toResend() {
        return resend.size();
    }

    /** {@return the number of messages put back for sending again, in all} */
    long resent() {
        return resent;
    }

    MessageSource<T> source() {
        return source;
    }
}
