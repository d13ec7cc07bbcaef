package dev.tcpip.docs;

import dev.tcpip.core.framing.LengthPrefixed;
import dev.tcpip.core.JsonLineDecodeException;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Java 21+ (virtual thread) examples of docs/reading-and-writing.md. */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+")
@ExtendWith(VertxExtension.class)
class ReadingWritingJava21Test {

    @Test
    void jsonWithTryCatch(Vertx vertx) throws Exception {
        OneClientServer server = ReadingWritingTest.deploy(vertx, new ServerOptions());
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "{\"cmd\": move}\r\n{\"cmd\": \"stop\"}\r\n");
            String handled = await(VirtualThreads.run(vertx, () -> {
                StringBuilder log = new StringBuilder();
                for (int i = 0; i < 2; i++) {
                    // tag::json-virtual-thread[]
                    try {
                        JsonObject cmd = (JsonObject) server.readJson().await();
                        server.writeJson(new JsonObject().put("ack", cmd.getString("cmd"))).await();
                    } catch (JsonLineDecodeException e) {
                        server.writeStr("error: " + e.line()).await();   // the bad line is gone; carry on
                    }
                    // end::json-virtual-thread[]
                    log.append(i);
                }
                return log.toString();
            }));
            assertEquals("01", handled);
            assertEquals("error: {\"cmd\": move}\r\n", RawSockets.receiveLine(peer));
            assertEquals("{\"ack\":\"stop\"}\r\n", RawSockets.receiveLine(peer));
        }
    }

    @Test
    void lengthPrefixedFrame(Vertx vertx) throws Exception {
        OneClientServer server = ReadingWritingTest.deploy(vertx, new ServerOptions());
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(5).array());
            send(peer, "hello".getBytes());
            String text = await(VirtualThreads.run(vertx, () -> {
                // tag::bytes-frame-virtual-thread[]
                Buffer payload = server.read(LengthPrefixed.of(4, ByteOrder.LITTLE_ENDIAN, 64 * 1024)).await();
                // end::bytes-frame-virtual-thread[]
                return payload.toString();
            }));
            assertEquals("hello", text);
        }
    }
}
