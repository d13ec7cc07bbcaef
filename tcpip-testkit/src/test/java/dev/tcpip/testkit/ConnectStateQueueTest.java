package dev.tcpip.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue on its own: what passes, what fails, and what the failure says. */
class ConnectStateQueueTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void assertNextConnectedTakesTheStatesInOrder() {
        ConnectStateQueue states = new ConnectStateQueue("server");
        states.offer(true);
        states.offer(false);
        states.assertNextConnected(true);
        states.assertNextConnected(false, SHORT);
        assertTrue(states.isEmpty());
    }

    @Test
    void assertNextConnectedFailsOnTheWrongValueAndSaysWhichQueue() {
        ConnectStateQueue states = new ConnectStateQueue("server");
        states.offer(false);
        states.offer(true);
        AssertionError e = assertThrows(AssertionError.class, () -> states.assertNextConnected(true, SHORT));
        assertEquals("server: expected the next connect callback to see connected=true but it saw connected=false;"
            + " still queued after it: [true]", e.getMessage());
    }

    @Test
    void assertNextConnectedFailsWhenNoCallbackComesInTime() {
        ConnectStateQueue states = new ConnectStateQueue("client");
        AssertionError e = assertThrows(AssertionError.class, () -> states.assertNextConnected(true, SHORT));
        assertEquals("client: expected a connect callback with connected=true within 50 ms, but there was none", e.getMessage());
    }

    @Test
    void assertNoMoreConnectChangesPassesOnAQuietQueueAndFailsOnAQueuedState() {
        ConnectStateQueue states = new ConnectStateQueue("server");
        states.assertNoMoreConnectChanges(SHORT);
        states.assertNoMoreConnectChanges(Duration.ZERO);
        states.offer(true);
        AssertionError e = assertThrows(AssertionError.class, () -> states.assertNoMoreConnectChanges(Duration.ZERO));
        assertEquals("server: expected no more connect callbacks, but one saw connected=true", e.getMessage());
    }

    @Test
    void assertNoMoreConnectChangesFailsAsSoonAsAStateArrivesFromAnotherThread() throws Exception {
        ConnectStateQueue states = new ConnectStateQueue("server");
        Thread producer = new Thread(() -> states.offer(false));
        producer.start();
        // A long quiet period: the assertion must fail when the state arrives, not at the end of the period.
        long start = System.nanoTime();
        assertThrows(AssertionError.class, () -> states.assertNoMoreConnectChanges(Duration.ofSeconds(60)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "waited out the quiet period");
        producer.join();
    }

    @Test
    void nextReturnsTheStateAndDrainEmptiesTheQueue() {
        ConnectStateQueue states = new ConnectStateQueue();
        states.offer(true);
        states.offer(false);
        states.offer(true);
        assertTrue(states.next(SHORT));
        assertEquals(2, states.size());
        assertEquals(List.of(false, true), states.drain());
        assertTrue(states.isEmpty());
        assertThrows(AssertionError.class, () -> states.next(SHORT));
    }

    @Test
    void timeoutsMustBePositive() {
        ConnectStateQueue states = new ConnectStateQueue();
        assertThrows(IllegalArgumentException.class, () -> states.assertNextConnected(true, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> states.assertNoMoreConnectChanges(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> new ConnectStateQueue("x", Duration.ZERO));
    }
}
