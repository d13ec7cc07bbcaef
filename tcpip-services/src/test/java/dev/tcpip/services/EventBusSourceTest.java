package dev.tcpip.services;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventBusSourceTest extends VertxTest {
    @Test
    void theEventBusSourcePausesItsConsumerWhenItsBufferIsFullAndDropsNothing() throws Exception {
        EventBusSource<String> source = new EventBusSource<>(vertx, "bounded", 2);
        await(source.registered());
        EventBusSink<String> sink = new EventBusSink<>(vertx, "bounded");
        await(sink.put("1"));
        await(sink.put("2"));
        assertTrue(source.paused(), "the buffer is full");
        List<Future<Void>> later = new ArrayList<>();
        for (int i = 3; i <= 20; i++) {
            later.add(sink.put(String.valueOf(i)));
        }
        // The consumer fetches nothing more while full: the senders stay unacknowledged.
        assertEquals(2, source.buffered());
        assertFalse(later.get(0).isComplete(), "a put to a full source waits for room");

        for (int i = 1; i <= 20; i++) {
            assertEquals(String.valueOf(i), await(source.take()));
        }
        for (Future<Void> put : later) {
            await(put);
        }
        assertEquals(0, source.buffered());
        assertFalse(source.paused());
        await(source.close());
    }

    @Test
    void aPutToAFullSourceCompletesOnlyOnceATakeMakesRoom() throws Exception {
        EventBusSource<String> source = new EventBusSource<>(vertx, "one", 1);
        await(source.registered());
        EventBusSink<String> sink = new EventBusSink<>(vertx, "one");
        await(sink.put("a"));
        Future<Void> second = sink.put("b");
        awaitCondition("the source is paused", source::paused);
        assertFalse(second.isComplete());
        assertEquals("a", await(source.take()));
        await("the second put, acknowledged after the take", second);
        assertEquals("b", await(source.take()));
        await(source.close());
    }

    @Test
    void jsonObjectsAndBuffersTravelWithTheDefaultCodecs() throws Exception {
        EventBusSource<Object> source = new EventBusSource<>(vertx, "typed", 4);
        await(source.registered());
        EventBusSink<Object> sink = new EventBusSink<>(vertx, "typed");
        await(sink.put(new JsonObject().put("n", 1)));
        await(sink.put(io.vertx.core.buffer.Buffer.buffer("raw")));
        assertEquals(new JsonObject().put("n", 1), await(source.take()));
        assertEquals(io.vertx.core.buffer.Buffer.buffer("raw"), await(source.take()));
        await(source.close());
    }

    @Test
    void aPutToAnAddressNobodyConsumesFails() {
        EventBusSink<String> sink = new EventBusSink<>(vertx, "nobody");
        ReplyException e = awaitFailure(sink.put("lost?"), ReplyException.class);
        assertEquals(ReplyFailure.NO_HANDLERS, e.failureType());
    }

    @Test
    void closingTheSourceFailsWaitingTakesAndCountsWhatWasBuffered() throws Exception {
        EventBusSource<String> source = new EventBusSource<>(vertx, "closing", 4);
        await(source.registered());
        Future<String> waiting = source.take();
        await(source.close());
        awaitFailure(waiting, IllegalStateException.class);

        EventBusSource<String> second = new EventBusSource<>(vertx, "closing2", 4);
        await(second.registered());
        await(new EventBusSink<String>(vertx, "closing2").put("x"));
        await(second.close());
        assertEquals(1, second.discarded());
    }
}
