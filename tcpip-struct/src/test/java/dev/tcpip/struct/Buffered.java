package dev.tcpip.struct;

import dev.tcpip.core.BaseClientOrServer;
import dev.tcpip.core.stream.StreamReader;
import io.vertx.core.Future;

import java.lang.reflect.Method;

/**
 * How many received bytes an endpoint holds unread ({@link BaseClientOrServer#bufferedBytes()}), and its
 * connection's reader, which tcpip-core keeps to its own package: the soak test tracks readers by reflection
 * to prove none is leaked.
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
        return endpoint.bufferedBytes();
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
