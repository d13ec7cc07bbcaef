package dev.tcpip.docs;

import dev.tcpip.core.Client;
import io.vertx.core.Future;

/**
 * A base class of the user's own, standing for whatever a project's tests already extend; docs/testing.md
 * shows a test class that extends it and registers the test kit as a field.
 */
abstract class DomeTestBase {
    /** Sends a command and returns the controller's reply. */
    static Future<String> ask(Client csc, String command) {
        return csc.writeStr(command).compose(v -> csc.readStr());
    }
}
