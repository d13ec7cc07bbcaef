package dev.tcpip.services;

import io.vertx.core.Future;

import java.util.Locale;

/** pysocklib's sample service: each text message, upper-cased ("hello" becomes "HELLO"). */
public final class ToUpper extends Service<String, String> {
    /**
     * Creates the service; deploy it to start it.
     *
     * @param input  where the messages come from
     * @param output where the upper-cased messages go
     */
    public ToUpper(MessageSource<String> input, MessageSink<String> output) {
        super("ToUpper", input, output);
    }

    @Override
    protected Future<String> handle(String message) {
        return Future.succeededFuture(message.toUpperCase(Locale.ROOT));
    }
}
