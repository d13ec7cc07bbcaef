package dev.tcpip.core.codec;

import dev.tcpip.core.internal.VertxInternals;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.tcpip.core.JsonLineDecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;

/**
 * One JSON value per line, readable by and from Python's {@code json} module.
 *
 * <p>Writing gives compact text ({@code {"a":1}}), every non-ASCII character escaped as <code>&#92;uXXXX</code>
 * (as Python's {@code ensure_ascii=True}, so the line is plain ASCII whatever the encoding), and
 * {@code NaN}, {@code Infinity} and {@code -Infinity} written bare, as Python writes them. Those three
 * are not standard JSON: Python and this codec read them, strict parsers do not.
 *
 * <p>Reading accepts standard JSON plus Python's {@code NaN}/{@code Infinity}/{@code -Infinity}, and
 * gives Vert.x types: {@code JsonObject}, {@code JsonArray}, {@code String}, {@code Number},
 * {@code Boolean} or {@code null}. Python's {@code ", "} and {@code ": "} separators are just whitespace.
 */
public final class JsonCodec {
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
        .build();

    private JsonCodec() {
    }

    /**
     * Writes a value as one line of JSON that Python's {@code json.loads} reads (see the class description
     * for the exact form).
     *
     * @param value a JSON-able value: JsonObject, JsonArray, Map, List, String, Number, Boolean or null
     * @return its JSON text, on one line
     * @throws EncodeException if the value cannot be written as JSON
     */
    public static String encode(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            JacksonCodec.encodeJson(value, generator);
        } catch (IOException e) {
            throw new EncodeException("cannot encode " + value + " as JSON: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * Appends the value's JSON text, which is plain ASCII, to a buffer, without making a String first. The
     * bytes are the same in UTF-8, ASCII and ISO-8859-1.
     *
     * @param value  a JSON-able value, as for {@link #encode(Object)}
     * @param buffer where the text goes
     * @return the buffer
     * @throws EncodeException if the value cannot be written as JSON (the buffer may then hold part of it)
     */
    public static Buffer encodeTo(Object value, Buffer buffer) {
        ByteBuf bytes = VertxInternals.unwrap(buffer);
        if (bytes == null) {
            // Not a buffer of Vert.x's: go through a String.
            return buffer.appendString(encode(value), "UTF-8");
        }
        try (JsonGenerator generator = FACTORY.createGenerator(
                (OutputStream) new ByteBufOutputStream(bytes), JsonEncoding.UTF8)) {
            JacksonCodec.encodeJson(value, generator);
        } catch (IOException e) {
            throw new EncodeException("cannot encode " + value + " as JSON: " + e.getMessage(), e);
        }
        return buffer;
    }

    /**
     * Reads the one JSON value on a line, as written by this codec or by Python's {@code json.dumps}.
     *
     * @param line one JSON value (surrounding whitespace allowed)
     * @return the value
     * @throws JsonLineDecodeException if the line is not exactly one JSON value; its message has the line
     */
    public static Object decode(String line) {
        try {
            JsonParser parser = FACTORY.createParser(line);
            return JacksonCodec.fromParser(parser, Object.class);
        } catch (IOException | DecodeException e) {
            throw new JsonLineDecodeException(line, e);
        }
    }
}
