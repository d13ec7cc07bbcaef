package dev.tcpip.testkit.example;

import dev.tcpip.core.Client;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testkit.OneClientServerTestBase;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The example of {@link OneClientServerTestBase}'s class documentation, in a package of its own as a
 * user's test would be (so it also checks that JUnit finds the base class's extension from there).
 */
class EchoServerTest extends OneClientServerTestBase {
    /** The user's server under test: echoes every line. */
    static final class EchoServer extends OneClientReadLoopServer {
        EchoServer(ServerOptions options, ConnectCallback<? super OneClientServer> callback) {
            super(options, callback);
        }

        @Override
        protected Future<Void> readAndDispatch() {
            return readStr().compose(this::writeStr);
        }
    }

    @Test
    void echoesEachLine() throws Exception {
        EchoServer server = createServer(cb -> new EchoServer(new ServerOptions(), cb));
        Client client = createClient(server);
        assertNextConnected(true);            // the server saw the client arrive

        await(client.writeStr("hello"));
        assertEquals("hello", await(client.readStr()));

        await(client.close());
        assertNextConnected(false);           // ... and go
    }
}
