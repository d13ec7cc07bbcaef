package dev.tcpip.services;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.Await.awaitNext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageQueueTest extends VertxTest {
    @Test
    void aPutOnAFullQueueWaitsUntilATakeMakesRoomAndTryPutRefuses() throws Exception {
        MessageQueue<String> queue = new MessageQueue<>(vertx, 2);
        await(queue.put("a"));
        await(queue.put("b"));
        Future<Void> third = queue.put("c");
        awaitCondition("the third put waits", () -> queue.waitingPuts() == 1);
        assertFalse(third.isComplete());
        assertFalse(await(queue.tryPut("d")), "tryPut on a full queue refuses");
        assertEquals(2, queue.size());

        assertEquals("a", await(queue.take()));
        await("the waiting put, admitted", third);
        assertEquals("b", await(queue.take()));
        assertEquals("c", await(queue.take()));
        assertEquals(0, queue.size());
    }

    @Test
    void aProducerServiceIsPausedByAFullQueueAndNoMessageIsLost() throws Exception {
        MessageQueue<String> queue = new MessageQueue<>(vertx, 3);
        Service<String, String> producer = MessageGenerator.service(vertx, "gen", queue, Duration.ofMillis(1));
        await(vertx.deployVerticle(producer));
        awaitCondition("the producer waits on the full queue", () -> queue.size() == 3 && queue.waitingPuts() == 1);
        assertEquals(3, producer.handled(), "the producer is paused: its fourth message is not accepted");

        for (int n = 1; n <= 150; n++) {
            assertEquals("gen " + ((n - 1) % 100 + 1), queue.take(Duration.ofSeconds(5)));
        }
        await(producer.shutdown(), BOUND);
    }

    @Test
    void blockingTakeAndOfferWithTimeoutsFromAPlainThread() throws Exception {
        MessageQueue<String> queue = new MessageQueue<>(vertx, 1);
        assertTrue(queue.offer("a", Duration.ofMillis(100)));
        assertFalse(queue.offer("b", Duration.ofMillis(50)), "offer on a full queue gives up after its timeout");
        assertEquals(0, queue.waitingPuts(), "the message of a failed offer is not queued");
        assertEquals("a", queue.take(Duration.ofSeconds(1)));
        assertNull(queue.take(Duration.ofMillis(50)), "take on an empty queue gives null after its timeout");
        assertEquals(0, queue.waitingTakes());

        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        Thread consumer = new Thread(() -> {
            try {
                got.add(String.valueOf(queue.take(Duration.ofSeconds(10))));
            } catch (InterruptedException e) {
                got.add("interrupted");
            }
        }, "plain-consumer");
        consumer.start();
        awaitCondition("the plain thread waits in take", () -> queue.waitingTakes() == 1);
        assertTrue(queue.offer("c", Duration.ofSeconds(1)));
        assertEquals("c", awaitNext(got));
        consumer.join(5000);
    }

    @Test
    void anInterruptedBlockingTakeTakesNothing() throws Exception {
        MessageQueue<String> queue = new MessageQueue<>(vertx, 1);
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        Thread consumer = new Thread(() -> {
            try {
                got.add(String.valueOf(queue.take(Duration.ofSeconds(30))));
            } catch (InterruptedException e) {
                got.add("interrupted");
            }
        }, "plain-consumer");
        consumer.start();
        awaitCondition("the plain thread waits in take", () -> queue.waitingTakes() == 1);
        consumer.interrupt();
        assertEquals("interrupted", awaitNext(got));
        assertEquals(0, queue.waitingTakes());
        await(queue.put("kept"));
        assertEquals("kept", queue.take(Duration.ofSeconds(1)));
    }

    @Test
    void blockingCallsRefuseToRunOnAnEventLoop() throws Exception {
        MessageQueue<String> queue = new MessageQueue<>(vertx, 1);
        Promise<String> outcome = Promise.promise();
        vertx.runOnContext(v -> {
            try {
                queue.take(Duration.ofMillis(1));
                outcome.complete("took");
            } catch (IllegalStateException e) {
                outcome.complete("refused");
            } catch (InterruptedException e) {
                outcome.complete("interrupted");
            }
        });
        assertEquals("refused", await(outcome.future()));
    }

    @Test
    void blockingCallsRefuseToRunOnTheQueuesOwnContextEvenAWorkerOne() throws Exception {
        // A worker context runs one task at a time: a take blocked there would hold the context that must
        // hand it the message, and wait out its whole timeout.
        Promise<String> outcome = Promise.promise();
        vertx.deployVerticle(new io.vertx.core.VerticleBase() {
            @Override
            public io.vertx.core.Future<?> start() {
                MessageQueue<String> queue = new MessageQueue<>(context, 1);
                queue.put("there");
                try {
                    outcome.complete("took " + queue.take(Duration.ofMillis(100)));
                } catch (IllegalStateException e) {
                    outcome.complete("refused");
                } catch (InterruptedException e) {
                    outcome.complete("interrupted");
                }
                return io.vertx.core.Future.succeededFuture();
            }
        }, new io.vertx.core.DeploymentOptions().setThreadingModel(io.vertx.core.ThreadingModel.WORKER));
        assertEquals("refused", await(outcome.future()));
    }

    @Test
    void aWaitingTakeCanBeWithdrawn() throws Exception {
        MessageQueue<String> queue = new MessageQueue<>(vertx, 1);
        Future<String> take = queue.take();
        assertTrue(await(queue.cancelTake(take)));
        awaitFailure(take, CancellationException.class);
        await(queue.put("x"));
        assertEquals(1, queue.size(), "the message went to the queue, not to the withdrawn take");
    }
}
