package dev.tcpip.docs;

import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Vertx;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java 21+ (virtual thread) example of docs/one-client-server.md. */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+")
@ExtendWith(VertxExtension.class)
class OneClientServerJava21Test {

    @Test
    void oneSessionOnAVirtualThread(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            send(peer, "hexapod\r\n");
            String answer = await(VirtualThreads.run(vertx, () -> {
                // tag::one-client-virtual-thread[]
                server.connectedFuture().await();                   // a client is there
                server.writeStr("who are you?").await();
                String name = server.readStr().await();
                server.closeClient().await();                       // done with it; keep listening
                // end::one-client-virtual-thread[]
                return name;
            }));
            assertEquals("hexapod", answer);
            assertEquals("who are you?\r\n", RawSockets.receiveLine(peer));
            assertEquals(-1, peer.getInputStream().read());
        }
        assertFalse(server.doneFuture().isComplete());
        try (Socket next = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            assertTrue(server.connected());
        }
    }
}
