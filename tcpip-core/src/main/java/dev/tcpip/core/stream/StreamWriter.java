package dev.tcpip.core.stream;

import io.netty.channel.socket.ChannelOutputShutdownException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Writes to one {@link WriteStream} of buffers (a socket) the way asyncio's {@code writer.write(data)}
 * followed by {@code await writer.drain()} does: the bytes are queued at once, and the returned future
 * completes at once while the socket's write queue is below its high-water mark, or once it has drained
 * below it again. A peer that does not read therefore holds writers back, and memory stays bounded by
 * the socket's write queue plus {@link #GATHER_LIMIT}.
 *
 * <p><b>Gathering.</b> Writes made during one turn of the context's event loop are gathered and handed
 * to the socket as one buffer at the end of that turn (at once when {@link #GATHER_LIMIT} bytes are
 * gathered): an echo of a thousand lines read in one network chunk costs one socket write and one system
 * call, not a thousand. A lone write in a turn is handed over as it is, without a copy. Bytes keep the
 * order of the calls; {@link #flush()} hands over what is gathered at once (before a close).
 * Only on an event-loop context: on a worker or virtual-thread context a task may block for as long as it
 * likes, and bytes held until it ends would not reach the peer meanwhile, so there each write is handed
 * over at once (Vert.x already gathers writes made off the event loop into one flush).
 *
 * <p><b>Errors.</b> A write the socket reports as failed (a reset peer) fails every later write and every
 * waiting one with the same cause. After {@link #close(Throwable)}, writes fail with the given cause.
 *
 * <p>Threading: not thread safe. Create it, and call it, on one context only (the socket's, or the
 * endpoint's); every future it returns completes there.
 */
public final class StreamWriter {
    /** Bytes gathered from small writes before they are handed to the socket without waiting for the turn's end. */
    public static final int GATHER_LIMIT = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(StreamWriter.class);
    private static final int MIN_GATHER_CAPACITY = 4096;

    private final WriteStream<Buffer> sink;
    private final Context context;
    private final ArrayDeque<Promise<Void>> drainWaiters = new ArrayDeque<>();
    private final Runnable flushTask = this::flush;
    /** False on a worker or virtual-thread context: each write is handed over at once. */
    private final boolean gatherWrites;

    /** The one write of this turn so far, kept as given (no copy); null once a second write arrives. */
    private Buffer single;
    /** The writes of this turn gathered into a buffer of our own; null while there are fewer than two. */
    private Buffer gathered;
    private boolean flushScheduled;
    /** Initial capacity of the next gathering buffer: the size of the last batch, within bounds. */
    private int gatherCapacity = MIN_GATHER_CAPACITY;
    private Throwable failure;
    /** The socket's future of the last bytes handed to it: complete once they, and so all before, are written. */
    private Future<Void> lastHandedOver = Future.succeededFuture();
    private Consumer<Throwable> writeErrorListener = cause -> { };

    /**
     * Takes over the sink's drain handler.
     *
     * @param sink    the socket (or any write stream that reports {@link WriteStream#writeQueueFull()})
     * @param context the context every call is made on; the end-of-turn hand-over runs there
     */
    public StreamWriter(WriteStream<Buffer> sink, Context context) {
        this.sink = sink;
        this.context = context;
        this.gatherWrites = context.isEventLoopContext();
        sink.drainHandler(v -> releaseDrainWaiters());
    }

    /**
     * Queues {@code data} behind every earlier write. Do not change {@code data} afterwards: it may be
     * handed to the socket as it is.
     *
     * @param data the bytes
     * @return a future completed at once while the socket's write queue is below its high-water mark, else
     *     once it drains; failed with the cause of an earlier failed write, or the cause given to
     *     {@link #close(Throwable)}
     */
    public Future<Void> write(Buffer data) {
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        int len = data.length();
        if (len > 0) {
            gather(data, len);
        }
        return drain();
    }

    private void gather(Buffer data, int len) {
        if (len >= GATHER_LIMIT) {
            // A large write goes out as it is, after whatever was gathered before it: never copied.
            flush();
            send(data);
            return;
        }
        if (gathered != null) {
            gathered.appendBuffer(data);
        } else if (single != null) {
            // Sized like the last gathered batch: a busy connection then gathers without regrowing.
            gathered = Buffer.buffer(Math.max(gatherCapacity, single.length() + len));
            gathered.appendBuffer(single).appendBuffer(data);
            single = null;
        } else if (!gatherWrites) {
            send(data);
            return;
        } else {
            single = data;
        }
        if (gathered != null && gathered.length() >= GATHER_LIMIT) {
            flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(v -> flushTask.run());
        }
    }

    /**
     * Python's {@code drain()} on its own: waits until the socket's write queue is below its high-water
     * mark.
     *
     * @return a future completed at once when it is, else once it has drained; failed as {@link #write}
     */
    public Future<Void> drain() {
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        if (!sink.writeQueueFull()) {
            return Future.succeededFuture();
        }
        Promise<Void> waiter = Promise.promise();
        drainWaiters.add(waiter);
        return waiter.future();
    }

    /**
     * Hands the gathered bytes to the socket now (the end-of-turn hand-over then finds nothing to do).
     */
    public void flush() {
        flushScheduled = false;
        if (gathered != null) {
            gatherCapacity = Math.min(Math.max(MIN_GATHER_CAPACITY, gathered.length()), GATHER_LIMIT + MIN_GATHER_CAPACITY);
        }
        Buffer out = gathered != null ? gathered : single;
        gathered = null;
        single = null;
        if (out != null && failure == null) {
            send(out);
        }
    }

    /**
     * Hands over what is gathered, then fails every later write, and every write still waiting for the
     * queue to drain, with {@code cause}. Call before closing the socket. Idempotent: the first cause
     * stays.
     *
     * @param cause what later writes fail with
     */
    public void close(Throwable cause) {
        flush();
        fail(cause);
    }

    /**
     * {@return the cause every write now fails with: the error of the first write the socket reported as
     *     failed, or the cause given to {@link #close(Throwable)}; null while writes can succeed}
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * {@return the number of bytes gathered and not yet handed to the socket}
     */
    public int gatheredBytes() {
        return gathered != null ? gathered.length() : single != null ? single.length() : 0;
    }

    /**
     * Hands over what is gathered, then waits until the socket has written every byte handed to it: what a
     * graceful close waits for, since Vert.x's close throws away writes still in its own queue.
     *
     * @return completed once every byte handed over so far is written to the operating system (or failed)
     */
    public Future<Void> written() {
        flush();
        return lastHandedOver.otherwiseEmpty();
    }

    private void send(Buffer out) {
        Future<Void> written = sink.write(out);
        lastHandedOver = written;
        if (written.isComplete()) {
            if (written.failed()) {
                writeFailed(written.cause());
            }
        } else {
            written.onFailure(this::writeFailed);
        }
    }

    private void writeFailed(Throwable failed) {
        // With auto-close off (see BaseClientOrServer) Netty shuts the output down after a failed write and fails
        // the writes it held with "Channel output shutdown": the socket's own error (the reset) is its cause.
        Throwable cause = failed instanceof ChannelOutputShutdownException && failed.getCause() != null ? failed.getCause() : failed;
        LOG.debug("write failed: {}", cause.toString());
        fail(cause);
        writeErrorListener.accept(cause);
    }

    /**
     * Sets the action run, on the context, with the cause of the first write the socket reports as failed
     * (a reset or broken connection); the endpoints hand it to the {@link StreamReader}, since the kernel
     * reports a reset only once, to whichever of read and write meets it first.
     *
     * @param listener the action
     */
    public void onWriteError(Consumer<Throwable> listener) {
        this.writeErrorListener = listener;
    }

    private void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        gathered = null;
        single = null;
        Promise<Void> waiter;
        while ((waiter = drainWaiters.poll()) != null) {
            waiter.tryFail(failure);
        }
    }

    private void releaseDrainWaiters() {
        Promise<Void> waiter;
        while (!sink.writeQueueFull() && (waiter = drainWaiters.poll()) != null) {
            waiter.tryComplete();
        }
    }
}
