package dev.tcpip.core.stream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer on its own, on a real context, writing to a fake stream. */
class StreamWriterTest {
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final FakeWriteStream sink = new FakeWriteStream();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Runs {@code step} on the context and waits for its result (and for the turn it ran in to end). */
    private <T> T onContext(Function<StreamWriter, T> step, StreamWriter writer) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(step.apply(writer)));
        T value = result.get(10, TimeUnit.SECONDS);
        // A task queued after that turn runs after the writer's end-of-turn hand-over.
        CompletableFuture<Void> later = new CompletableFuture<>();
        context.runOnContext(v -> later.complete(null));
        later.get(10, TimeUnit.SECONDS);
        return value;
    }

    private StreamWriter newWriter() throws Exception {
        CompletableFuture<StreamWriter> w = new CompletableFuture<>();
        context.runOnContext(v -> w.complete(new StreamWriter(sink, context)));
        return w.get(10, TimeUnit.SECONDS);
    }

    @Test
    void smallWritesInOneTurnGoToTheSocketAsOneWriteInOrder() throws Exception {
        StreamWriter writer = newWriter();
        int writesDuringTheTurn = onContext(w -> {
            for (int i = 0; i < 100; i++) {
                w.write(Buffer.buffer("line " + i + "\r\n"));
            }
            return sink.writes.size();
        }, writer);
        assertEquals(0, writesDuringTheTurn, "nothing is handed over before the turn ends");
        assertEquals(1, sink.writes.size(), "one socket write for the turn");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            expected.append("line ").append(i).append("\r\n");
        }
        assertEquals(expected.toString(), sink.all().toString());
    }

    @Test
    void aLoneWriteIsHandedOverAsItIs() throws Exception {
        StreamWriter writer = newWriter();
        Buffer data = Buffer.buffer("ping\r\n");
        onContext(w -> w.write(data), writer);
        assertEquals(1, sink.writes.size());
        assertSame(data, sink.writes.get(0), "no copy for a lone write");
    }

    @Test
    void gatheredBytesReachingTheLimitGoOutWithoutWaitingForTheTurnToEnd() throws Exception {
        StreamWriter writer = newWriter();
        byte[] kib = new byte[1024];
        int writesDuringTheTurn = onContext(w -> {
            for (int i = 0; i < StreamWriter.GATHER_LIMIT / 1024; i++) {
                w.write(Buffer.buffer(kib));
            }
            return sink.writes.size();
        }, writer);
        assertEquals(1, writesDuringTheTurn, "handed over as soon as the limit was reached");
        assertEquals(StreamWriter.GATHER_LIMIT, sink.all().length());
    }

    @Test
    void largeAndSmallWritesKeepTheirOrder() throws Exception {
        StreamWriter writer = newWriter();
        Buffer big = Buffer.buffer(new byte[StreamWriter.GATHER_LIMIT + 10]);
        onContext(w -> {
            w.write(Buffer.buffer("a"));
            w.write(big);
            w.write(Buffer.buffer("z"));
            return null;
        }, writer);
        assertSame(big, sink.writes.get(1), "a large write is handed over as it is, after the small one before it");
        Buffer all = sink.all();
        assertEquals(big.length() + 2, all.length());
        assertEquals('a', all.getByte(0));
        assertEquals('z', all.getByte(all.length() - 1));
    }

    @Test
    void aWriteCompletesAtOnceBelowTheHighWaterMarkAndWaitsForDrainAboveIt() throws Exception {
        StreamWriter writer = newWriter();
        boolean atOnce = onContext(w -> w.write(Buffer.buffer("x")).succeeded(), writer);
        assertTrue(atOnce, "queue not full");
        sink.full = true;
        Future<Void> waiting = onContext(w -> w.write(Buffer.buffer("y")), writer);
        assertFalse(waiting.isComplete(), "queue full: the write waits, as asyncio's drain() does");
        onContext(w -> {
            sink.drained();
            return null;
        }, writer);
        assertTrue(waiting.succeeded(), "released by the drain");
        assertEquals("xy", sink.all().toString());
    }

    @Test
    void closeHandsOverGatheredBytesThenFailsWaitingAndLaterWrites() throws Exception {
        StreamWriter writer = newWriter();
        IllegalStateException cause = new IllegalStateException("closed");
        List<Future<Void>> results = onContext(w -> {
            w.write(Buffer.buffer("kept "));
            sink.full = true;
            Future<Void> waiting = w.write(Buffer.buffer("too"));
            w.close(cause);
            return List.of(waiting, w.write(Buffer.buffer("after")));
        }, writer);
        assertEquals("kept too", sink.all().toString(), "gathered bytes went out before the close");
        assertSame(cause, results.get(0).cause());
        assertSame(cause, results.get(1).cause());
    }

    @Test
    void aFailedSocketWriteFailsLaterWrites() throws Exception {
        StreamWriter writer = newWriter();
        IOException reset = new IOException("Connection reset by peer");
        sink.failWith = reset;
        onContext(w -> w.write(Buffer.buffer("lost")), writer);
        Promise<Throwable> later = Promise.promise();
        onContext(w -> {
            w.write(Buffer.buffer("next")).onComplete(ar -> later.complete(ar.cause()));
            return null;
        }, writer);
        assertSame(reset, later.future().result());
    }
}
