package dev.tcpip.core.codec;

import dev.tcpip.core.TextDecodeException;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Strict text encoding and decoding, as Python's {@code str.encode(enc)} / {@code bytes.decode(enc)}
 * with the default {@code errors="strict"}: text that cannot be encoded, or bytes that are not valid in
 * the encoding, raise instead of being replaced.
 *
 * <p>Byte order marks: Python's {@code "utf-16"} and {@code "utf-32"} codecs write a BOM at the start of
 * every encoded message. Java's {@code UTF-16} does too (big-endian, {@code FE FF}); Java's
 * {@code UTF-32} does not, so this codec adds the big-endian BOM {@code 00 00 FE FF} itself. Either side
 * reads the other's messages because both decoders honour a BOM. The explicit-order encodings
 * ({@code UTF-16LE}, {@code UTF-32BE}, ...) never write one, in Java as in Python.
 */
public final class TextCodec {
    /** The default encoding, UTF-8 (Python's {@code DEFAULT_ENCODING}). */
    public static final TextCodec UTF8 = new TextCodec(StandardCharsets.UTF_8);

    private static final byte[] UTF32_BOM = {0, 0, (byte) 0xFE, (byte) 0xFF};

    private final Charset charset;
    private final byte[] bom;

    private TextCodec(Charset charset) {
        this.charset = charset;
        this.bom = "UTF-32".equals(charset.name()) ? UTF32_BOM : new byte[0];
    }

    /**
     * Gives the strict codec of a charset.
     *
     * @param charset the encoding
     * @return a codec for it
     */
    public static TextCodec of(Charset charset) {
        return StandardCharsets.UTF_8.equals(charset) ? UTF8 : new TextCodec(charset);
    }

    /**
     * Looks an encoding up by name: Java names and aliases ("UTF-8", "UTF-16LE") and Python's spellings
     * ("utf_8", "utf-16-le", "latin-1").
     *
     * @param name the encoding's name or alias
     * @return a codec for it
     * @throws IllegalArgumentException if the name is null, malformed or unknown to this JVM
     */
    public static TextCodec forName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("encoding must not be null");
        }
        try {
            return of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            String python = pythonAlias(name);
            if (python != null) {
                return of(Charset.forName(python));
            }
            throw new IllegalArgumentException("unknown encoding: " + name, e);
        }
    }

    /** Java's name for Python codec spellings Java does not know ("utf_8", "utf-16-le", "latin-1"). */
    private static String pythonAlias(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        java.util.regex.Matcher utf = java.util.regex.Pattern.compile("utf-?(8|16|32)(?:-?(le|be))?").matcher(n);
        if (utf.matches()) {
            return "UTF-" + utf.group(1) + (utf.group(2) == null ? "" : utf.group(2).toUpperCase(java.util.Locale.ROOT));
        }
        if (n.equals("latin-1") || n.equals("latin1") || n.equals("l1") || n.equals("iso8859-1")) {
            return "ISO-8859-1";
        }
        return null;
    }

    /**
     * {@return true when ASCII text has the same bytes in this encoding (UTF-8, US-ASCII, ISO-8859-1), so
     *     that ASCII lines may skip encoding and decoding}
     */
    public boolean isAsciiCompatible() {
        return bom.length == 0 && (charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
            || charset.equals(StandardCharsets.ISO_8859_1));
    }

    /**
     * {@return the encoding}
     */
    public Charset charset() {
        return charset;
    }

    /**
     * Encodes text strictly.
     *
     * @param text the text
     * @return its bytes, with a BOM where the encoding writes one
     * @throws IllegalArgumentException if the text cannot be represented in the encoding
     */
    public Buffer encode(String text) {
        if (bom.length == 0 && (charset == StandardCharsets.UTF_8 && !hasSurrogate(text)
                || charset == StandardCharsets.ISO_8859_1 && isLatin1(text))) {
            // Fast path: String.getBytes is exact for these (its only lossy cases were just ruled out).
            return Buffer.buffer(text.getBytes(charset));
        }
        try {
            ByteBuffer bytes = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(text));
            Buffer out = Buffer.buffer(bom.length + bytes.remaining());
            out.appendBytes(bom);
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            return out.appendBytes(array);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("cannot encode text as " + charset.name() + ": " + e, e);
        }
    }

    /**
     * Decodes bytes strictly.
     *
     * @param bytes the bytes
     * @return the text
     * @throws TextDecodeException if the bytes are not valid in the encoding
     */
    public String decode(Buffer bytes) {
        return decode(bytes, 0, bytes.length());
    }

    /**
     * Decodes part of a buffer strictly, without copying it first.
     *
     * @param bytes the buffer
     * @param start the first byte to decode
     * @param end   one past the last byte to decode
     * @return the text
     * @throws TextDecodeException if the bytes are not valid in the encoding (it carries a copy of them)
     * @throws IndexOutOfBoundsException if the range is not within the buffer
     */
    public String decode(Buffer bytes, int start, int end) {
        ByteRange range = ByteRange.of(bytes, start, end);
        if (charset == StandardCharsets.ISO_8859_1
                || (charset == StandardCharsets.UTF_8 || charset == StandardCharsets.US_ASCII) && range.isAscii()) {
            // Fast path: every byte is valid and maps to one char; no decoder needed.
            return range.latin1();
        }
        try {
            return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(range.array, range.offset, range.length))
                .toString();
        } catch (CharacterCodingException e) {
            throw new TextDecodeException(bytes.getBuffer(start, end), charset.name(), e);
        }
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLatin1(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "TextCodec[" + charset.name() + "]";
    }
}
