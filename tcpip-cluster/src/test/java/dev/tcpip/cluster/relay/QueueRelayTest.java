package dev.tcpip.cluster.relay;

import dev.tcpip.services.endpoint.Client;
import dev.tcpip.services.endpoint.QueueEndpointOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.Await.awaitNext;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A relay between a queue-backed line endpoint (pysocklib's Client) and the event bus. */
class QueueRelayTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
    }

    @Test
    void linesArePublishedWithSeqAndCommandsGoOutAsLines() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Client<String> controller = Client.create(vertx, new QueueEndpointOptions().setPort(listener.getLocalPort()));
            QueueRelay<String> relay = QueueRelay.create(vertx, "dome", controller.received(),
                line -> new JsonObject().put("line", line), controller.toSend(), json -> {
                    String line = json.getString("line");
                    if (line == null) {
                        throw new IllegalArgumentException("a command is {\"line\": \"...\"}");
                    }
                    return line;
                });
            BlockingQueue<JsonObject> published = new LinkedBlockingQueue<>();
            MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer("dome", m -> published.add(m.body()));
            await(consumer.completion());
            await(controller.start());
            await(relay.start());
            try (Socket peer = listener.accept()) {
                OutputStream out = peer.getOutputStream();
                out.write("AZ 10.5\r\nAZ 11.0\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertEquals(new JsonObject().put("seq", 1).put("body", new JsonObject().put("line", "AZ 10.5")),
                    awaitNext("the first line", published));
                assertEquals(new JsonObject().put("seq", 2).put("body", new JsonObject().put("line", "AZ 11.0")),
                    awaitNext("the second line", published));

                assertEquals(new JsonObject(), await(vertx.eventBus().<JsonObject>request("dome.commands",
                    new JsonObject().put("line", "OPEN"))).body());
                BufferedReader in = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.US_ASCII));
                assertEquals("OPEN", in.readLine());

                ReplyException refused = awaitFailure("a command without a line", vertx.eventBus().request(
                    "dome.commands", new JsonObject()), ReplyException.class);
                assertEquals(StructRelay.FAILURE_BAD_COMMAND, refused.failureCode());
                assertEquals("a command is {\"line\": \"...\"}", refused.getMessage());
                assertEquals(2, relay.published());
            }
            await(relay.close());
            await(controller.close());
        }
    }
}
