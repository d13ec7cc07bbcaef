package dev.tcpip.testsupport;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@ExtendWith(StrictLeakDetection.class)
class StrictLeakDetectionTest {
    private static ResourceLeakDetector.Level before;

    @BeforeAll
    static void noteTheLevel() {
        before = ResourceLeakDetector.getLevel();
        assertNotEquals(ResourceLeakDetector.Level.PARANOID, before, "the run's own level is not already the strictest");
    }

    @Test
    void eachTestRunsWithEveryBufferTracked() {
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
    }

    @AfterAll
    static void theLevelIsRestoredAfterEachTest() {
        assertEquals(before, ResourceLeakDetector.getLevel());
    }
}
