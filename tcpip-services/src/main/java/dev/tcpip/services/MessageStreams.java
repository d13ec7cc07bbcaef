package dev.tcpip.services;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

import java.util.Objects;

/**
 * Vert.x streams over sources and sinks, for code written the Vert.x way ({@code pipeTo}, {@code Pipe},
 * backpressure): a {@link MessageSource} read as a {@link ReadStream} and a {@link MessageSink} written as a
 * {@link WriteStream}. Both take nothing and put nothing unless asked: a paused read stream leaves the
 * messages in its source; a write stream is full while a put waits for room.
 */
public final class MessageStreams {
    private MessageStreams() {
    }

    /**
     * A source as a read stream: it takes one message at a time, only while there is demand; handlers run
     * where the source completes its takes (a {@link MessageQueue}'s context). The stream ends (exception
     * handler, then end handler) when a take fails, as when the source is closed.
     *
     * @param source the source
     * @param <T>    the message type
     * @return a new stream, paused until a handler is set
     */
    public static <T> ReadStream<T> readStream(MessageSource<T> source) {
        return new SourceStream<>(Objects.requireNonNull(source, "source"));
    }

    /**
     * A sink as a write stream: each write is a put; {@link WriteStream#writeQueueFull()} is true while
     * {@code maxWaiting} or more puts wait for room, and the drain handler runs when fewer do.
     * {@link WriteStream#end()} completes once every put has completed.
     *
     * @param sink the sink
     * @param <T>  the message type
     * @return a new stream (full while one put waits; {@link WriteStream#setWriteQueueMaxSize} changes that)
     */
    public static <T> WriteStream<T> writeStream(MessageSink<T> sink) {
        return new SinkStream<>(Objects.requireNonNull(sink, "sink"));
    }

    private static final class SourceStream<T> implements ReadStream<T> {
        private final MessageSource<T> source;
        private Handler<T> handler;
        private Handler<Void> endHandler;
        private Handler<Throwable> exceptionHandler;
        private long demand = Long.MAX_VALUE;
        private boolean taking;
        private boolean ended;
        private boolean delivering;

        SourceStream(MessageSource<T> source) {
            this.source = source;
        }

        @Override
        public ReadStream<T> exceptionHandler(Handler<Throwable> handler) {
            this.exceptionHandler = handler;
            return this;
        }

        @Override
        public ReadStream<T> handler(Handler<T> handler) {
            this.handler = handler;
            takeIfWanted();
            return this;
        }

        @Override
        public ReadStream<T> pause() {
            demand = 0;
            return this;
        }

        @Override
        public ReadStream<T> resume() {
            return fetch(Long.MAX_VALUE);
        }

        @Override
        public ReadStream<T> fetch(long amount) {
            if (amount < 0) {
                throw new IllegalArgumentException("amount must not be negative");
            }
            demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
            takeIfWanted();
            return this;
        }

        @Override
        public ReadStream<T> endHandler(Handler<Void> endHandler) {
            this.endHandler = endHandler;
            return this;
        }

        /** Takes while there is demand and takes complete at once; waits for a take that does not. */
        private void takeIfWanted() {
            if (delivering) {
                return;
            }
            delivering = true;
            try {
                while (!ended && !taking && handler != null && demand > 0) {
                    taking = true;
                    Future<T> take = source.take();
                    if (!take.isComplete()) {
                        take.onComplete(ar -> {
                            taking = false;
                            taken(ar.succeeded() ? ar.result() : null, ar.cause());
                            takeIfWanted();
                        });
                        return;
                    }
                    taking = false;
                    taken(take.result(), take.cause());
                }
            } finally {
                delivering = false;
            }
        }

        private void taken(T message, Throwable failure) {
            if (failure != null) {
                ended = true;
                if (exceptionHandler != null) {
                    exceptionHandler.handle(failure);
                }
                if (endHandler != null) {
                    endHandler.handle(null);
                }
                return;
            }
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            handler.handle(message);
        }
    }

    private static final class SinkStream<T> implements WriteStream<T> {
        private final MessageSink<T> sink;
        private int maxWaiting = 1;
        private int waiting;
        private Handler<Void> drainHandler;
        private Handler<Throwable> exceptionHandler;
        private Future<Void> last = Future.succeededFuture();

        SinkStream(MessageSink<T> sink) {
            this.sink = sink;
        }

        @Override
        public WriteStream<T> exceptionHandler(Handler<Throwable> handler) {
            this.exceptionHandler = handler;
            return this;
        }

        @Override
        public Future<Void> write(T data) {
            Future<Void> put = sink.put(data);
            if (put.isComplete()) {
                if (put.failed() && exceptionHandler != null) {
                    exceptionHandler.handle(put.cause());
                }
                return put;
            }
            waiting++;
            Promise<Void> done = Promise.promise();
            put.onComplete(ar -> {
                boolean wasFull = writeQueueFull();
                waiting--;
                if (ar.failed() && exceptionHandler != null) {
                    exceptionHandler.handle(ar.cause());
                }
                done.handle(ar);
                if (wasFull && !writeQueueFull() && drainHandler != null) {
                    drainHandler.handle(null);
                }
            });
            last = done.future();
            return last;
        }

        @Override
        public Future<Void> end() {
            return last.recover(e -> Future.succeededFuture());
        }

        @Override
        public WriteStream<T> setWriteQueueMaxSize(int maxSize) {
            if (maxSize < 1) {
                throw new IllegalArgumentException("maxSize must be at least 1");
            }
            this.maxWaiting = maxSize;
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return waiting >= maxWaiting;
        }

        @Override
        public WriteStream<T> drainHandler(Handler<Void> handler) {
            this.drainHandler = handler;
            return this;
        }
    }
}
