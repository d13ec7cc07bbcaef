package dev.tcpip.bench.load;

import dev.tcpip.core.reconnect.ReconnectPolicy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restart timer, in this JVM: the port stays below the ephemeral range; restarts give their breakdown. */
class RestartTimerTest {
    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void restartsGiveTheRetryThatConnectedAndItsNominalDelay() throws Exception {
        ReconnectPolicy policy = ReconnectPolicy.defaults().withInitialDelay(Duration.ofMillis(20));
        try (RestartTimer timer = RestartTimer.open(vertx, policy, LinePairs.eventLoops(vertx, 2))) {
            assertTrue(timer.port() >= RestartTimer.FIRST_PORT && timer.port() < RestartTimer.FIRST_PORT + RestartTimer.PORTS,
                "port " + timer.port());
            RestartTimer.Restart atOnce = timer.restart(Duration.ZERO);
            RestartTimer.Restart later = timer.restart(Duration.ofMillis(100));
            for (RestartTimer.Restart r : new RestartTimer.Restart[] {atOnce, later}) {
                assertTrue(r.retry >= 1, "retries count from 1: " + r.retry);
                assertEquals(20 * Math.pow(2, r.retry - 1), r.nominalDelayMs, 1e-9, "the policy's delay for that retry");
                assertTrue(r.restartToFirstMs >= 0 && r.delayInEffectMs > 0 && r.attemptToConnectedMs >= 0
                    && r.connectedToFirstMs >= 0 && r.closeMs >= 0, "times are durations");
            }
        }
    }
}
