package dev.tcpip.core;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Buffers handed out are the caller's own: mutating an empty result must not leak into another connection. */
class SharedEmptyBufferTest extends TestSupport {

    @Test
    void aBufferReturnedByOneReadCannotInjectBytesIntoAnotherConnection() throws Exception {
        OneClientServer server = deploy(new OneClientServer(
            new ServerOptions().setMonitorConnectionInterval(Duration.ZERO)));
        Socket first = rawConnect(server.port());
        await(server.connectedFuture());
        first.close();
        Buffer atEof = await(server.readLine());        // Python: b"" at end of stream
        assertEquals(0, atEof.length());
        atEof.appendString("ghost\n");                  // legal: Vert.x buffers are mutable, the caller owns it

        try (Socket second = rawConnect(server.port())) {    // replaces the dropped client
            awaitCondition("second client taken", () -> server.remoteAddress() != null
                && server.remoteAddress().port() == second.getLocalPort());
            send(second, "real\n");
            assertEquals("real\n", await(server.readLine()).toString(), "bytes injected by another read's buffer");
        }
    }
}
