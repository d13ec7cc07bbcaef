package dev.tcpip.testsupport;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/** A fresh Vert.x for each test, closed (with a deadline) after it; and a short deadline for failing waits. */
abstract class VertxPerTest {
    /** The deadline of waits that are meant to fail: short, so the tests stay fast. */
    static final Duration SHORT = Duration.ofMillis(200);

    Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        Await.await(vertx.close());
    }
}
