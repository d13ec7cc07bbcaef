package dev.tcpip.docs;

import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;

import static dev.tcpip.docs.Wait.await;
import static dev.tcpip.docs.Wait.send;
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
        try (Socket peer = Wait.connect(server.port())) {
            send(peer, "MOVE 1\r\nSTO");
            send(peer, "P\r\n");
            assertEquals("got MOVE 1\r\n", Wait.receiveLine(peer));
            assertEquals("got STOP\r\n", Wait.receiveLine(peer));
        }
    }
}
