package dev.tcpip.core.stream;

import dev.tcpip.core.framing.FrameDecoder;
import dev.tcpip.core.framing.ReadBuffer;
import io.vertx.core.Promise;

/** One read that waits in a {@link StreamReader}'s queue for bytes: its decoder and its promise. */
final class PendingRead<T> {
    private final FrameDecoder<T> decoder;
    final Promise<T> promise = Promise.promise();

    PendingRead(FrameDecoder<T> decoder) {
        this.decoder = decoder;
    }

    /** Completes the read if the buffered bytes allow it; a decoder's exception fails it. */
    boolean tryServe(ReadBuffer bytes) {
        T frame;
        try {
            frame = decoder.decode(bytes);
        } catch (RuntimeException e) {
            promise.fail(e);
            return true;
        }
        if (frame == null) {
            return false;
        }
        promise.complete(frame);
        return true;
    }

    /** Completes the read at end of stream, when tryServe could not. */
    void atEof(ReadBuffer bytes) {
        try {
            promise.complete(decoder.decodeAtEnd(bytes));
        } catch (RuntimeException e) {
            promise.fail(e);
        }
    }
}
