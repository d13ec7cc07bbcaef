package dev.tcpip.core.stream;

import dev.tcpip.core.framing.UpTo;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A reader's bytes handed over as a push-style Vert.x {@link ReadStream}, for code written the Vert.x way,
 * such as {@code RecordParser.newDelimited("\r\n", stream)}. It pulls chunks of up to
 * {@link StreamReader#READ_AHEAD} bytes through the reader's queue, after any read asked for before, and
 * only while there is demand: {@link #pause()} stops the pulling (a chunk already on its way is held until
 * the next demand), the reader then pauses the socket once its read-ahead is full, and a fast peer meets
 * TCP backpressure. At the end of the stream the exception handler gets the error if the
 * connection was reset, then the end handler runs. Call it on the reader's context.
 */
public final class InboundStream implements ReadStream<Buffer> {
    private static final UpTo CHUNK = UpTo.of(StreamReader.READ_AHEAD);

    private final StreamReader reader;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private long demand = Long.MAX_VALUE;
    private boolean reading;
    private boolean pumping;
    /** A chunk whose read completed after a pause: handed over at the next demand. */
    private AsyncResult<Buffer> held;
    private boolean ended;

    /**
     * Creates the stream; nothing is read until a handler is set.
     *
     * @param reader the reader whose bytes it hands over
     */
    public InboundStream(StreamReader reader) {
        this.reader = reader;
    }

    @Override
    public InboundStream exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public InboundStream handler(Handler<Buffer> handler) {
        this.handler = handler;
        pump();
        return this;
    }

    @Override
    public InboundStream pause() {
        demand = 0;
        return this;
    }

    @Override
    public InboundStream resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public InboundStream fetch(long amount) {
        if (amount > 0) {
            demand = Long.MAX_VALUE - demand < amount ? Long.MAX_VALUE : demand + amount;
            pump();
        }
        return this;
    }

    @Override
    public InboundStream endHandler(Handler<Void> handler) {
        this.endHandler = handler;
        return this;
    }

    /** Pulls while there is demand; chunks already buffered are handed over in a loop, not by recursion. */
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            if (held != null && handler != null && demand > 0) {
                AsyncResult<Buffer> chunk = held;
                held = null;
                deliver(chunk);
            }
            while (!reading && held == null && !ended && handler != null && demand > 0) {
                Future<Buffer> chunk = reader.read(CHUNK);
                if (!chunk.isComplete()) {
                    reading = true;
                    chunk.onComplete(ar -> {
                        reading = false;
                        held = ar;
                        pump();
                    });
                    return;
                }
                deliver(chunk);
            }
        } finally {
            pumping = false;
        }
    }

    private void deliver(AsyncResult<Buffer> chunk) {
        if (chunk.failed() || chunk.result().length() == 0) {
            ended = true;
            Throwable error = chunk.failed() ? chunk.cause() : reader.failure();
            if (error != null && exceptionHandler != null) {
                exceptionHandler.handle(error);
            }
            if (endHandler != null) {
                endHandler.handle(null);
            }
            return;
        }
        if (demand != Long.MAX_VALUE) {
            demand--;
        }
        handler.handle(chunk.result());
    }
}
