package dev.tcpip.docs;

import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;

// tag::read-loop[]
/** A mock mount controller: "MOVE <az> <el>" sets the position, "POS?" reports it. */
public class MockMount extends OneClientReadLoopServer {
    private double az;
    private double el;

    public MockMount(ServerOptions options) {
        super(options);
    }

    @Override
    protected Future<Void> readAndDispatch() {
        return readStr().compose(line -> {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "MOVE":
                    az = Double.parseDouble(words[1]);      // a bad number throws: the client is dropped
                    el = Double.parseDouble(words[2]);
                    return writeStr("OK");
                case "POS?":
                    return writeStr(az + " " + el);
                default:
                    return writeStr("ERR unknown command " + words[0]);
            }
        });
    }
}
// end::read-loop[]
