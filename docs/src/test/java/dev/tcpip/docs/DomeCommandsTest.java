package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testkit.TcpipTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The extension style of docs/testing.md: a test class that already has a base class. */
// tag::testing-kit-extension[]
class DomeCommandsTest extends DomeTestBase {                     // a base class of your own
    @RegisterExtension
    final TcpipTestKit kit = new TcpipTestKit();                   // an instance field, not static

    @Test
    void closesTheShutterAfterOpeningIt() throws Exception {
        MockDome dome = kit.createServer(cb -> new MockDome(new ServerOptions(), cb));
        Client csc = kit.createClient(dome);
        kit.assertNextConnected(true);

        kit.await(csc.writeStr("OPEN"));
        assertEquals("open", kit.await(ask(csc, "SHUTTER?")));      // ask() comes from DomeTestBase
        kit.await(csc.writeStr("CLOSE"));
        assertEquals("closed", kit.await(ask(csc, "SHUTTER?")));
        assertFalse(dome.isOpen());
    }
}
// end::testing-kit-extension[]
