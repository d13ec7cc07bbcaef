package dev.tcpip.bench.load;

import dev.tcpip.core.JsonLineDecodeException;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;

/**
 * Server (e): a one-way sink of JSON lines, each read with {@code readJson()} and checked; a line that
 * is not JSON is answered with {@code ERR} too.
 */
public final class JsonSink extends SinkServer {

    /**
     * A sink on 127.0.0.1, any free port.
     */
    public JsonSink() {
        super(new ServerOptions().setName("json-sink"));
    }

    @Override
    protected Future<Void> readItem(long i) {
        return readJson().transform(ar -> {
            if (ar.failed()) {
                return ar.cause() instanceof JsonLineDecodeException
                    ? refuse("JSON line " + i + " is unreadable: " + ar.cause().getMessage())
                    : Future.failedFuture(ar.cause());
            }
            String wrong = Items.checkJson(ar.result(), i);
            return wrong == null ? accept(Items.jsonCheck(i)) : refuse(wrong);
        });
    }
}
