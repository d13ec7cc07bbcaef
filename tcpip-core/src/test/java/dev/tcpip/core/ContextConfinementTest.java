package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** State and callbacks stay on the endpoint's context, whatever thread completes the user's futures. */
class ContextConfinementTest extends TestSupport {

    static final class Probe extends OneClientReadLoopServer {
        final List<String> threads = new CopyOnWriteArrayList<>();

        Probe(ConnectCallback<? super OneClientServer> callback) {
            super(new ServerOptions(), callback);
        }

        @Override
        protected Future<Void> readAndDispatch() {
            threads.add(Thread.currentThread().getName());
            return readStr().mapEmpty();
        }
    }

    @Test
    void aCallbackFutureCompletedOnAnotherThreadDoesNotMoveTheReadLoopOffTheContext() throws Exception {
        Promise<Void> gate = Promise.promise();
        List<String> callbackThreads = new CopyOnWriteArrayList<>();
        Probe server = deploy(new Probe(s -> {
            callbackThreads.add(Thread.currentThread().getName());
            return s.connected() ? gate.future() : null;
        }));
        try (Socket peer = rawConnect(server.port())) {
            awaitCondition("callback called", () -> callbackThreads.size() == 1);
            gate.complete();
            send(peer, "x\r\n");
            awaitCondition("read loop ran", () -> server.threads.size() >= 2);
        }
        awaitCondition("disconnect callback", () -> callbackThreads.size() == 2);
        for (String t : server.threads) {
            assertTrue(t.startsWith("vert.x-eventloop"), "readAndDispatch ran on " + t);
        }
        for (String t : callbackThreads) {
            assertTrue(t.startsWith("vert.x-eventloop"), "callback ran on " + t);
        }
        assertEquals(1, server.threads.stream().distinct().count());
    }

    @Test
    void callsFromAnotherThreadHopOntoTheContextAndCompleteThere() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            Future<String> line = server.readStr().map(s -> s + " on " + Thread.currentThread().getName());
            send(peer, "hello\r\n");
            String got = await(line);
            assertTrue(got.startsWith("hello on vert.x-eventloop"), got);
        }
    }
}
