package dev.tcpip.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two pairs of the endpoints mode move every message, in order, run after run; a wrong one fails a run. */
class LinePairsTest {
    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Thread threadOf(Context context) throws LoadException {
        return LinePairs.onContext(context, () -> io.vertx.core.Future.succeededFuture(Thread.currentThread()), "thread");
    }

    @Test
    void theTwoEndsRunOnTwoEventLoopThreads() throws Exception {
        List<Context> contexts = LinePairs.eventLoops(vertx, 2);
        assertEquals(2, contexts.size());
        assertNotEquals(threadOf(contexts.get(0)), threadOf(contexts.get(1)));
    }

    private static void runsTwice(LinePairs.LinePair pair) throws LoadException {
        for (int bytes : new int[] {64, 1024}) {
            LineMessages messages = new LineMessages(bytes);
            for (int run = 0; run < 2; run++) {
                assertTrue(pair.run(messages, 3000, TimeUnit.SECONDS.toNanos(30)) > 0);
            }
        }
    }

    @Test
    void theQueueEndpointsDeliverEveryMessage() throws Exception {
        List<Context> contexts = LinePairs.eventLoops(vertx, 2);
        try (LinePairs.LinePair pair = LinePairs.QueuePair.open(vertx, contexts.get(0), contexts.get(1))) {
            runsTwice(pair);
        }
    }

    @Test
    void theRawVertxPairDeliversEveryMessage() throws Exception {
        List<Context> contexts = LinePairs.eventLoops(vertx, 2);
        try (LinePairs.LinePair pair = LinePairs.VertxPair.open(vertx, contexts.get(0), contexts.get(1), 0)) {
            runsTwice(pair);
        }
    }

    @Test
    void theGatheringRawVertxPairDeliversEveryMessage() throws Exception {
        List<Context> contexts = LinePairs.eventLoops(vertx, 2);
        try (LinePairs.LinePair pair = LinePairs.VertxPair.open(vertx, contexts.get(0), contexts.get(1),
            LinePairs.VertxPair.GATHER_BYTES)) {
            runsTwice(pair);
        }
    }

    @Test
    void aWrongMessageFailsTheRunAndSaysWhich() {
        LineMessages messages = new LineMessages(64);
        LinePairs.Run run = new LinePairs.Run(messages, 10);
        run.started();
        assertTrue(run.took(messages.get(0)));
        assertTrue(run.took(messages.get(1)));
        assertFalse(run.took(messages.get(3)), "message 3 where 2 was sent");
        assertFalse(run.took(messages.get(2)), "the run is over");
        LoadException e = assertThrows(LoadException.class, () -> run.await(TimeUnit.SECONDS.toNanos(1)));
        assertTrue(e.getMessage().startsWith("message 2 is \"M000000000003 "), e.getMessage());
    }

    @Test
    void aRunThatStallsSaysHowFarItGot() {
        LineMessages messages = new LineMessages(64);
        LinePairs.Run run = new LinePairs.Run(messages, 10);
        run.started();
        run.took(messages.get(0));
        LoadException e = assertThrows(LoadException.class, () -> run.await(TimeUnit.MILLISECONDS.toNanos(50)));
        assertTrue(e.getMessage().contains("1 of 10 messages taken"), e.getMessage());
    }
}
