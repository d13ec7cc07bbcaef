// tag::getting-started-echo-client[]
package org.example;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/** Sends one line to the echo server and prints what comes back: {@code EchoClient [host [port [text]]]}. */
public final class EchoClient {
    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        String text = args.length > 2 ? args[2] : "hello";

        Vertx vertx = Vertx.vertx();
        try {
            Client client = new Client(new ClientOptions().setHost(host).setPort(port));
            Future<String> echo = vertx.deployVerticle(client)   // connects
                .compose(id -> client.writeStr(text))             // sends text + "\r\n"
                .compose(v -> client.readStr());                  // the line back, "\r\n" stripped
            System.out.println(echo.await(10, TimeUnit.SECONDS));  // main may block: not an event loop
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);           // closes the client too
        }
    }
}
// end::getting-started-echo-client[]
