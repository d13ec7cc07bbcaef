package dev.tcpip.core.codec;

import dev.tcpip.core.JsonLineDecodeException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte paths of the JSON codec give exactly what its String paths give. */
class JsonCodecTest {
    private static final List<Object> VALUES = Arrays.asList(
        new JsonObject().put("s", "tab\t\"quote\" \u00e9 \uD83D\uDD2D").put("i", -7).put("d", 1e-300)
            .put("nan", Double.NaN).put("inf", Double.NEGATIVE_INFINITY).put("n", null),
        new JsonArray().add(1).add(2.5).add(new JsonObject().put("deep", new JsonArray().add(true))),
        Map.of("lone", "\ud800"), "just text \u4e16", 42, 3.25, true, null);

    @Test
    void encodeToWritesTheSameAsciiBytesAsEncode() {
        for (Object value : VALUES) {
            String text = JsonCodec.encode(value);
            Buffer prefix = Buffer.buffer("prefix:");
            Buffer out = JsonCodec.encodeTo(value, prefix);
            assertEquals("prefix:" + text, out.toString(StandardCharsets.ISO_8859_1), "of " + value);
            for (byte b : out.getBytes()) {
                assertTrue(b >= 0, "non-ASCII byte in " + out);
            }
        }
    }

    @Test
    void decodeAsciiReadsTheSameValueAsDecode() {
        for (Object value : VALUES) {
            String text = JsonCodec.encode(value);
            Buffer line = Buffer.buffer("xx" + text + "\r\n");
            Object fromBytes = JsonCodec.decodeAscii(line, 2, line.length() - 2);
            Object fromString = JsonCodec.decode(text);
            assertEquals(String.valueOf(fromString), String.valueOf(fromBytes), "of " + text);
        }
    }

    @Test
    void decodeAsciiFailsLikeDecodeWithTheLineInTheMessage() {
        for (String bad : List.of("{\"a\": 1", "{} {}", "", "nope", "[1,]")) {
            Buffer line = Buffer.buffer(bad);
            JsonLineDecodeException e = assertThrows(JsonLineDecodeException.class,
                () -> JsonCodec.decodeAscii(line, 0, line.length()));
            assertThrows(JsonLineDecodeException.class, () -> JsonCodec.decode(bad));
            assertEquals(bad, e.line());
        }
    }

    @Test
    void decodeAsciiRefusesNonAsciiBytes() {
        Buffer line = Buffer.buffer("{\"s\": \"\u00e9\"}");
        assertThrows(IllegalArgumentException.class, () -> JsonCodec.decodeAscii(line, 0, line.length()));
    }
}
