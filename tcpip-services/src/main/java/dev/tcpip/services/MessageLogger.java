package dev.tcpip.services;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * pysocklib's sample sink service: logs each message at INFO through SLF4J (logger
 * {@code dev.tcpip.services.MessageLogger}), as text: {@code byte[]} and {@link Buffer} are decoded as UTF-8,
 * anything else is shown with {@code toString()}.
 *
 * @param <T> the message type
 */
public final class MessageLogger<T> extends Service<T, Void> {
    /**
     * Creates the service; deploy it to start it.
     *
     * @param name  the name at the start of each line
     * @param input where the messages come from
     */
    public MessageLogger(String name, MessageSource<T> input) {
        super(name, input, null);
    }

    @Override
    protected Future<Void> handle(T message) {
        log.info("{}: {}", name(), text(message));
        return Future.succeededFuture();
    }

    private static String text(Object message) {
        if (message instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (message instanceof Buffer buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
        return String.valueOf(message);
    }
}
