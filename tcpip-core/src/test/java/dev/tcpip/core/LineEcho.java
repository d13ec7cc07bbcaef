package dev.tcpip.core;

import io.vertx.core.Future;

/** A read-loop server on loopback that echoes every CRLF line back, waiting for each write as the docs say. */
final class LineEcho extends OneClientReadLoopServer {
    /**
     * @param callback the connect callback, or null
     */
    LineEcho(ConnectCallback<? super OneClientServer> callback) {
        super(new ServerOptions(), callback);
    }

    @Override
    protected Future<Void> readAndDispatch() {
        return readUntil(terminator()).compose(this::write);
    }
}
