package dev.tcpip.docs;

import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Vertx;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/reading-and-writing.md, "Push style": a connection's bytes as a ReadStream for RecordParser. */
@ExtendWith(VertxExtension.class)
class PushStyleTest {

    @Test
    void recordParserOnAConnectionsInboundStream(Vertx vertx) throws Exception {
        // tag::record-parser[]
        OneClientServer server = new OneClientServer(new ServerOptions(), ConnectCallback.of(s -> {
            if (s.connected()) {                                     // on the server's context
                RecordParser.newDelimited("\r\n", s.connection().inbound())
                    .maxRecordSize(1024)
                    .handler(line -> s.writeStr("got " + line));
            }
        }));
        // end::record-parser[]
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            send(peer, "MOVE 1\r\nSTO");
            send(peer, "P\r\n");
            assertEquals("got MOVE 1\r\n", RawSockets.receiveLine(peer));
            assertEquals("got STOP\r\n", RawSockets.receiveLine(peer));
        }
    }
}
