package dev.tcpip.testkit;

import dev.tcpip.core.Client;
import dev.tcpip.core.OneClientServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The base class together with vertx-junit5's {@link VertxTestContext}: futures composed on the event
 * loops, no blocking in the exchange itself.
 */
@ExtendWith(VertxExtension.class)
class EventLoopStyleTest extends OneClientServerTestBase {
    @Test
    void exchangeComposedWithFuturesCompletesTheTestContext(VertxTestContext testContext) throws Exception {
        OneClientServer server = createServer();
        Client client = createClient(server);
        server.connectedFuture()
            .compose(v -> client.writeStr("ping"))
            .compose(v -> server.readStr())
            .compose(line -> server.writeStr(line + " pong"))
            .compose(v -> client.readStr())
            .onComplete(testContext.succeeding(line -> testContext.verify(() -> {
                assertEquals("ping pong", line);
                testContext.completeNow();
            })));
    }
}
