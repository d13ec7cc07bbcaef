package dev.tcpip.core.message;

import dev.tcpip.core.Connection;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.LineTooLongException;
import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.framing.FrameLengthException;
import dev.tcpip.core.framing.Framing;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;
import java.util.function.BiFunction;

/**
 * A message socket's reading: frames read one after another from its connection, each decoded and handed to
 * {@code process} with its payload's length, the next read once the future it returns has completed; the end of the stream, a broken
 * frame, a payload the codec rejects or a reset handed to {@code end} (null for a normal end). On the
 * socket's context.
 *
 * @param <T> the message type
 */
final class MessagePump<T> {
    private static final Logger LOG = LoggerFactory.getLogger(MessageSocket.class);

    private final Connection connection;
    private final Framing<Buffer> framing;
    private final PayloadCodec<T> codec;
    private final BiFunction<T, Integer, Future<?>> process;
    private final Consumer<Throwable> end;
    private final String logPrefix;
    private boolean stopped;

    MessagePump(Connection connection, Framing<Buffer> framing, PayloadCodec<T> codec, BiFunction<T, Integer, Future<?>> process,
                Consumer<Throwable> end, String logPrefix) {
        this.connection = connection;
        this.framing = framing;
        this.codec = codec;
        this.process = process;
        this.end = end;
        this.logPrefix = logPrefix;
    }

    /** Starts reading. */
    void start() {
        readNext();
    }

    /** Reads no more: the socket is closing. */
    void stop() {
        stopped = true;
    }

    /** Reads frames while the consumer keeps up: on the context. */
    private void readNext() {
        while (!stopped) {
            Future<Buffer> frame = connection.read(framing);
            if (!frame.isComplete()) {
                frame.onComplete(this::frameRead);
                return;
            }
            Future<?> next = received(frame);
            if (next == null) {
                return;
            }
            if (!next.isComplete()) {
                next.onComplete(ar -> readNext());
                return;
            }
        }
    }

    private void frameRead(AsyncResult<Buffer> frame) {
        Future<?> next = received(frame);
        if (next != null) {
            next.onComplete(ar -> readNext());
        }
    }

    /** Processes a frame read; returns when to read the next, or null to stop. */
    private Future<?> received(AsyncResult<Buffer> frame) {
        if (stopped) {
            return null;
        }
        if (frame.failed()) {
            ended(frame.cause());
            return null;
        }
        T message;
        try {
            message = codec.decode(frame.result());
        } catch (RuntimeException e) {
            LOG.warn("{}closing: {}", logPrefix, e.getMessage());
            end.accept(e);
            return null;
        }
        Future<?> done;
        try {
            done = process.apply(message, frame.result().length());
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        if (done == null) {
            return Future.succeededFuture();
        }
        if (done.isComplete()) {
            if (done.failed()) {
                LOG.warn("{}message handler failed: {}", logPrefix, done.cause().toString());
            }
            return done;
        }
        return done.onFailure(e -> LOG.warn("{}message handler failed: {}", logPrefix, e.toString()));
    }

    /** The read failed: the peer closed, reset, or broke the framing. */
    private void ended(Throwable cause) {
        if (cause instanceof IncompleteReadException && ((IncompleteReadException) cause).partial().length() == 0
            && connection.failure() == null) {
            LOG.debug("{}peer closed", logPrefix);
            end.accept(null);
            return;
        }
        if (cause instanceof FrameLengthException || cause instanceof LineTooLongException
            || cause instanceof IncompleteReadException) {
            LOG.warn("{}closing: {}", logPrefix, cause.getMessage());
        } else {
            LOG.info("{}connection lost: {}", logPrefix, cause.toString());
        }
        end.accept(cause);
    }

}
