package dev.tcpip.docs;

// tag::testing-kit-base[]
import dev.tcpip.core.Client;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testkit.OneClientServerTestBase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MockDomeTest extends OneClientServerTestBase {              // a fresh Vertx per test, closed after it
    @Test
    void opensTheShutterAndReportsIt() throws Exception {
        MockDome dome = createServer(cb -> new MockDome(new ServerOptions(), cb));  // listening, port 0
        Client csc = createClient(dome);                            // connected
        assertNextConnected(true);                                  // the server's callback saw it come
        assertNextClientConnected(true);                            // and so did the client's

        await(csc.writeStr("OPEN"));                                // no reply to wait for...
        awaitCondition("the shutter is open", dome::isOpen);        // ...so poll, with a deadline
        await(csc.writeStr("SHUTTER?"));
        assertEquals("open", await(csc.readStr()));

        await(csc.close());
        assertNextConnected(false);                                 // the server saw the client go
    }
}
// end::testing-kit-base[]
