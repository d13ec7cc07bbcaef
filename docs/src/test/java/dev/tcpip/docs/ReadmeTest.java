package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The example of the root README.md. */
@ExtendWith(VertxExtension.class)
class ReadmeTest {

    @Test
    void aMockControllerAndAClient(Vertx vertx) throws Exception {
        // tag::readme-example[]
        /** A mock controller: answers each command line with "OK <command>". */
        class MockController extends OneClientReadLoopServer {
            MockController() {
                super(new ServerOptions().setName("mock"));         // 127.0.0.1, any free port
            }

            @Override
            protected Future<Void> readAndDispatch() {
                return readStr().compose(cmd -> writeStr("OK " + cmd));
            }
        }

        MockController server = new MockController();
        Future<String> reply = vertx.deployVerticle(server).compose(id -> {
            Client client = new Client(new ClientOptions().setPort(server.port()));
            return vertx.deployVerticle(client)                    // connects
                .compose(cid -> client.writeStr("MOVE 120.5 45"))  // sends "MOVE 120.5 45\r\n"
                .compose(v -> client.readStr());                   // "OK MOVE 120.5 45"
        });
        // end::readme-example[]
        assertEquals("OK MOVE 120.5 45", await(reply));
    }
}
