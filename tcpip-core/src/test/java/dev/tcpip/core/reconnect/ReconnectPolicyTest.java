package dev.tcpip.core.reconnect;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delays, the limits and the JSON form of the reconnect policy. */
class ReconnectPolicyTest {
    @Test
    void theDefaultDelaysStartAtHalfASecondAndDoubleUpToThirtySeconds() {
        List<Long> millis = new ArrayList<>();
        for (int retry = 1; retry <= 9; retry++) {
            millis.add(ReconnectPolicy.defaults().delayBefore(retry, () -> 0.5).toMillis());
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L), millis);
    }

    @Test
    void jitterSpreadsEachDelayWithinItsFractionButNeverAboveTheCap() {
        ReconnectPolicy policy = ReconnectPolicy.defaults();
        assertEquals(400, policy.delayBefore(1, () -> 0.0).toMillis(), "1 - 20 %");
        assertEquals(600, policy.delayBefore(1, () -> 1.0).toMillis(), "1 + 20 %");
        assertEquals(30_000, policy.delayBefore(20, () -> 1.0).toMillis(), "capped");
        assertEquals(24_000, policy.delayBefore(20, () -> 0.0).toMillis());
        assertEquals(500, policy.withJitter(0).delayBefore(1, () -> 0.9).toMillis(), "no jitter: exact");
        assertEquals(500, policy.withMultiplier(1).withJitter(0).delayBefore(7, () -> 0.3).toMillis(),
            "multiplier 1: pysocklib's fixed 0.5 s");
    }

    @Test
    void itGivesUpAfterMaxAttemptsOrTheDeadlineAndNeverReconnectsWhenToldNot() {
        ReconnectPolicy three = ReconnectPolicy.defaults().withMaxAttempts(3);
        assertTrue(three.allowsRetry(2, Duration.ofHours(1)));
        assertFalse(three.allowsRetry(3, Duration.ZERO));
        ReconnectPolicy minute = ReconnectPolicy.defaults().withDeadline(Duration.ofMinutes(1));
        assertTrue(minute.allowsRetry(1000, Duration.ofSeconds(59)));
        assertFalse(minute.allowsRetry(1, Duration.ofSeconds(60)));
        assertTrue(ReconnectPolicy.defaults().allowsRetry(1_000_000, Duration.ofDays(365)), "for ever by default");
        assertFalse(ReconnectPolicy.never().allowsRetry(1, Duration.ZERO));
        assertFalse(ReconnectPolicy.never().reconnects());
    }

    @Test
    void theJsonFormReadsBackAndAbsentKeysKeepTheDefaults() {
        ReconnectPolicy policy = ReconnectPolicy.defaults().withInitialDelay(Duration.ofMillis(250)).withMultiplier(1.5)
            .withMaxDelay(Duration.ofSeconds(5)).withJitter(0.1).withMaxAttempts(7).withDeadline(Duration.ofSeconds(90))
            .withConnectTimeout(Duration.ofSeconds(2));
        assertEquals(policy, ReconnectPolicy.fromJson(policy.toJson()));
        assertEquals(ReconnectPolicy.defaults(), ReconnectPolicy.fromJson(new JsonObject()));
        assertEquals(ReconnectPolicy.never(), ReconnectPolicy.fromJson(ReconnectPolicy.never().toJson()));
        assertEquals(0.25, policy.toJson().getDouble("initialDelay"));
    }

    @Test
    void badValuesAreRefusedAtOnce() {
        ReconnectPolicy d = ReconnectPolicy.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withMultiplier(0.5));
        assertThrows(IllegalArgumentException.class, () -> d.withJitter(1.5));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxAttempts(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxDelay(Duration.ofMillis(100)), "below the first delay");
        assertThrows(IllegalArgumentException.class, () -> d.withInitialDelay(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> d.withConnectTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> d.delayBefore(0, () -> 0.5));
    }
}
