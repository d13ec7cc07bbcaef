package dev.tcpip.core;

import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

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
        Client client = null;
    }
}
