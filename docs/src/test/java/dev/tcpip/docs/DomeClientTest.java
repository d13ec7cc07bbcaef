package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testkit.LineQueueReadLoopServer;
import dev.tcpip.testkit.OneClientServerTestBase;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LineQueueReadLoopServer examples of docs/testing.md: testing a client against a stand-in controller. */
class DomeClientTest extends OneClientServerTestBase {

    // tag::testing-dome-client[]
    /** The code under test: the CSC's client of the dome controller. */
    static class DomeClient extends Client {
        DomeClient(ClientOptions options, ConnectCallback<? super Client> callback) {
            super(options, callback);
        }

        Future<Void> open() {
            return writeStr("OPEN");
        }

        Future<Void> moveTo(double azimuth) {
            return writeStr(String.format(Locale.ROOT, "MOVE %.2f", azimuth));
        }
    }
    // end::testing-dome-client[]

    // tag::testing-line-queue[]
    @Test
    void sendsEachCommandAsOneLine() throws Exception {
        LineQueueReadLoopServer controller =
            createServer(cb -> new LineQueueReadLoopServer(new ServerOptions(), cb));
        DomeClient dome = createClient(cb -> new DomeClient(clientOptionsFor(controller), cb));

        await(dome.open());
        await(dome.moveTo(90));
        assertEquals("OPEN", controller.nextLine());               // waits up to 10 s for a line
        assertEquals("MOVE 90.00", controller.nextLine());
        controller.assertNoMoreLines(Duration.ZERO);                // and nothing else was sent
    }
    // end::testing-line-queue[]

    // tag::testing-fail-next-read[]
    @Test
    void aDroppedConnectionIsSeenByTheClient() throws Exception {
        LineQueueReadLoopServer controller =
            createServer(cb -> new LineQueueReadLoopServer(new ServerOptions(), cb));
        DomeClient dome = createClient(cb -> new DomeClient(clientOptionsFor(controller), cb));
        assertNextClientConnected(true);

        controller.failNextRead();                                  // the next line read fails...
        await(dome.open());
        assertNextClientConnected(false);                           // ...so the controller drops the client
        assertFalse(dome.connected());
        assertTrue(dome.shouldBeConnected());                       // lost unexpectedly: report a fault
    }
    // end::testing-fail-next-read[]

    // tag::testing-next-client[]
    @Test
    void theNextClientIsServedOnceTheServerHasSeenThePreviousOneGo() throws Exception {
        LineQueueReadLoopServer controller =
            createServer(cb -> new LineQueueReadLoopServer(new ServerOptions(), cb));
        DomeClient first = createClient(cb -> new DomeClient(clientOptionsFor(controller), cb));
        assertNextConnected(true);
        await(first.close());
        assertNextConnected(false);                                 // the server has seen the first go...

        DomeClient second = createClient(cb -> new DomeClient(clientOptionsFor(controller), cb));
        assertNextConnected(true);                                  // ...so the second is not turned away
        await(second.open());
        assertEquals("OPEN", controller.nextLine());
    }
    // end::testing-next-client[]
}
