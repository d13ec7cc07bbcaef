package dev.tcpip.testkit;

import dev.tcpip.core.OneClientServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNotSame;

/** With one test instance for the whole class, every test still gets a fresh Vert.x and empty queues. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerClassLifecycleTest extends OneClientServerTestBase {
    private Vertx previous;

    @RepeatedTest(3)
    void everyTestStartsWithAFreshVertxAndEmptyQueues() throws Exception {
        assertNotSame(previous, vertx());
        previous = vertx();
        serverConnectStates().assertNoMoreConnectChanges(Duration.ZERO);
        clientConnectStates().assertNoMoreConnectChanges(Duration.ZERO);

        // Leave something behind for the next repetition to not see.
        OneClientServer server = createServer();
        createClient(server);
        assertNextConnected(true);
        await(server.closeClient());
    }
}
