package dev.tcpip.docs;

import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;

// tag::testing-kit-server[]
/** A mock dome controller: "OPEN" and "CLOSE" move the shutter (no reply), "SHUTTER?" reports it. */
public class MockDome extends OneClientReadLoopServer {
    private volatile boolean open;                      // set on the event loop, read by tests

    public MockDome(ServerOptions options, ConnectCallback<? super OneClientServer> callback) {
        super(options, callback);                       // the test kit gives its own callback here
    }

    public boolean isOpen() {
        return open;
    }

    @Override
    protected Future<Void> readAndDispatch() {
        return readStr().compose(line -> {
            switch (line) {
                case "OPEN":
                    open = true;
                    return Future.succeededFuture();
                case "CLOSE":
                    open = false;
                    return Future.succeededFuture();
                case "SHUTTER?":
                    return writeStr(open ? "open" : "closed");
                default:
                    return writeStr("ERR unknown command " + line);
            }
        });
    }
}
// end::testing-kit-server[]
