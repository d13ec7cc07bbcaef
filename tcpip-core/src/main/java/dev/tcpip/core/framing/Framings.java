package dev.tcpip.core.framing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The JSON form of the built-in framings, for options objects ({@code EndpointOptions.setFraming}):
 * <ul>
 *   <li>{@code {"type": "delimited", "delimiter": "\r\n", "maxFrameLength": 65536}}: the delimiter as a
 *       string of one character per byte (ISO-8859-1); frames exclude it;</li>
 *   <li>{@code {"type": "lengthPrefixed", "lengthWidth": 4, "byteOrder": "big", "maxFrameLength": 1048576,
 *       "lengthIncludesHeader": false}}: {@code byteOrder} is {@code "big"} or {@code "little"};</li>
 *   <li>{@code {"type": "exactLength", "length": 16}};</li>
 *   <li>{@code {"type": "upTo", "max": 65536}}.</li>
 * </ul>
 */
public final class Framings {
    private Framings() {
    }

    /**
     * Makes a framing from its JSON form.
     *
     * @param json the JSON form
     * @return the framing
     * @throws IllegalArgumentException for an unknown type, a missing field or a bad value
     */
    public static Framing<Buffer> fromJson(JsonObject json) {
        String type = json.getString("type");
        if (type == null) {
            throw new IllegalArgumentException("a framing's JSON form needs a \"type\": " + json.encode());
        }
        switch (type) {
            case "delimited":
                return Delimited.of(Buffer.buffer(required(json, "delimiter").toString().getBytes(StandardCharsets.ISO_8859_1)),
                    requiredInt(json, "maxFrameLength"));
            case "lengthPrefixed": {
                String order = json.getString("byteOrder", "big");
                if (!order.equals("big") && !order.equals("little")) {
                    throw new IllegalArgumentException("byteOrder must be \"big\" or \"little\", got \"" + order + "\"");
                }
                LengthPrefixed framing = LengthPrefixed.of(requiredInt(json, "lengthWidth"),
                    order.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, requiredInt(json, "maxFrameLength"));
                return json.getBoolean("lengthIncludesHeader", false) ? framing.withLengthIncludingHeader() : framing;
            }
            case "exactLength":
                return ExactLength.of(requiredInt(json, "length"));
            case "upTo":
                return UpTo.of(requiredInt(json, "max"));
            default:
                throw new IllegalArgumentException("unknown framing type \"" + type
                    + "\"; known: delimited, lengthPrefixed, exactLength, upTo");
        }
    }

    /**
     * Gives the JSON form of a built-in framing.
     *
     * @param framing a framing made by this package
     * @return its JSON form, which {@link #fromJson(JsonObject)} reads back
     * @throws IllegalArgumentException for a framing of another kind (it has no JSON form), or a delimited
     *     framing that keeps its delimiter or returns a partial frame at the end (those are for reads only)
     */
    public static JsonObject toJson(Framing<Buffer> framing) {
        if (framing instanceof Delimited) {
            Delimited d = (Delimited) framing;
            if (!d.equals(Delimited.of(d.delimiter(), d.maxFrameLength()))) {
                throw new IllegalArgumentException("only a plain delimited framing has a JSON form");
            }
            return new JsonObject().put("type", "delimited")
                .put("delimiter", new String(d.delimiter().getBytes(), StandardCharsets.ISO_8859_1))
                .put("maxFrameLength", d.maxFrameLength());
        }
        if (framing instanceof LengthPrefixed) {
            LengthPrefixed l = (LengthPrefixed) framing;
            return new JsonObject().put("type", "lengthPrefixed").put("lengthWidth", l.lengthWidth())
                .put("byteOrder", l.order() == ByteOrder.BIG_ENDIAN ? "big" : "little")
                .put("maxFrameLength", l.maxFrameLength()).put("lengthIncludesHeader", l.lengthIncludesHeader());
        }
        if (framing instanceof ExactLength) {
            return new JsonObject().put("type", "exactLength").put("length", framing.maxFrameLength());
        }
        if (framing instanceof UpTo) {
            return new JsonObject().put("type", "upTo").put("max", framing.maxFrameLength());
        }
        throw new IllegalArgumentException(framing.getClass().getName() + " has no JSON form");
    }

    private static Object required(JsonObject json, String key) {
        Object value = json.getValue(key);
        if (value == null) {
            throw new IllegalArgumentException("a \"" + json.getString("type") + "\" framing needs \"" + key + "\": " + json.encode());
        }
        return value;
    }

    private static int requiredInt(JsonObject json, String key) {
        Object value = required(json, key);
        if (!(value instanceof Number)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a number, got " + value);
        }
        return ((Number) value).intValue();
    }
}
