package dev.tcpip.docs;

import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Java 21+ (virtual thread) example of docs/read-loop-server.md. */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+")
@ExtendWith(VertxExtension.class)
class ReadLoopServerJava21Test {

    // tag::read-loop-virtual-thread[]
    /** A mock hexapod: each JSON command gets a JSON reply. */
    static class MockHexapod extends OneClientReadLoopServer {
        MockHexapod(ServerOptions options) {
            super(options);
        }

        @Override
        protected Future<Void> readAndDispatch() {
            JsonObject cmd = (JsonObject) readJson().await();      // blocks this virtual thread only
            JsonObject reply = new JsonObject().put("ack", cmd.getString("cmd"));
            if ("pivot".equals(cmd.getString("cmd"))) {
                reply.put("x", cmd.getDouble("x", 0.0));
            }
            writeJson(reply).await();
            return Future.succeededFuture();
        }
    }
    // end::read-loop-virtual-thread[]

    @Test
    void aReadLoopOnAVirtualThread(Vertx vertx) throws Exception {
        // tag::read-loop-virtual-thread-deploy[]
        MockHexapod hexapod = new MockHexapod(new ServerOptions().setName("hexapod"));
        Future<String> deployed = vertx.deployVerticle(hexapod,
            new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD));
        // end::read-loop-virtual-thread-deploy[]
        await(deployed);
        try (Socket csc = RawSockets.rawConnect(hexapod.port())) {
            send(csc, "{\"cmd\": \"pivot\", \"x\": 1.5}\r\n{\"cmd\": \"stop\"}\r\n");
            assertEquals("{\"ack\":\"pivot\",\"x\":1.5}\r\n", RawSockets.receiveLine(csc));
            assertEquals("{\"ack\":\"stop\"}\r\n", RawSockets.receiveLine(csc));
            send(csc, "not json\r\n");
            assertEquals(-1, csc.getInputStream().read(), "an exception thrown by await() drops the client");
        }
        try (Socket next = RawSockets.rawConnect(hexapod.port())) {
            send(next, "{\"cmd\": \"stop\"}\r\n");
            assertEquals("{\"ack\":\"stop\"}\r\n", RawSockets.receiveLine(next));
        }
    }
}
