package dev.tcpip.core.codec;

import dev.tcpip.core.JsonLineDecodeException;
import dev.tcpip.core.TextDecodeException;
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
    void aLineWithNulBytesFails() {
        // NUL is never valid JSON there; a byte parser would have guessed UTF-16 or UTF-32 from it.
        for (String bad : List.of("\u00001", "1\u0000", "\u0000\u0000\u00001", "1\u0000\u0000\u0000", "\u0000\"x\"",
                "[\u00001]")) {
            JsonLineDecodeException e = assertThrows(JsonLineDecodeException.class, () -> JsonCodec.decode(bad));
            assertEquals(bad, e.line());
        }
    }
}
