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

/** Bytes still queued inside Vert.x while the socket is paused are delivered after the peer closes. */
class DataBeforeCloseTest extends TestSupport {

    @Test
    void everyByteSentBeforeThePeerClosesCanStillBeRead() throws Exception {
        OneClientServer server = deploy(new OneClientServer(
            new ServerOptions().setMonitorConnectionInterval(Duration.ZERO)));
        int total = 300 * 1024;
        byte[] data = new byte[total];
        for (int i = 0; i < total; i++) {
            data[i] = (byte) i;
        }
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, data);          // far more than READ_AHEAD, nobody reading yet
        }                              // peer closes: a normal "send and hang up"
        awaitCondition("the peer's close reached the server", () -> !((io.vertx.core.internal.net.NetSocketInternal) server.socket())
            .channelHandlerContext().channel().isActive());
        int got = 0;
        while (true) {
            Buffer b = await(server.read(64 * 1024));
            if (b.length() == 0) {
                break;
            }
            got += b.length();
        }
        assertEquals(total, got, "bytes the peer sent before closing were dropped");
    }
}
