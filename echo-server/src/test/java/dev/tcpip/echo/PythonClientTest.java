package dev.tcpip.echo;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.tcpip.testsupport.Await.await;

/**
 * The user guide's audience: a Python asyncio client against the Java echo server, and a Python socket/struct
 * client against the frame echo, in-process.
 */
@ExtendWith(VertxExtension.class)
class PythonClientTest {
    @Test
    void pythonAsyncioClientGetsItsLinesEchoed(Vertx vertx, @TempDir Path dir) throws Exception {
        PythonClient.python3();
        EchoServer server = new EchoServer(Sockets.HOST, 0);
        await(vertx.deployVerticle(server));
        PythonClient.assertEchoes(server.port(), dir);
    }

    @Test
    void pythonSocketStructClientGetsItsFramesEchoedAlongsideAnotherClient(Vertx vertx, @TempDir Path dir) throws Exception {
        PythonClient.python3();
        FrameEchoServer server = new FrameEchoServer(Sockets.HOST, 0, FrameEchoServer.DEFAULT_MAX_FRAME);
        await(vertx.deployVerticle(server));
        PythonClient.assertFramesEchoed(server.port(), dir);
    }
}
