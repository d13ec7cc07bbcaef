package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes behave as asyncio's write() + drain(): queued at once, held back by a peer that does not read. */
class WriteTest extends TestSupport {

    private OneClientServer connectedServer(Socket[] peer) throws Exception {
        OneClientServer server = deploy(new OneClientServer(
            new ServerOptions().setMonitorConnectionInterval(Duration.ZERO)));
        peer[0] = rawConnect(server.port());
        await(server.connectedFuture());
        return server;
    }

    @Test
    void writesToAPeerThatDoesNotReadWaitOnceTheQueueIsFullAndResumeWhenItReads() throws Exception {
        Socket[] peer = new Socket[1];
        OneClientServer server = connectedServer(peer);
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        long limit = 64L * 1024 * 1024;
        long accepted = 0;
        Future<Void> waiting = null;
        while (waiting == null) {
            assertTrue(accepted < limit, "writes never waited after " + accepted + " bytes to a peer that does not read");
            // Asked on the context, so that "complete at once" means what it says.
            Future<Void> f = await(server.onContext(() -> Future.succeededFuture(server.write(chunk))));
            accepted += chunk.length();
            if (!f.isComplete()) {
                waiting = f;
            }
        }
        assertFalse(waiting.isComplete());
        // The peer reads everything sent so far: the queue drains and the waiting write completes.
        InputStream in = peer[0].getInputStream();
        byte[] sink = new byte[64 * 1024];
        long read = 0;
        while (read < accepted) {
            int n = in.read(sink);
            assertTrue(n > 0, "stream ended after " + read + " of " + accepted + " bytes");
            read += n;
        }
        await(waiting);
        assertEquals(accepted, read);
        peer[0].close();
    }

    @Test
    void writesMadeJustBeforeCloseReachThePeerBeforeTheEnd() throws Exception {
        Socket[] peer = new Socket[1];
        OneClientServer server = connectedServer(peer);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            expected.append("line ").append(i).append("\r\n");
        }
        // All in one turn of the event loop: the lines are gathered, then the close must send them first.
        await(server.onContext(() -> {
            for (int i = 0; i < 1000; i++) {
                server.writeStr("line " + i);
            }
            return server.closeClient();
        }));
        byte[] got = peer[0].getInputStream().readAllBytes();
        assertEquals(expected.toString(), new String(got, java.nio.charset.StandardCharsets.UTF_8));
        peer[0].close();
    }

    @Test
    void aWriteWaitingForDrainFailsWhenTheConnectionCloses() throws Exception {
        Socket[] peer = new Socket[1];
        OneClientServer server = connectedServer(peer);
        Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
        Future<Void> waiting = null;
        for (int i = 0; i < 1024 && waiting == null; i++) {
            Future<Void> f = await(server.onContext(() -> Future.succeededFuture(server.write(chunk))));
            if (!f.isComplete()) {
                waiting = f;
            }
        }
        assertTrue(waiting != null, "writes never waited for a peer that does not read");
        await(server.closeClient());
        awaitFailure(waiting, NotConnectedException.class);
        peer[0].close();
    }
}
