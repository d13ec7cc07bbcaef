package dev.tcpip.services.endpoint;

import dev.tcpip.services.MessageQueue;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resend window: what goes back to the front of the outbound queue, in which order. */
class OutboxTest {
    private static final long SECOND = 1_000_000_000L;
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    private List<String> drain(Outbox<String> box, int n) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(await(box.take()));
        }
        return out;
    }

    @Test
    void aLostConnectionPutsTheWindowThenTheUnwrittenMessageBeforeEverythingElseInOrder() throws Exception {
        MessageQueue<String> queue = new MessageQueue<>(vertx, 10);
        Outbox<String> box = new Outbox<>(queue, 2 * SECOND, 100);
        for (String m : List.of("a", "b", "c", "d", "e")) {
            queue.offer(m, Duration.ofSeconds(1));
        }
        assertEquals(List.of("a", "b", "c"), drain(box, 3));
        box.written("a", 0);
        box.written("b", 1);
        assertEquals(3, box.connectionLost("c", 2));
        assertEquals(List.of("a", "b", "c", "d", "e"), drain(box, 5));
        assertEquals(3, box.resent());
    }

    @Test
    void messagesWrittenLongerAgoThanTheWindowAreNotResent() throws Exception {
        Outbox<String> box = new Outbox<>(new MessageQueue<>(vertx, 10), 2 * SECOND, 100);
        box.written("old", 0);
        box.written("recent", 5 * SECOND);
        assertEquals(1, box.connectionLost(null, 6 * SECOND));
        assertEquals("recent", await(box.take()));
    }

    @Test
    void theWindowHoldsAtMostTheLimitTheOldestLeaveFirst() throws Exception {
        Outbox<String> box = new Outbox<>(new MessageQueue<>(vertx, 10), 2 * SECOND, 2);
        box.written("1", 0);
        box.written("2", 0);
        box.written("3", 0);
        assertEquals(2, box.connectionLost(null, 0));
        assertEquals(List.of("2", "3"), drain(box, 2));
    }

    @Test
    void aSecondLossBeforeTheResentAreSentKeepsTheOrder() throws Exception {
        MessageQueue<String> queue = new MessageQueue<>(vertx, 10);
        Outbox<String> box = new Outbox<>(queue, 2 * SECOND, 100);
        for (String m : List.of("a", "b", "c")) {
            queue.offer(m, Duration.ofSeconds(1));
        }
        assertEquals(List.of("a", "b"), drain(box, 2));
        box.written("a", 0);
        box.connectionLost("b", 0);          // resend: a, b
        assertEquals("a", await(box.take()));
        box.written("a", 1);
        box.connectionLost(null, 1);         // a again goes first; b still waits after it
        assertEquals(List.of("a", "b", "c"), drain(box, 3));
    }

    @Test
    void aZeroWindowResendsOnlyTheUnwrittenMessage() throws Exception {
        Outbox<String> box = new Outbox<>(new MessageQueue<>(vertx, 10), 0, 100);
        box.written("sent", 0);
        assertEquals(1, box.connectionLost("unsent", 0));
        assertEquals("unsent", await(box.take()));
        assertTrue(box.isEmpty());
    }
}
