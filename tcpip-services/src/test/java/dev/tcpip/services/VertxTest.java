package dev.tcpip.services;

import dev.tcpip.testsupport.Await;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/** A fresh Vert.x for each test, closed (with a deadline) after it. */
abstract class VertxTest {
    /** A deadline for things that must be quick (a shutdown). */
    static final Duration BOUND = Duration.ofSeconds(2);

    Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        Await.await("closing Vert.x", vertx.close());
    }
}
