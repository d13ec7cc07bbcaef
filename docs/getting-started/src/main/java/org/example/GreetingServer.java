// tag::getting-started-greeting-server[]
package org.example;

import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/**
 * A server for one client at a time that answers each line with "hello, " and the line, and says when a
 * client comes and goes: {@code GreetingServer [port]} (0 picks a free port). Stop it with Ctrl-C.
 */
public final class GreetingServer extends OneClientReadLoopServer {
    GreetingServer(ServerOptions options, ConnectCallback<? super OneClientServer> callback) {
        super(options, callback);
    }

    @Override
    protected Future<Void> readAndDispatch() {                   // called again as soon as it completes
        return readStr().compose(line -> writeStr("hello, " + line));
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5001;
        ConnectCallback<OneClientServer> report = ConnectCallback.of(server -> System.out.println(
            server.connected() ? "client connected from " + server.remoteAddress() : "client gone"));
        GreetingServer server = new GreetingServer(new ServerOptions().setPort(port), report);

        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);  // listening on 127.0.0.1
        System.out.println("listening on port " + server.port());
        // Vert.x's threads keep the JVM running; on Ctrl-C, close Vert.x (and the server) first.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    }
}
// end::getting-started-greeting-server[]
