package dev.tcpip.core.codec;

import dev.tcpip.core.PayloadDecodeException;
import dev.tcpip.core.TextDecodeException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * Turns a message into the bytes of one frame and back: the payload of a length-prefixed frame, say.
 * Data only: the built-in codecs carry bytes, text and JSON, never Java serialization or any other format
 * that makes objects of a class the peer names.
 *
 * <ul>
 *   <li>{@link #bytes()}: the payload as it is, a {@link Buffer};</li>
 *   <li>{@link #string(Charset)}: text in a charset, decoded strictly (bytes that are not valid in the
 *       charset fail the decode with {@link TextDecodeException} instead of becoming U+FFFD);</li>
 *   <li>{@link #json()}: one JSON value per payload, UTF-8; decoded as Vert.x decodes JSON: an object is a
 *       {@code JsonObject}, an array a {@code JsonArray}, and a string, number, boolean or {@code null} the
 *       Java value; any of those, a {@code Map} or a {@code List} can be encoded.</li>
 * </ul>
 *
 * <p>A codec is immutable and may serve every connection at once.
 *
 * @param <T> the message type
 */
public interface PayloadCodec<T> {
    /**
     * Encodes a message.
     *
     * @param message the message
     * @return its bytes
     * @throws IllegalArgumentException if it cannot be encoded (a value JSON cannot represent, say)
     */
    Buffer encode(T message);

    /**
     * Decodes the payload of one frame.
     *
     * @param payload the bytes
     * @return the message
     * @throws dev.tcpip.core.TcpipException if the bytes are not a message of this codec ({@link TextDecodeException},
     *     {@link PayloadDecodeException})
     */
    T decode(Buffer payload);

    /**
     * {@return the identity codec: a payload is a {@link Buffer}, sent and received as it is}
     */
    static PayloadCodec<Buffer> bytes() {
        return PayloadCodecs.BYTES;
    }

    /**
     * {@return text in UTF-8}
     */
    static PayloadCodec<String> string() {
        return string(TextCodec.UTF8.charset());
    }

    /**
     * Text in a charset, decoded strictly.
     *
     * @param charset the charset
     * @return the codec
     */
    static PayloadCodec<String> string(Charset charset) {
        TextCodec text = TextCodec.of(Objects.requireNonNull(charset, "charset"));
        return new PayloadCodec<>() {
            @Override
            public Buffer encode(String message) {
                return text.encode(Objects.requireNonNull(message, "message"));
            }

            @Override
            public String decode(Buffer payload) {
                return text.decode(payload);
            }

            @Override
            public String toString() {
                return "PayloadCodec.string(" + text.charset().name() + ")";
            }
        };
    }

    /**
     * {@return one JSON value per payload, in UTF-8}
     */
    static PayloadCodec<Object> json() {
        return PayloadCodecs.JSON;
    }
}

/** The stateless built-in codecs. */
final class PayloadCodecs {
    static final PayloadCodec<Buffer> BYTES = new PayloadCodec<>() {
        @Override
        public Buffer encode(Buffer message) {
            return Objects.requireNonNull(message, "message");
        }

        @Override
        public Buffer decode(Buffer payload) {
            return payload;
        }

        @Override
        public String toString() {
            return "PayloadCodec.bytes()";
        }
    };

    static final PayloadCodec<Object> JSON = new PayloadCodec<>() {
        @Override
        public Buffer encode(Object message) {
            try {
                return Json.encodeToBuffer(message);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot encode as JSON: " + e.getMessage(), e);
            }
        }

        @Override
        public Object decode(Buffer payload) {
            try {
                return Json.decodeValue(payload);
            } catch (RuntimeException e) {
                throw new PayloadDecodeException("payload of " + payload.length() + " byte(s) is not JSON: " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return "PayloadCodec.json()";
        }
    };

    private PayloadCodecs() {
    }
}
