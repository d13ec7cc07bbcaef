package dev.tcpip.core.stream;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

import java.util.ArrayList;
import java.util.List;

/** A write stream that records each write; the test sets whether its queue is full and fires drain. */
final class FakeWriteStream implements WriteStream<Buffer> {
    final List<Buffer> writes = new ArrayList<>();
    boolean full;
    Throwable failWith;
    private Handler<Void> drainHandler;

    void drained() {
        full = false;
        drainHandler.handle(null);
    }

    Buffer all() {
        Buffer b = Buffer.buffer();
        writes.forEach(b::appendBuffer);
        return b;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (failWith != null) {
            return Future.failedFuture(failWith);
        }
        writes.add(data);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
        return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return full;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        this.drainHandler = handler;
        return this;
    }
}
