package dev.tcpip.struct;

import dev.tcpip.core.BaseClientOrServer;
import dev.tcpip.core.stream.StreamReader;
import io.vertx.core.Future;

import java.lang.reflect.Method;

/**
 * How many received bytes an endpoint holds unread: {@link StreamReader#available()} of its connection,
 * asked on the endpoint's context. tcpip-core keeps the reader to its own package, so tests of this module
 * reach it by reflection; -1 when there is no connection.
 */
public final class Buffered {
    private static final Method STREAM_READER;

    static {
        try {
            STREAM_READER = BaseClientOrServer.class.getDeclaredMethod("streamReader");
            STREAM_READER.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Buffered() {
    }

    /**
     * @param endpoint a started endpoint
     * @return a future of its unread received bytes (-1 when not connected), read on its context
     */
    public static Future<Integer> bytes(BaseClientOrServer endpoint) {
        return endpoint.onContext(() -> {
            try {
                StreamReader r = (StreamReader) STREAM_READER.invoke(endpoint);
                return Future.succeededFuture(r == null ? -1 : r.available());
            } catch (ReflectiveOperationException e) {
                return Future.failedFuture(e);
            }
        });
    }

    /**
     * @param endpoint a started endpoint
     * @return a future of its connection's reader (null when not connected), for tracking it, read on its context
     */
    public static Future<StreamReader> reader(BaseClientOrServer endpoint) {
        return endpoint.onContext(() -> {
            try {
                return Future.succeededFuture((StreamReader) STREAM_READER.invoke(endpoint));
            } catch (ReflectiveOperationException e) {
                return Future.failedFuture(e);
            }
        });
    }
}
