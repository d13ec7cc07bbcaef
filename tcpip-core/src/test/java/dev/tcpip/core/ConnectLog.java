package dev.tcpip.core;

import dev.tcpip.testsupport.Await;
import io.vertx.core.Future;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Records the connected value each connect-callback call saw. */
final class ConnectLog {
    private final List<Boolean> calls = new CopyOnWriteArrayList<>();

    <E extends BaseClientOrServer> ConnectCallback<E> callback() {
        return endpoint -> {
            calls.add(endpoint.connected());
            return Future.succeededFuture();
        };
    }

    List<Boolean> calls() {
        return List.copyOf(calls);
    }

    /** Waits until exactly these calls have been seen, then checks them. */
    void awaitCalls(Boolean... expected) throws InterruptedException {
        Await.awaitCondition("connect callback calls " + List.of(expected) + ", have " + calls,
            () -> calls.size() >= expected.length);
        assertEquals(List.of(expected), calls());
    }
}
