package dev.tcpip.bench.load;

import dev.tcpip.bench.model.Sample32;
import io.vertx.core.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The items the load program sends, all derived from an item number {@code i} (0, 1, 2, ...), so that a
 * receiver can check every item it reads against the number it expects next, and the sender knows the
 * checksum the receiver must answer with.
 *
 * <ul>
 *   <li>Echo lines: {@value #LINE_BYTES} bytes, 62 printable ASCII bytes and CR LF, with the item number
 *       in the line.</li>
 *   <li>Structs: a {@link Sample32} (32 bytes) with every field a function of {@code i}; the checksum is
 *       the sum of the {@code counter} fields.</li>
 *   <li>JSON lines: {@code {"seq":i,"check":7i+3,"text":"xx...x"}} padded to exactly {@value #LINE_BYTES}
 *       bytes with CR LF; the checksum is the sum of the {@code check} fields.</li>
 * </ul>
 *
 * <p>A one-way stream starts with a header line {@code COUNT n} (CR LF), then {@code n} items; the sink
 * answers {@code OK n checksum}, or {@code ERR why} as soon as an item is wrong.
 */
public final class Items {
    /** Bytes in an echo line and in a JSON line, CR LF included. */
    public static final int LINE_BYTES = 64;
    /** The header line's word, followed by a space and the item count. */
    public static final String COUNT = "COUNT";
    /** The first word of a sink's answer when every item was right. */
    public static final String OK = "OK";
    /** The first word of a sink's answer when an item was wrong. */
    public static final String ERR = "ERR";

    private static final byte[] ALPHABET =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".getBytes(StandardCharsets.US_ASCII);
    /** Characters of a JSON line besides the two numbers and the padding (see the class javadoc). */
    private static final int JSON_FIXED = "{\"seq\":,\"check\":,\"text\":\"\"}".length();

    private Items() {
    }

    // ---------------------------------------------------------------- echo lines

    /**
     * Writes echo line {@code i} into {@code dst} at {@code offset}: "L" and {@code i} as 12 decimal digits,
     * then a space and letters up to 62 bytes, then CR LF.
     *
     * @param dst    the array
     * @param offset where the line starts; {@value #LINE_BYTES} bytes are written
     * @param i      the line number (its last 12 decimal digits are used)
     */
    public static void echoLine(byte[] dst, int offset, long i) {
        dst[offset] = 'L';
        long v = Math.floorMod(i, 1_000_000_000_000L);
        for (int k = 12; k >= 1; k--) {
            dst[offset + k] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        dst[offset + 13] = ' ';
        int shift = Math.floorMod(i, ALPHABET.length);
        for (int k = 14; k < LINE_BYTES - 2; k++) {
            dst[offset + k] = ALPHABET[(k + shift) % ALPHABET.length];
        }
        dst[offset + LINE_BYTES - 2] = '\r';
        dst[offset + LINE_BYTES - 1] = '\n';
    }

    /**
     * A block of {@code lines} consecutive echo lines, 0 to lines-1, back to back; sending it again and
     * again gives a stream whose every byte the receiver can check by its offset.
     *
     * @param lines how many lines
     * @return {@code lines * 64} bytes
     */
    public static byte[] echoBlock(int lines) {
        byte[] block = new byte[lines * LINE_BYTES];
        for (int i = 0; i < lines; i++) {
            echoLine(block, i * LINE_BYTES, i);
        }
        return block;
    }

    // ---------------------------------------------------------------- structs

    /**
     * Fills a struct as item {@code i}.
     *
     * @param s the struct
     * @param i the item number, 0 to 2^32-1
     * @return the same struct
     */
    public static Sample32 fill(Sample32 s, long i) {
        s.sequence.set(i & 0xFFFF_FFFFL);
        s.status.set(status(i));
        s.timestamp.set(timestamp(i));
        s.value.set(value(i));
        s.counter.set(counter(i));
        return s;
    }

    /**
     * Checks that a struct is item {@code i}.
     *
     * @param s the struct read
     * @param i the item number expected
     * @return null if it is, else what differs
     */
    public static String check(Sample32 s, long i) {
        long sequence = s.sequence.get();
        int status = s.status.get();
        double timestamp = s.timestamp.get();
        double value = s.value.get();
        long counter = s.counter.get();
        if (sequence != (i & 0xFFFF_FFFFL) || status != status(i) || Double.compare(timestamp, timestamp(i)) != 0
            || Double.compare(value, value(i)) != 0 || counter != counter(i)) {
            return "struct " + i + " is wrong: sequence=" + sequence + " status=" + status + " timestamp="
                + timestamp + " value=" + value + " counter=" + counter + " (expected sequence=" + (i & 0xFFFF_FFFFL)
                + " status=" + status(i) + " timestamp=" + timestamp(i) + " value=" + value(i)
                + " counter=" + counter(i) + ")";
        }
        return null;
    }

    /**
     * Writes struct {@code i} by hand (little-endian, packed, as {@link Sample32}) at the buffer's position:
     * what the flood client sends, so that its cost is a few stores per struct.
     *
     * @param dst a buffer with at least 32 bytes remaining, in little-endian order
     * @param i   the item number
     */
    public static void encodeStruct(ByteBuffer dst, long i) {
        dst.putInt((int) i);
        dst.putInt(status(i));
        dst.putDouble(timestamp(i));
        dst.putDouble(value(i));
        dst.putLong(counter(i));
    }

    /**
     * @param i the item number
     * @return the struct's {@code counter} field, whose sum is the struct stream's checksum
     */
    public static long counter(long i) {
        return 3 * i + 1;
    }

    /**
     * @param n a number of structs
     * @return the checksum of structs 0 to n-1: the sum of their counters (wrapping on overflow)
     */
    public static long structChecksum(long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += counter(i);
        }
        return sum;
    }

    private static int status(long i) {
        return (int) (i % 1000) - 500;
    }

    private static double timestamp(long i) {
        return 1.7e9 + i * 0.001;
    }

    private static double value(long i) {
        return i * 0.25;
    }

    // ---------------------------------------------------------------- JSON lines

    /**
     * @param i the item number
     * @return the {@code check} field of JSON line {@code i}, whose sum is the JSON stream's checksum
     */
    public static long jsonCheck(long i) {
        return 7 * i + 3;
    }

    /**
     * @param n a number of JSON lines
     * @return the checksum of lines 0 to n-1: the sum of their check fields (wrapping on overflow)
     */
    public static long jsonChecksum(long n) {
        long sum = 0;
        for (long i = 0; i < n; i++) {
            sum += jsonCheck(i);
        }
        return sum;
    }

    /**
     * @param i the item number, 0 to 10^12 - 1
     * @return the JSON object of line {@code i}; this project's JSON codec writes it in 62 characters
     */
    public static JsonObject jsonObject(long i) {
        return new JsonObject().put("seq", i).put("check", jsonCheck(i)).put("text", padding(i));
    }

    /**
     * Writes JSON line {@code i}, CR LF included, exactly as the project's JSON codec writes
     * {@link #jsonObject(long)}, by hand (what the flood client sends).
     *
     * @param dst    the array
     * @param offset where the line starts; {@value #LINE_BYTES} bytes are written
     * @param i      the item number
     */
    public static void jsonLine(byte[] dst, int offset, long i) {
        String line = "{\"seq\":" + i + ",\"check\":" + jsonCheck(i) + ",\"text\":\"" + padding(i) + "\"}\r\n";
        for (int k = 0; k < LINE_BYTES; k++) {
            dst[offset + k] = (byte) line.charAt(k);
        }
    }

    /**
     * Checks that a JSON value read is line {@code i}.
     *
     * @param value what {@code readJson()} returned
     * @param i     the item number expected
     * @return null if it is, else what differs
     */
    public static String checkJson(Object value, long i) {
        if (!(value instanceof JsonObject)) {
            return "JSON line " + i + " is not an object: " + value;
        }
        JsonObject o = (JsonObject) value;
        Object seq = o.getValue("seq");
        Object check = o.getValue("check");
        Object text = o.getValue("text");
        if (!(seq instanceof Number) || ((Number) seq).longValue() != i || !(check instanceof Number)
            || ((Number) check).longValue() != jsonCheck(i) || !padding(i).equals(text) || o.size() != 3) {
            return "JSON line " + i + " is wrong: " + o.encode();
        }
        return null;
    }

    private static String padding(long i) {
        int len = LINE_BYTES - 2 - JSON_FIXED - digits(i) - digits(jsonCheck(i));
        char[] pad = new char[len];
        Arrays.fill(pad, 'x');
        return new String(pad);
    }

    private static int digits(long v) {
        return Long.toString(v).length();
    }
}
