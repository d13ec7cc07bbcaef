package dev.tcpip.core;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.tcpip.core.codec.JsonCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static dev.tcpip.testsupport.Await.await;

/**
 * Fuzzing of {@code readJson()} through a real loopback connection: a {@link Client} writes lines of random
 * JSON (nested containers, strings with every kind of escape, non-ASCII text raw or escaped, surrogate pairs
 * and lone surrogates, big, negative and exponent numbers, NaN and infinities, three different writers) cut at
 * random points into raw writes, among adversarial lines (random bytes, truncated JSON, nesting past
 * Jackson's depth limit, numbers past its length limit, invalid UTF-8, empty lines, two values on a line,
 * overlong lines); a {@link OneClientServer} reads each with {@code readJson()}.
 *
 * <p>What {@link JsonCodec} and {@code readJson()} promise, and what is checked for every line: standard JSON
 * plus Python's NaN/Infinity/-Infinity decodes to Vert.x types equal to what was sent; a line that is not
 * exactly one JSON value fails with {@link JsonLineDecodeException} (carrying the line); bytes that are not
 * UTF-8 fail with {@link TextDecodeException} (carrying them); a line over the limit fails with
 * {@link LineTooLongException}; in each case the line is consumed and the connection stays usable, which the
 * next line (each try ends with a valid one) proves.
 *
 * <p>One server and one client serve every try (created once for the container; a try that failed midway
 * makes the next one reconnect). Budget: 300 tries, about 5 s on a 2-core machine, most of it jqwik
 * generating the values; edge cases are off (the generators weight the boundaries themselves: the line
 * limit and one byte past it, Jackson's depth and number-length limits and one past them).
 */
@AddLifecycleHook(ReproducibleFuzz.class)
class JsonReaderFuzzTest {
    private static final int MAX_LINE = 16 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    /** Jackson's limits, as configured by default (JsonCodec keeps them). */
    private static final int MAX_DEPTH = StreamReadConstraints.defaults().getMaxNestingDepth();
    private static final int MAX_NUMBER_LENGTH = StreamReadConstraints.defaults().getMaxNumberLength();
    /** Slices of any size before slices are made at least 1 KiB, to bound one try's writes. */
    private static final int MAX_SMALL_SLICES = 512;

    private static Vertx vertx;
    private static OneClientServer server;
    private static Client client;
    /** True while a try runs: a try that failed midway leaves bytes behind, so the next one reconnects. */
    private static boolean dirty;

    @BeforeContainer
    static void connect() throws Exception {
        vertx = Vertx.vertx();
        server = new OneClientServer(new ServerOptions().setHost("127.0.0.1").setPort(0).setMaxLineLength(MAX_LINE));
        await(vertx.deployVerticle(server));
        connectClient();
    }

    private static void connectClient() throws Exception {
        client = new Client(new ClientOptions().setHost("127.0.0.1").setPort(server.port()));
        await(vertx.deployVerticle(client));
        await(server.connectedFuture());
    }

    private static void reconnect() throws Exception {
        await(client.close());
        await(server.closeClient());
        connectClient();
    }

    @AfterContainer
    static void close() throws Exception {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    // ------------------------------------------------------------------------------------------ the property

    /**
     * Every line gives, in order: the value sent (compared by type and value, objects as maps), or exactly
     * JsonLineDecodeException (with the line), TextDecodeException (with the bytes) or LineTooLongException;
     * the server is still connected and reads the valid line that ends each try.
     */
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void everyLineDecodesToWhatWasSentOrFailsWithItsDocumentedErrorAndTheConnectionStaysUsable(
            @ForAll("sessions") Session s) throws Exception {
        if (dirty) {
            reconnect();
        }
        dirty = true;
        byte[] stream = s.stream();
        List<Future<Object>> reads = new ArrayList<>();
        if (s.readsFirst) {
            for (int i = 0; i < s.lines.size(); i++) {
                reads.add(server.readJson());
            }
        }
        int at = 0;
        int slice = 0;
        Future<Void> last = Future.succeededFuture();
        while (at < stream.length) {
            int size = s.slices.get(slice % s.slices.size());
            if (slice >= MAX_SMALL_SLICES) {
                size = Math.max(size, 1024);
            }
            size = Math.min(size, stream.length - at);
            last = client.write(Buffer.buffer(Arrays.copyOfRange(stream, at, at + size)));
            if (s.pauses.get(slice % s.pauses.size())) {
                await(last);   // lets the bytes so far travel alone
            }
            at += size;
            slice++;
        }
        await(last);
        if (!s.readsFirst) {
            for (int i = 0; i < s.lines.size(); i++) {
                reads.add(server.readJson());
            }
        }
        for (int i = 0; i < s.lines.size(); i++) {
            Line line = s.lines.get(i);
            Statistics.label("line kinds").collect(line.kind.replaceAll("[0-9]+", "N"));
            check(i, line, reads.get(i));
        }
        assertThat(server.connected(), "the server is no longer connected after " + s.lines.size() + " lines");
        dirty = false;
    }

    private static void check(int index, Line line, Future<Object> read) {
        String what = "line " + index + " (" + line.kind + ", " + hex(line.bytes) + ")";
        Throwable failure = null;
        Object value = null;
        try {
            value = await(what, read);
        } catch (Exception e) {
            failure = e;
        }
        switch (line.expect) {
            case VALUE -> {
                assertThat(failure == null, what + ": expected " + JsonCodec.encode(line.value) + ", failed with " + failure);
                assertThat(jsonEquals(line.value, value), what + ": sent " + JsonCodec.encode(line.value) + ", read "
                    + (value == null ? "null" : value.getClass().getSimpleName() + " " + JsonCodec.encode(value)));
            }
            case JSON_ERROR -> {
                assertThat(failure != null && failure.getClass() == JsonLineDecodeException.class, what
                    + ": expected JsonLineDecodeException, got " + (failure == null ? "value " + value : failure));
                String text = new String(line.bytes, StandardCharsets.UTF_8);
                assertThat(text.equals(((JsonLineDecodeException) failure).line()), what + ": the exception's line is "
                    + ((JsonLineDecodeException) failure).line());
            }
            case TEXT_ERROR -> {
                assertThat(failure != null && failure.getClass() == TextDecodeException.class, what
                    + ": expected TextDecodeException, got " + (failure == null ? "value " + value : failure));
                assertThat(Arrays.equals(line.bytes, ((TextDecodeException) failure).bytes().getBytes()),
                    what + ": the exception's bytes are " + hex(((TextDecodeException) failure).bytes().getBytes()));
            }
            case TOO_LONG -> {
                assertThat(failure != null && failure.getClass() == LineTooLongException.class, what
                    + ": expected LineTooLongException, got " + (failure == null ? "value " + value : failure));
                assertThat(((LineTooLongException) failure).limit() == MAX_LINE, what + ": wrong limit");
            }
            default -> throw new IllegalStateException();
        }
    }

    // ------------------------------------------------------------------------------------------ inputs

    enum Expect { VALUE, JSON_ERROR, TEXT_ERROR, TOO_LONG }

    /** One line as sent (terminator excluded), what it should give, and (for VALUE) the value. */
    record Line(String kind, byte[] bytes, Expect expect, Object value) {
        @Override
        public String toString() {
            return kind + ":" + expect + ":" + hex(bytes);
        }
    }

    /** Lines are sent back to back, each with CRLF; slice sizes and pauses (an await after a write) cycle. */
    record Session(List<Line> lines, List<Integer> slices, List<Boolean> pauses, boolean readsFirst) {
        byte[] stream() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Line line : lines) {
                out.writeBytes(line.bytes);
                out.writeBytes(CRLF);
            }
            return out.toByteArray();
        }
    }

    @Provide
    Arbitrary<Session> sessions() {
        Arbitrary<List<Line>> lines = line().list().ofMinSize(0).ofMaxSize(10)
            .flatMap(ls -> valid(value(2)).map(sentinel -> {
                List<Line> all = new ArrayList<>(ls);
                all.add(sentinel);   // every try ends with a valid line: the connection must still read it
                return all;
            }));
        Arbitrary<Integer> slice = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(1)),
            Tuple.of(3, Arbitraries.integers().between(2, 16)),
            Tuple.of(3, Arbitraries.integers().between(17, 2000)),
            Tuple.of(1, Arbitraries.integers().between(2001, 40_000)));
        return Combinators.combine(lines, slice.list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.of(true, false, false, false).list().ofMinSize(1).ofMaxSize(6), Arbitraries.of(true, false))
            .as(Session::new);
    }

    private static Arbitrary<Line> line() {
        return Arbitraries.frequencyOf(
            Tuple.of(10, valid(value(3))),
            Tuple.of(2, randomBytes()),
            Tuple.of(2, truncated()),
            Tuple.of(1, tooDeep()),
            Tuple.of(1, deepButAllowed()),
            Tuple.of(1, hugeNumber()),
            Tuple.of(2, invalidUtf8()),
            Tuple.of(1, Arbitraries.of("", " ", "\t \t", "1 2", "{} []", "\"a\" \"b\"", "[1]]", "{\"a\":1}}", "nul", "+1",
                    "01", "1.", ".5", "[1,]", "{\"a\"}", "'a'", "\"\\x\"", "\"\\u12\"", "\"a\u0001\"", "\ufeff1", "-")
                .map(t -> jsonError("malformed", t.getBytes(StandardCharsets.UTF_8)))),
            Tuple.of(1, overlong()),
            Tuple.of(1, atTheLimit()));
    }

    // ---- valid lines

    enum Style { CODEC, ASCII, UTF8 }

    private static Arbitrary<Line> valid(Arbitrary<Object> values) {
        return Combinators.combine(values, Arbitraries.of(Style.values()), Arbitraries.longs(), Arbitraries.of(true, false))
            .as((v, style, seed, spaces) -> {
                String text = style == Style.CODEC ? JsonCodec.encode(v) : Writer.write(v, style == Style.ASCII, new Random(seed), spaces);
                return new Line("valid " + style + (spaces ? " spaced" : ""), text.getBytes(StandardCharsets.UTF_8),
                    Expect.VALUE, v);
            });
    }

    /** A JSON value: leaves, and arrays and objects nested up to {@code depth} levels. */
    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b)),
            Tuple.of(1, Arbitraries.just(null)),
            Tuple.of(4, string().map(x -> (Object) x)),
            Tuple.of(4, number()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> inner = value(depth - 1);
        Arbitrary<Object> array = inner.list().ofMaxSize(5).map(list -> (Object) new JsonArray(new ArrayList<>(list)));
        Arbitrary<Object> object = Combinators.combine(string(), inner).as(Tuple::of).list().ofMaxSize(5).map(entries -> {
            Map<String, Object> map = new LinkedHashMap<>();
            entries.forEach(e -> map.put(e.get1(), e.get2()));
            return (Object) new JsonObject(map);
        });
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, array), Tuple.of(1, object));
    }

    /** Numbers in the type Jackson reads them back as: Integer, Long, BigInteger by magnitude; Double. */
    private static Arbitrary<Object> number() {
        Arbitrary<BigInteger> big = Combinators.combine(Arbitraries.strings().numeric().ofMinLength(20).ofMaxLength(300),
                Arbitraries.of(1, -1))
            .as((digits, sign) -> new BigInteger("9" + digits).multiply(BigInteger.valueOf(sign)));
        return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().map(i -> (Object) i)),
            Tuple.of(2, Arbitraries.longs().filter(l -> l != (int) (long) l).map(l -> (Object) l)),
            Tuple.of(1, big.map(b -> (Object) b)),
            Tuple.of(3, Arbitraries.doubles().map(d -> (Object) d)),
            Tuple.of(2, Arbitraries.longs().map(bits -> (Object) Double.longBitsToDouble(bits))),
            Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                Double.MIN_VALUE, -Double.MAX_VALUE, 1e300, -1e-300, 1e22).map(d -> (Object) d)));
    }

    /** Text with quotes, backslashes, controls, DEL, Latin-1, BMP, U+2028, pairs and lone surrogates. */
    private static Arbitrary<String> string() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.strings().ascii().ofMaxLength(8)),
            Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf)),
            Tuple.of(2, Arbitraries.of("\"", "\\", "/", "\u007f", "\\u0041", "\u2028", "\u2029", "\ufeff", "\uffff")),
            Tuple.of(2, Arbitraries.chars().range('\u0080', '\u07ff').map(String::valueOf)),
            Tuple.of(2, Arbitraries.chars().range('\u0800', '\ud7ff').map(String::valueOf)),
            Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString)),
            Tuple.of(1, Arbitraries.chars().range('\ud800', '\udfff').map(String::valueOf)));
        return piece.list().ofMaxSize(6).map(list -> String.join("", list));
    }

    // ---- invalid lines: each is invalid by construction; the expected error follows from its bytes

    private static Line jsonError(String kind, byte[] bytes) {
        return new Line(kind, bytes, isUtf8(bytes) ? Expect.JSON_ERROR : Expect.TEXT_ERROR, null);
    }

    /** Random bytes after a first byte that no JSON value starts with. */
    private static Arbitrary<Line> randomBytes() {
        return Combinators.combine(Arbitraries.of((byte) '#', (byte) '}', (byte) ']', (byte) ',', (byte) ':', (byte) 'x',
                (byte) 0, (byte) 0x80, (byte) 0xFF), Arbitraries.bytes().array(byte[].class).ofMaxSize(60))
            .as((first, rest) -> {
                byte[] b = new byte[rest.length + 1];
                b[0] = first;
                System.arraycopy(rest, 0, b, 1, rest.length);
                return jsonError("random bytes", withoutCrlf(b));
            });
    }

    /** A non-empty strict prefix of an array or object: its outermost bracket is never closed. */
    private static Arbitrary<Line> truncated() {
        Arbitrary<Object> container = value(3).filter(v -> v instanceof JsonArray || v instanceof JsonObject);
        return Combinators.combine(container, Arbitraries.of(true, false), Arbitraries.longs(), Arbitraries.doubles().between(0, 1))
            .as((v, ascii, seed, cut) -> {
                byte[] all = Writer.write(v, ascii, new Random(seed), false).getBytes(StandardCharsets.UTF_8);
                int n = 1 + (int) (cut * (all.length - 2));
                return jsonError("truncated", Arrays.copyOf(all, Math.min(n, all.length - 1)));
            });
    }

    /** Nesting deeper than Jackson's limit: closed or not, arrays or objects. */
    private static Arbitrary<Line> tooDeep() {
        return Combinators.combine(Arbitraries.integers().between(MAX_DEPTH + 1, MAX_DEPTH + 1500), Arbitraries.of(0, 1, 2))
            .as((depth, form) -> {
                String text = switch (form) {
                    case 0 -> "[".repeat(depth) + "]".repeat(depth);
                    case 1 -> "[".repeat(depth);
                    default -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                };
                return jsonError("too deep " + depth, text.getBytes(StandardCharsets.US_ASCII));
            });
    }

    /** Nesting up to Jackson's limit decodes. */
    private static Arbitrary<Line> deepButAllowed() {
        return Arbitraries.integers().between(MAX_DEPTH - 5, MAX_DEPTH).map(depth -> {
            Object v = new JsonArray();
            for (int i = 1; i < depth; i++) {
                v = new JsonArray().add(v);
            }
            return new Line("deep, allowed " + depth, JsonCodec.encode(v).getBytes(StandardCharsets.US_ASCII), Expect.VALUE, v);
        });
    }

    /** Numbers with more digits than Jackson accepts. */
    private static Arbitrary<Line> hugeNumber() {
        return Combinators.combine(Arbitraries.integers().between(MAX_NUMBER_LENGTH + 1, MAX_NUMBER_LENGTH + 3000),
                Arbitraries.of("", "-", "0.", "1.", "-1.5e", "1e"), Arbitraries.of("", "e5", "E-7", ".0"))
            .as((digits, prefix, suffix) -> {
                String text = prefix + "7".repeat(digits) + (prefix.endsWith("e") ? "" : suffix);
                return jsonError("huge number", text.getBytes(StandardCharsets.US_ASCII));
            });
    }

    /** A JSON string with bytes that are not UTF-8: overlong forms, surrogates, past U+10FFFF, stray bytes. */
    private static Arbitrary<Line> invalidUtf8() {
        Arbitrary<byte[]> bad = Arbitraries.of(
            new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xC1, (byte) 0xBF},
            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0x80}, new byte[] {(byte) 0xBF}, new byte[] {(byte) 0xE2, (byte) 0x82},
            new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, new byte[] {(byte) 0xFE}, new byte[] {(byte) 0xFF});
        return Combinators.combine(string(), bad, string()).as((before, b, after) -> {
            String head = Writer.write(before, false, new Random(0), false);
            String tail = Writer.write(after, false, new Random(0), false);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.substring(0, head.length() - 1).getBytes(StandardCharsets.UTF_8));   // no closing quote
            out.writeBytes(b);
            out.writeBytes(tail.substring(1).getBytes(StandardCharsets.UTF_8));   // no opening quote
            return jsonError("invalid UTF-8", out.toByteArray());
        });
    }

    /** Longer than the line limit, no terminator inside. */
    private static Arbitrary<Line> overlong() {
        return Combinators.combine(Arbitraries.integers().between(MAX_LINE + 1, MAX_LINE + 3000), Arbitraries.bytes())
            .as((n, b) -> {
                byte[] bytes = new byte[n];
                Arrays.fill(bytes, b == '\n' ? (byte) 'n' : b);
                return new Line("overlong " + n, bytes, Expect.TOO_LONG, null);
            });
    }

    /** A string exactly at the limit decodes; one byte more is too long. */
    private static Arbitrary<Line> atTheLimit() {
        return Arbitraries.of(0, 1).map(over -> {
            String v = "a".repeat(MAX_LINE - 2 + over);
            byte[] bytes = ("\"" + v + "\"").getBytes(StandardCharsets.US_ASCII);
            return over == 0 ? new Line("at the limit", bytes, Expect.VALUE, v) : new Line("limit + 1", bytes, Expect.TOO_LONG, null);
        });
    }

    private static byte[] withoutCrlf(byte[] b) {
        for (int i = 1; i < b.length; i++) {
            if (b[i - 1] == '\r' && b[i] == '\n') {
                b[i] = 'n';
            }
        }
        return b;
    }

    // ------------------------------------------------------------------------------------------ a JSON writer

    /**
     * A JSON writer independent of Jackson: escapes chosen at random among the legal forms, optional
     * whitespace between tokens, non-ASCII either escaped (as Python's {@code ensure_ascii}) or raw UTF-8;
     * lone surrogates are always escaped (raw they are not UTF-8).
     */
    static final class Writer {
        private final boolean ascii;
        private final Random random;
        private final boolean spaces;
        private final StringBuilder out = new StringBuilder();

        private Writer(boolean ascii, Random random, boolean spaces) {
            this.ascii = ascii;
            this.random = random;
            this.spaces = spaces;
        }

        static String write(Object v, boolean ascii, Random random, boolean spaces) {
            Writer w = new Writer(ascii, random, spaces);
            w.space();
            w.value(v);
            return w.out.toString();
        }

        private void space() {
            if (spaces) {
                out.append(new String[] {"", " ", "\t", "  "}[random.nextInt(4)]);
            }
        }

        private void value(Object v) {
            if (v == null) {
                out.append("null");
            } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
                out.append(v);
            } else if (v instanceof Double d) {
                String text = Double.toString(d);
                if (random.nextBoolean()) {
                    text = text.replace("E-", "e-").replace("E", random.nextBoolean() ? "e+" : "E");
                }
                out.append(text);
            } else if (v instanceof String s) {
                string(s);
            } else if (v instanceof JsonArray a) {
                out.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        space();
                        out.append(',');
                    }
                    space();
                    value(a.getValue(i));
                }
                space();
                out.append(']');
            } else if (v instanceof JsonObject o) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> e : o.getMap().entrySet()) {
                    if (!first) {
                        space();
                        out.append(',');
                    }
                    first = false;
                    space();
                    string(e.getKey());
                    space();
                    out.append(':');
                    space();
                    value(e.getValue());
                }
                space();
                out.append('}');
            } else {
                throw new IllegalArgumentException("not a JSON value: " + v.getClass());
            }
        }

        private void string(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (pair) {
                    // Both halves raw (4 bytes of UTF-8) or both escaped: one half raw would not be UTF-8.
                    char low = s.charAt(++i);
                    out.append(ascii || random.nextInt(4) == 0 ? unicode(c) + unicode(low) : "" + c + low);
                    continue;
                }
                boolean lone = Character.isSurrogate(c);
                if (c == '"' || c == '\\') {
                    out.append(random.nextInt(4) == 0 ? unicode(c) : "\\" + c);
                } else if (c < 0x20) {
                    String shortForm = switch (c) {
                        case '\b' -> "\\b";
                        case '\f' -> "\\f";
                        case '\n' -> "\\n";
                        case '\r' -> "\\r";
                        case '\t' -> "\\t";
                        default -> null;
                    };
                    out.append(shortForm != null && random.nextBoolean() ? shortForm : unicode(c));
                } else if (c == '/') {
                    out.append(random.nextBoolean() ? "\\/" : "/");
                } else if (c < 0x80) {
                    out.append(random.nextInt(10) == 0 ? unicode(c) : String.valueOf(c));
                } else if (ascii || lone || random.nextInt(10) == 0) {
                    out.append(unicode(c));
                } else {
                    out.append(c);
                }
            }
            out.append('"');
        }

        private String unicode(char c) {
            String hex = String.format("%04x", (int) c);
            return "\\u" + (random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF, nothing cut. */
    static boolean isUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int n;
            int min;
            if (c < 0x80) {
                i++;
                continue;
            } else if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + n >= b.length) {
                return false;   // cut short
            }
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                return false;
            }
            i += n + 1;
        }
        return true;
    }

    /**
     * Equality of JSON values as read back: same Java type for each number (Integer, Long, BigInteger,
     * Double by bits), objects as maps (key order free), arrays in order.
     */
    static boolean jsonEquals(Object sent, Object read) {
        if (sent instanceof JsonObject o) {
            sent = o.getMap();
        }
        if (read instanceof JsonObject o) {
            read = o.getMap();
        }
        if (sent instanceof JsonArray a) {
            sent = a.getList();
        }
        if (read instanceof JsonArray a) {
            read = a.getList();
        }
        if (sent instanceof Map<?, ?> m1 && read instanceof Map<?, ?> m2) {
            if (!m1.keySet().equals(m2.keySet())) {
                return false;
            }
            for (Object k : m1.keySet()) {
                if (!jsonEquals(m1.get(k), m2.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (sent instanceof List<?> l1 && read instanceof List<?> l2) {
            if (l1.size() != l2.size()) {
                return false;
            }
            for (int i = 0; i < l1.size(); i++) {
                if (!jsonEquals(l1.get(i), l2.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (sent == null || read == null) {
            return sent == read;
        }
        return sent.getClass() == read.getClass() && Objects.equals(sent, read);
    }

    private static void assertThat(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    static String hex(byte[] b) {
        String h = HexFormat.of().formatHex(b, 0, Math.min(b.length, 40));
        return "[" + b.length + "]" + h + (b.length > 40 ? "..." : "");
    }
}
