package dev.tcpip.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster mode's publisher and subscriber on a local (not clustered) event bus: the window, the
 * cumulative acknowledgements, the checks of the subscriber, the probe.
 */
class FanOutRunTest {
    private static final String ADDRESS = "fan-out-test";

    private Vertx vertx;
    private EventBus bus;
    private FanOutConsumer consumer;
    private Context context;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        bus = vertx.eventBus();
        consumer = new FanOutConsumer(bus, ADDRESS);
        bus.consumer(ADDRESS, consumer).completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        context = LinePairs.eventLoops(vertx, 1).get(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A publisher of envelopes on the test address, its acknowledgements taken on its context; counts in flight. */
    private FanOutRun publisher(AtomicLong inFlightMax, AtomicLong acked) throws LoadException {
        AtomicLong sent = new AtomicLong();
        FanOutRun run = new FanOutRun(context, seq -> {
            sent.set(seq);
            inFlightMax.accumulateAndGet(seq - acked.get(), Math::max);
            bus.publish(ADDRESS, FanOutPayload.envelope(seq, FanOutPayload.json(seq)));
            return null;
        });
        LinePairs.onContext(context, () -> bus.<Object>consumer(FanOutConsumer.ackAddress(ADDRESS), (Message<Object> m) -> {
            if (m.headers().contains(FanOutConsumer.PROBE)) {
                m.reply("ok");
                return;
            }
            acked.set(((JsonObject) m.body()).getLong("seq"));
            run.ack((JsonObject) m.body());
        }).completion(), "register the acknowledgements");
        return run;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void aCountedRunSendsEveryMessageWithinTheWindowAndTimesEachAcknowledgedOne() throws Exception {
        AtomicLong inFlight = new AtomicLong();
        AtomicLong acked = new AtomicLong();
        FanOutRun run = publisher(inFlight, acked);
        consumer.ackEvery(10);
        FanOutRun.Result first = await(run.start(1000, 0, 50, 10));
        assertEquals(1000, first.messages);
        assertEquals(100, first.oneWayMicros.length, "one sample per acknowledgement");
        assertEquals(100, first.roundTripNanos.length);
        assertTrue(first.nanos > 0 && first.rate() > 0);
        assertTrue(first.roundTripNanos[0] > 0, "a round trip takes time");
        assertTrue(inFlight.get() <= 50, "never more than the window ahead of the last acknowledgement: "
            + inFlight.get());
        // The next run goes on with the numbers.
        FanOutRun.Result second = await(run.start(200, 0, 50, 10));
        assertEquals(200, second.messages);
        assertEquals(1200, consumer.received());
        assertEquals(1200, consumer.last());
        assertEquals(0, consumer.missing() + consumer.disordered() + consumer.malformed(), consumer.firstProblem());
    }

    @Test
    void aTimedRunWithOneMessageAtATimeEndsAfterItsTimeOnAnAcknowledgedMessage() throws Exception {
        AtomicLong inFlight = new AtomicLong();
        FanOutRun run = publisher(inFlight, new AtomicLong());
        consumer.ackEvery(1);
        FanOutRun.Result r = await(run.start(Long.MAX_VALUE, TimeUnit.MILLISECONDS.toNanos(50), 1, 1));
        assertTrue(r.messages >= 1);
        assertEquals(r.messages, r.oneWayMicros.length, "every message timed");
        assertEquals(r.messages, consumer.received());
        assertEquals(1, inFlight.get(), "one at a time");
        assertTrue(r.nanos >= TimeUnit.MILLISECONDS.toNanos(50), r.nanos + " ns");
    }

    @Test
    void aCountThatIsNotAMultipleOfTheAcknowledgementIntervalOrAWindowBelowItIsRefused() throws Exception {
        FanOutRun run = publisher(new AtomicLong(), new AtomicLong());
        assertThrows(IllegalArgumentException.class, () -> run.start(105, 0, 50, 10));
        assertThrows(IllegalArgumentException.class, () -> run.start(100, 0, 5, 10));
    }

    @Test
    void aFailedEmitFailsTheRun() throws Exception {
        FanOutRun run = new FanOutRun(context, seq -> seq == 3 ? Future.failedFuture("gone") : null);
        Exception e = assertThrows(Exception.class, () -> await(run.start(10, 0, 10, 10)));
        assertTrue(String.valueOf(e.getCause()).contains("gone"), String.valueOf(e));
        assertTrue(run.progress().contains("failed"), run.progress());
    }

    @Test
    void anEmitThatMustWaitHoldsTheNextUntilItCompletes() throws Exception {
        AtomicLong acked = new AtomicLong();
        Promise<Void> gate = Promise.promise();
        FanOutRun run = new FanOutRun(context, seq -> {
            bus.publish(ADDRESS, FanOutPayload.envelope(seq, FanOutPayload.json(seq)));
            return seq == 5 ? gate.future() : null;
        });
        LinePairs.onContext(context, () -> bus.<JsonObject>consumer(FanOutConsumer.ackAddress(ADDRESS), m -> {
            acked.set(m.body().getLong("seq"));
            run.ack(m.body());
        }).completion(), "register the acknowledgements");
        consumer.ackEvery(5);
        Future<FanOutRun.Result> result = run.start(20, 0, 20, 5);
        // Messages 1 to 5 go out and are acknowledged; 6 waits for the gate.
        await(waitFor(() -> acked.get() == 5));
        assertEquals(5, consumer.received());
        vertx.runOnContext(v -> gate.complete());
        assertEquals(20, await(result).messages);
        assertEquals(20, acked.get());
    }

    /** A future completed once the condition holds, checked on each turn of a 1 ms timer. */
    private Future<Void> waitFor(java.util.function.BooleanSupplier condition) {
        Promise<Void> p = Promise.promise();
        vertx.setPeriodic(1, id -> {
            if (condition.getAsBoolean()) {
                vertx.cancelTimer(id);
                p.tryComplete();
            }
        });
        return p.future();
    }

    @Test
    void theSubscriberCountsWhatIsMissingOutOfOrderOrMalformed() throws Exception {
        for (long seq : new long[] {1, 2, 5, 4}) {
            bus.publish(ADDRESS, FanOutPayload.envelope(seq, FanOutPayload.json(seq)));
        }
        bus.publish(ADDRESS, FanOutPayload.envelope(6, FanOutPayload.json(7)));   // counter is not seq
        bus.publish(ADDRESS, "not a sample");
        await(waitFor(() -> consumer.malformed() == 2));
        assertEquals(5, consumer.received(), "1, 2, 5, 4 and 6 (malformed, but numbered)");
        assertEquals(2, consumer.missing(), "3 and 4 skipped by 5");
        assertEquals(1, consumer.disordered(), "4 after 5");
        assertEquals(6, consumer.last());
        assertEquals("seq 5 after 2: 2 missing", consumer.firstProblem());
        assertTrue(consumer.stats("0.").startsWith("0.received=5 0.last=6 0.missing=2"), consumer.stats("0."));
    }

    @Test
    void aProbeIsAnsweredOnceTheAcknowledgementAddressAnswers() throws Exception {
        DeliveryOptions probe = new DeliveryOptions().addHeader(FanOutConsumer.PROBE, "1").setSendTimeout(5_000);
        Exception e = assertThrows(Exception.class, () -> await(bus.request(ADDRESS, "probe", probe)));
        assertTrue(String.valueOf(e.getCause()).contains("not reachable yet"), String.valueOf(e));
        publisher(new AtomicLong(), new AtomicLong());   // registers the acknowledgement consumer
        assertEquals("ok", await(bus.request(ADDRESS, "probe", probe)).body());
        assertEquals(0, consumer.received(), "a probe is not a message");
    }
}
