package dev.tcpip.services.endpoint;

import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.testsupport.Await;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A fresh Vert.x per test, closed after it, and helpers to make endpoints on loopback, port 0. */
abstract class EndpointTest {
    static final Duration BOUND = Duration.ofSeconds(3);
    static final Duration WAIT = Duration.ofSeconds(10);

    Vertx vertx;
    private final List<QueueEndpoint<?>> endpoints = new ArrayList<>();

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (QueueEndpoint<?> e : endpoints) {
            Await.await("closing " + e, e.close(), BOUND);
        }
        Await.await("closing Vert.x", vertx.close());
    }

    /** Options for a server on a port picked by the system; fast reconnect delays for clients. */
    static QueueEndpointOptions serverOptions() {
        return new QueueEndpointOptions().setPort(0);
    }

    static QueueEndpointOptions clientOptions(int port) {
        return new QueueEndpointOptions().setPort(port)
            .setReconnect(ReconnectPolicy.defaults().withInitialDelay(Duration.ofMillis(20)).withMaxDelay(Duration.ofMillis(200)));
    }

    <E extends QueueEndpoint<?>> E started(E endpoint) throws Exception {
        endpoints.add(endpoint);
        Await.await("starting " + endpoint, endpoint.start().mapEmpty());
        return endpoint;
    }

    static List<String> take(QueueEndpoint<String> endpoint, int n) throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String m = endpoint.receive(WAIT);
            if (m == null) {
                throw new AssertionError("message " + (i + 1) + " of " + n + " did not come within " + WAIT + "; got " + out);
            }
            out.add(m);
        }
        return out;
    }
}
