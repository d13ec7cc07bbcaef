package dev.tcpip.struct;

import dev.tcpip.core.BaseClientOrServer;
import dev.tcpip.core.Connection;
import io.vertx.core.Future;

/**
 * What an endpoint holds, asked on its context: its unread received bytes
 * ({@link BaseClientOrServer#bufferedBytes()}) and its current connection, which the soak test tracks to
 * prove none is leaked.
 */
public final class Buffered {
    private Buffered() {
    }

    /**
     * @param endpoint a started endpoint
     * @return a future of its unread received bytes (-1 when not connected), read on its context
     */
    public static Future<Integer> bytes(BaseClientOrServer endpoint) {
        return endpoint.bufferedBytes();
    }

    /**
     * @param endpoint a started endpoint
     * @return a future of its current connection (null when not connected), read on its context
     */
    public static Future<Connection> connection(BaseClientOrServer endpoint) {
        return endpoint.onContext(() -> Future.succeededFuture(endpoint.connection()));
    }
}
