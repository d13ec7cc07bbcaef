package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest extends TestSupport {
    @Test
    void echoOneLine() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket s = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(s, "hello\r\n");
            String line = await(server.readStr());
            assertEquals("hello", line);
            await(server.writeStr("back " + line));
            assertEquals("back hello\r\n", new String(receive(s, 12), StandardCharsets.UTF_8));
        }
    }

    static class Echo extends OneClientReadLoopServer {
        Echo() {
            super(new ServerOptions());
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return readUntil(terminator()).compose(this::write);
        }
    }

    @Test
    void clientAndReadLoopServer() throws Exception {
        Echo server = deploy(new Echo());
        Client client = deploy(new Client(new ClientOptions().setPort(server.port())));
        for (int i = 0; i < 100; i++) {
            await(client.writeJson(new JsonObject().put("i", i).put("s", "é")));
            assertEquals(new JsonObject().put("i", i).put("s", "é"), await(client.readJson()));
        }
        await(client.close());
        awaitCondition("server sees the client go", () -> !server.connected());
    }
}
