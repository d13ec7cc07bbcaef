package dev.tcpip.bench.jmh;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.util.ArrayDeque;

/**
 * A stream of buffers that the benchmark pushes by hand, standing in for a socket: it keeps the handlers
 * its reader sets and calls the data handler at once, on the calling thread, from {@link #push(Buffer)}.
 * It honours {@link #pause()}: chunks pushed while paused wait, in order, for {@link #resume()} or
 * {@link #fetch(long)}. Single-threaded, like the reader it feeds.
 */
public final class FakeReadStream implements ReadStream<Buffer> {
    private final ArrayDeque<Buffer> waiting = new ArrayDeque<>();
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private boolean paused;
    private boolean delivering;

    /**
     * Creates a stream with no handlers, flowing.
     */
    public FakeReadStream() {
    }

    /**
     * Hands a chunk to the data handler now, or after the reader resumes if it has paused the stream.
     *
     * @param chunk the bytes, as one network read would deliver them (never modified)
     */
    public void push(Buffer chunk) {
        waiting.add(chunk);
        deliver();
    }

    /**
     * Ends the stream, after any chunk still waiting.
     */
    public void end() {
        deliver();
        if (endHandler != null) {
            endHandler.handle(null);
        }
    }

    /**
     * @return true while the reader has paused the stream
     */
    public boolean paused() {
        return paused;
    }

    private void deliver() {
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            while (!paused && handler != null && !waiting.isEmpty()) {
                handler.handle(waiting.poll());
            }
        } finally {
            delivering = false;
        }
    }

    /**
     * Ignores the handler: this stream never fails.
     *
     * @param handler ignored
     * @return this stream
     */
    @Override
    public FakeReadStream exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    /**
     * Sets the handler that receives each chunk.
     *
     * @param handler the data handler, or null
     * @return this stream
     */
    @Override
    public FakeReadStream handler(Handler<Buffer> handler) {
        this.handler = handler;
        return this;
    }

    /**
     * Holds back chunks pushed from now on until {@link #resume()}.
     *
     * @return this stream
     */
    @Override
    public FakeReadStream pause() {
        paused = true;
        return this;
    }

    /**
     * Delivers the chunks held back, in order, and flows again.
     *
     * @return this stream
     */
    @Override
    public FakeReadStream resume() {
        paused = false;
        deliver();
        return this;
    }

    /**
     * Same as {@link #resume()}: this stream does not count demand.
     *
     * @param amount ignored
     * @return this stream
     */
    @Override
    public FakeReadStream fetch(long amount) {
        return resume();
    }

    /**
     * Sets the handler called by {@link #end()}.
     *
     * @param endHandler the end handler, or null
     * @return this stream
     */
    @Override
    public FakeReadStream endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        return this;
    }
}
