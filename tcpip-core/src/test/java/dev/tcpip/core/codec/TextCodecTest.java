package dev.tcpip.core.codec;

import dev.tcpip.core.TextDecodeException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The codec's fast paths give exactly what the JDK's strict coders give, failures included. */
class TextCodecTest {

    private static String strictDecode(Charset cs, byte[] bytes) throws CharacterCodingException {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static byte[] strictEncode(Charset cs, String text) throws CharacterCodingException {
        ByteBuffer b = cs.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void decodingAgreesWithTheStrictDecoderOnValidAndInvalidBytes() throws Exception {
        List<byte[]> inputs = List.of(
            "plain ascii".getBytes(StandardCharsets.US_ASCII),
            "caf\u00e9 \u00b0 \ud83d\ude00".getBytes(StandardCharsets.UTF_8),
            bytes(0xFF), bytes('a', 0xC3), bytes(0xC0, 0x80), bytes(0xED, 0xA0, 0x80), bytes(0xE9), new byte[0]);
        for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1)) {
            TextCodec codec = TextCodec.of(cs);
            for (byte[] in : inputs) {
                String expected;
                try {
                    expected = strictDecode(cs, in);
                } catch (CharacterCodingException e) {
                    assertThrows(TextDecodeException.class, () -> codec.decode(Buffer.buffer(in)),
                        cs + " must refuse " + Buffer.buffer(in));
                    continue;
                }
                assertEquals(expected, codec.decode(Buffer.buffer(in)), cs + " of " + Buffer.buffer(in));
            }
        }
    }

    @Test
    void decodingARangeReadsOnlyThoseBytesOfTheBuffer() {
        Buffer framed = Buffer.buffer("xx\u00e9t\u00e9\r\nyy");
        Buffer slice = framed.slice(2, framed.length() - 2);     // a view that does not start at 0
        assertEquals("\u00e9t\u00e9", TextCodec.UTF8.decode(slice, 0, slice.length() - 2));
        assertThrows(IndexOutOfBoundsException.class, () -> TextCodec.UTF8.decode(slice, 3, 2));
    }

    @Test
    void encodingAgreesWithTheStrictEncoderAndRefusesWhatItCannotHold() throws Exception {
        List<String> texts = List.of("ascii", "caf\u00e9", "\ud83d\ude00", "lone \ud800 surrogate", "\udc00", "\u0100", "");
        for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII)) {
            TextCodec codec = TextCodec.of(cs);
            for (String text : texts) {
                byte[] expected;
                try {
                    expected = strictEncode(cs, text);
                } catch (CharacterCodingException e) {
                    assertThrows(IllegalArgumentException.class, () -> codec.encode(text), cs + " must refuse " + text);
                    continue;
                }
                assertArrayEquals(expected, codec.encode(text).getBytes(), cs + " of " + text);
            }
        }
    }
}
