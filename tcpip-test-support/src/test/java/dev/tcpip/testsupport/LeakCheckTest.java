package dev.tcpip.testsupport;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LeakCheckTest extends VertxPerTest {
    @Test
    void timersCountsThePendingTimersOfThisVertx() {
        int before = LeakCheck.timers(vertx);
        long timer = vertx.setTimer(3_600_000, id -> { });
        long periodic = vertx.setPeriodic(3_600_000, id -> { });
        assertEquals(before + 2, LeakCheck.timers(vertx));
        vertx.cancelTimer(timer);
        vertx.cancelTimer(periodic);
        assertEquals(before, LeakCheck.timers(vertx));
    }

    @Test
    void aTimerLeftPendingIsALeak() {
        LeakCheck leaks = new LeakCheck(vertx, SHORT);
        leaks.track(new Object());
        long timer = vertx.setTimer(3_600_000, id -> { });
        AssertionError e = assertThrows(AssertionError.class, () -> leaks.assertNothingLeaked(100));
        assertTrue(e.getMessage().contains("Vert.x timers back to")
            && e.getMessage().endsWith("(now " + LeakCheck.timers(vertx) + ")"), e.getMessage());
        vertx.cancelTimer(timer);
        leaks.assertNothingLeaked(100);
    }

    @Test
    void anObjectStillReachableIsALeakAndOneCollectedIsNot() {
        LeakCheck leaks = new LeakCheck(vertx, SHORT);
        AtomicReference<Object> holder = new AtomicReference<>(new Object());
        leaks.track(holder.get());
        leaks.track(new Object());
        assertEquals(2, leaks.trackedCount());
        AssertionError e = assertThrows(AssertionError.class, () -> leaks.assertNothingLeaked(100));
        assertTrue(e.getMessage().contains("none of the 2 tracked objects alive") && e.getMessage().endsWith("(now 1)"),
            e.getMessage());
        holder.set(null);
        leaks.assertNothingLeaked(100);
    }

    @Test
    void descriptorsStillOpenAreALeakBeyondTheSlack() throws Exception {
        assumeTrue(LeakCheck.canCountFds(), "this system does not list a process's descriptors");
        LeakCheck leaks = new LeakCheck(vertx, SHORT);
        leaks.track(new Object());
        List<ServerSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            AssertionError e = assertThrows(AssertionError.class, () -> leaks.assertNothingLeaked(1));
            assertTrue(e.getMessage().contains("open descriptors back to"), e.getMessage());
        } finally {
            for (ServerSocket s : open) {
                s.close();
            }
        }
        leaks.assertNothingLeaked(1);
    }

    @Test
    void nothingTrackedIsAMistakeOfTheTest() {
        LeakCheck leaks = new LeakCheck(vertx, SHORT);
        AssertionError e = assertThrows(AssertionError.class, () -> leaks.assertNothingLeaked(100));
        assertEquals("nothing was tracked", e.getMessage());
    }
}
