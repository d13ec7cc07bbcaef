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
    void decodeFromBytesReadsTheSameValueAsDecodeFromText() {
        for (Object value : VALUES) {
            String text = JsonCodec.encode(value);
            Buffer line = Buffer.buffer("xx" + text + "\r\n");
            Object fromBytes = JsonCodec.decode(line, 2, line.length() - 2, TextCodec.UTF8);
            Object fromString = JsonCodec.decode(text);
            assertEquals(String.valueOf(fromString), String.valueOf(fromBytes), "of " + text);
        }
    }

    @Test
    void decodeFromBytesFailsLikeDecodeFromTextWithTheLineInTheMessage() {
        for (String bad : List.of("{\"a\": 1", "{} {}", "", "nope", "[1,]")) {
            Buffer line = Buffer.buffer(bad);
            JsonLineDecodeException e = assertThrows(JsonLineDecodeException.class,
                () -> JsonCodec.decode(line, 0, line.length(), TextCodec.UTF8));
            assertThrows(JsonLineDecodeException.class, () -> JsonCodec.decode(bad));
            assertEquals(bad, e.line());
        }
    }

    @Test
    void nonAsciiLinesAreDecodedStrictlyInTheirEncodingFirst() {
        Buffer utf8 = Buffer.buffer("{\"s\": \"\u00e9\"}");
        assertEquals("\u00e9", ((JsonObject) JsonCodec.decode(utf8, 0, utf8.length(), TextCodec.UTF8)).getString("s"));
        Buffer latin1 = Buffer.buffer(new byte[] {'"', (byte) 0xE9, '"'});
        assertEquals("\u00e9", JsonCodec.decode(latin1, 0, 3, TextCodec.of(StandardCharsets.ISO_8859_1)));
        assertThrows(TextDecodeException.class, () -> JsonCodec.decode(latin1, 0, 3, TextCodec.UTF8));
        Buffer utf16 = Buffer.buffer("\"a\"".getBytes(StandardCharsets.UTF_16BE));
        assertEquals("a", JsonCodec.decode(utf16, 0, utf16.length(), TextCodec.of(StandardCharsets.UTF_16BE)),
            "ASCII bytes of a UTF-16 line are not parsed as ASCII");
    }

    @Test
    void aLineWithNulBytesFailsFromBytesAsItDoesFromText() {
        // Jackson's byte parser guesses UTF-16 or UTF-32 from NUL bytes among the first four; the text of the
        // line (NUL is never valid JSON there) must fail the same way whichever path reads it.
        for (String bad : List.of("\u00001", "1\u0000", "\u0000\u0000\u00001", "1\u0000\u0000\u0000", "\u0000\"x\"",
                "[\u00001]")) {
            assertThrows(JsonLineDecodeException.class, () -> JsonCodec.decode(bad));
            Buffer line = Buffer.buffer(bad.getBytes(StandardCharsets.US_ASCII));
            JsonLineDecodeException e = assertThrows(JsonLineDecodeException.class,
                () -> JsonCodec.decode(line, 0, line.length(), TextCodec.UTF8), () -> "bytes of " + Arrays.toString(line.getBytes()));
            assertEquals(bad, e.line());
        }
    }
}
