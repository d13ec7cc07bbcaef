package dev.tcpip.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

/**
 * The two bare Vert.x echo servers the project is measured against, written the idiomatic way with no
 * batching of their own.
 */
final class BareEchoServers {
    private static final byte[] CRLF = {'\r', '\n'};

    private BareEchoServers() {
    }

    /**
     * Server (a): {@code RecordParser.newDelimited("\r\n", socket)}; each record is written back with its
     * CR LF in one {@code socket.write}. Backpressure as Vert.x's own {@code Pipe} does it: when the
     * socket's write queue is full the parser is paused until the socket drains.
     *
     * @param vertx the Vert.x instance
     * @return the port, once listening on 127.0.0.1
     */
    static Future<Integer> recordParserEcho(Vertx vertx) {
        NetServer server = vertx.createNetServer(options());
        server.connectHandler(socket -> {
            RecordParser parser = RecordParser.newDelimited("\r\n", socket);
            parser.handler(record -> {
                socket.write(record.appendBytes(CRLF));
                if (socket.writeQueueFull()) {
                    parser.pause();
                    socket.drainHandler(v -> parser.resume());
                }
            });
            parser.exceptionHandler(t -> socket.close());
        });
        return server.listen().map(NetServer::actualPort);
    }

    /**
     * Server (b): {@code socket.pipeTo(socket)}, Vert.x's idiomatic echo: every buffer read is written
     * back as it is, with backpressure (the pipe pauses the socket while its write queue is full).
     *
     * @param vertx the Vert.x instance
     * @return the port, once listening on 127.0.0.1
     */
    static Future<Integer> byteEcho(Vertx vertx) {
        NetServer server = vertx.createNetServer(options());
        server.connectHandler(BareEchoServers::pipeToItself);
        return server.listen().map(NetServer::actualPort);
    }

    private static void pipeToItself(NetSocket socket) {
        socket.pipeTo(socket);
    }

    private static NetServerOptions options() {
        return new NetServerOptions().setHost("127.0.0.1").setPort(0);
    }
}
