package dev.tcpip.struct.golden;

import dev.tcpip.struct.CStruct;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import javolution.io.Struct;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The golden file {@code golden/structs.json} (written by {@code src/test/python/golden_structs.py}) and the
 * tools the golden tests share: fill a Java struct from a vector's values, check a struct's values against
 * them, compare bytes and name the field at the first difference.
 */
final class Golden {
    static final String RESOURCE = "/golden/structs.json";

    private static final JsonObject FILE = load();
    private static final Map<String, Layout> LAYOUTS = layouts(FILE.getJsonObject("structs"));
    private static final Map<String, Vector> VECTORS = vectors(FILE.getJsonArray("vectors"));

    private Golden() {
    }

    /** A struct type as ctypes lays it out. */
    record Layout(String name, int size, int alignment, boolean packed, String byteOrder, List<FieldLayout> fields,
                  String javaRefuses) {
        /** Whether CStruct refuses to declare this layout ({@link #javaRefuses()} says why). */
        boolean refused() {
            return javaRefuses != null;
        }
    }

    /** One field: its C-like type ({@code uint32_t}, {@code char[8]}, {@code Inner[2]}), offset and size. */
    record FieldLayout(String name, String type, int offset, int size) {
    }

    /** One vector: a struct's bytes as ctypes wrote them and its values as ctypes reads them. */
    record Vector(String name, String struct, int size, boolean decodeOnly, byte[] bytes, JsonObject values) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Where two byte strings first differ, and what the golden layout has there. */
    record Difference(int offset, String field, int expected, int actual) {
        @Override
        public String toString() {
            return "first difference at offset " + offset + " (" + field + "): expected " + hexByte(expected)
                + ", got " + hexByte(actual);
        }

        private static String hexByte(int b) {
            return b < 0 ? "end of data" : String.format("0x%02x", b);
        }
    }

    static Map<String, Layout> layouts() {
        return LAYOUTS;
    }

    static Map<String, Vector> vectors() {
        return VECTORS;
    }

    static Vector vector(String name) {
        Vector v = VECTORS.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no golden vector " + name + "; there are " + VECTORS.keySet());
        }
        return v;
    }

    /** A new, zeroed Java twin of a ctypes struct. */
    static Struct newStruct(String structName) {
        var factory = GoldenStructs.BY_NAME.get(structName);
        if (factory == null) {
            throw new IllegalArgumentException("no Java twin for ctypes struct " + structName);
        }
        return factory.get();
    }

    // ------------------------------------------------------------------------------------------------
    // Comparing bytes
    // ------------------------------------------------------------------------------------------------

    /**
     * @return empty when equal, else the first differing offset (or the shorter length) and the field of the
     *     golden layout there
     */
    static Optional<Difference> compare(String structName, byte[] expected, byte[] actual) {
        int common = Math.min(expected.length, actual.length);
        for (int i = 0; i < common; i++) {
            if (expected[i] != actual[i]) {
                return Optional.of(new Difference(i, describe(structName, i), expected[i] & 0xFF, actual[i] & 0xFF));
            }
        }
        if (expected.length == actual.length) {
            return Optional.empty();
        }
        return Optional.of(new Difference(common, describe(structName, common),
            common < expected.length ? expected[common] & 0xFF : -1, common < actual.length ? actual[common] & 0xFF : -1));
    }

    /** Asserts equal bytes, naming the first differing offset and its field on failure. */
    static void assertBytes(String what, String structName, byte[] expected, byte[] actual) {
        compare(structName, expected, actual).ifPresent(d -> fail(what + ": " + d
            + "\n  ctypes: " + hex(expected) + " (" + expected.length + " bytes)"
            + "\n  Java:   " + hex(actual) + " (" + actual.length + " bytes)"));
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /**
     * Names what the golden layout of a struct has at an offset: {@code "ScalarsLE.u32 (uint32_t, byte 1 of 4)"},
     * {@code "Deep.holder.inner.value (double, byte 0 of 8)"}, {@code "ScalarsAligned: padding before f64"}.
     */
    static String describe(String structName, int offset) {
        return structName + describeIn(structName, offset);
    }

    private static String describeIn(String structName, int offset) {
        Layout layout = LAYOUTS.get(structName);
        if (layout == null) {
            return " (no golden layout)";
        }
        if (offset >= layout.size()) {
            return ": past its end (" + layout.size() + " bytes)";
        }
        for (FieldLayout f : layout.fields()) {
            if (offset < f.offset()) {
                return ": padding before " + f.name();
            }
            if (offset < f.offset() + f.size()) {
                return "." + f.name() + describeField(f.type(), f.size(), offset - f.offset());
            }
        }
        return ": padding at the end";
    }

    private static String describeField(String type, int size, int relative) {
        int bracket = type.indexOf('[');
        String base = bracket < 0 ? type : type.substring(0, bracket);
        List<Integer> dims = new ArrayList<>();
        if (bracket >= 0) {
            for (String d : type.substring(bracket + 1, type.length() - 1).split("\\]\\[")) {
                dims.add(Integer.parseInt(d));
            }
        }
        if (base.equals("char") && !dims.isEmpty()) {   // the last dimension is the string itself
            int length = dims.remove(dims.size() - 1);
            base = "char[" + length + "]";
        }
        int count = dims.stream().reduce(1, (a, b) -> a * b);
        int element = size / count;
        StringBuilder index = new StringBuilder();
        int flat = relative / element;
        int[] indices = new int[dims.size()];
        for (int i = dims.size() - 1; i >= 0; i--) {
            indices[i] = flat % dims.get(i);
            flat /= dims.get(i);
        }
        for (int i : indices) {
            index.append('[').append(i).append(']');
        }
        int inElement = relative % element;
        if (LAYOUTS.containsKey(base)) {
            return index + describeIn(base, inElement);
        }
        return index + " (" + base + ", byte " + inElement + " of " + element + ")";
    }

    // ------------------------------------------------------------------------------------------------
    // Values: fill a struct from a vector, check a struct against a vector
    // ------------------------------------------------------------------------------------------------

    /** snake_case (ctypes) to camelCase (Java). */
    static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    /** The Java member (a Member, a nested Struct, or an array of them) for a ctypes field name. */
    static Object member(Struct struct, String ctypesName) {
        try {
            return struct.getClass().getField(camel(ctypesName)).get(struct);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new AssertionError(struct.getClass().getSimpleName() + " has no public field " + camel(ctypesName)
                + " for ctypes field " + ctypesName, e);
        }
    }

    /** The names (camelCase) of a struct class's public member fields, in declaration order. */
    static List<String> memberNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            int mods = f.getModifiers();
            Class<?> t = f.getType();
            while (t.isArray()) {
                t = t.getComponentType();
            }
            if (Modifier.isPublic(mods) && !Modifier.isStatic(mods)
                && (Members.isMemberType(t) || Struct.class.isAssignableFrom(t))) {
                names.add(f.getName());
            }
        }
        return names;
    }

    /** Offset of a member, a nested struct or an array (its first element) in its struct. */
    static int offsetOf(Object member) {
        if (Members.isMember(member)) {
            return Members.offset(member);
        }
        if (member instanceof Struct s) {
            return s.getByteBufferPosition() - s.outer().getByteBufferPosition();
        }
        return offsetOf(((Object[]) member)[0]);
    }

    /** Size in bytes of a member, a nested struct or a (multi-dimensional) array. */
    static int sizeOf(Object member) {
        if (Members.isMember(member)) {
            return Members.bitLength(member) / 8;
        }
        if (member instanceof Struct s) {
            return s.size();
        }
        Object[] array = (Object[]) member;
        Object last = array[array.length - 1];
        return offsetOf(last) + sizeOf(last) - offsetOf(array[0]);
    }

    /** Sets every field of the struct from a vector's values, through each member type's own setter. */
    static void fill(Struct struct, JsonObject values) {
        for (Map.Entry<String, Object> e : values) {
            set(e.getKey(), member(struct, e.getKey()), e.getValue());
        }
    }

    private static void set(String path, Object member, Object value) {
        if (member instanceof Struct s) {
            fill(s, (JsonObject) value);
        } else if (member instanceof Object[] array) {
            JsonArray values = (JsonArray) value;
            assertEquals(array.length, values.size(), path + ": array length");
            for (int i = 0; i < array.length; i++) {
                set(path + "[" + i + "]", array[i], values.getValue(i));
            }
        } else if (member instanceof CStruct.Bool m) {
            m.set((Boolean) value);
        } else if (member instanceof Struct.Bool m) {      // javolution's own, for the negative tests
            m.set((Boolean) value);
        } else if (member instanceof Struct.Signed8 m) {
            m.set(integer(value).byteValueExact());
        } else if (member instanceof Struct.Unsigned8 m) {
            m.set(integer(value).shortValueExact());
        } else if (member instanceof Struct.Signed16 m) {
            m.set(integer(value).shortValueExact());
        } else if (member instanceof Struct.Unsigned16 m) {
            m.set(integer(value).intValueExact());
        } else if (member instanceof Struct.Signed32 m) {
            m.set(integer(value).intValueExact());
        } else if (member instanceof Struct.Unsigned32 m) {
            m.set(integer(value).longValueExact());
        } else if (member instanceof Struct.Signed64 m) {
            m.set(integer(value).longValueExact());
        } else if (member instanceof CStruct.Unsigned64 m) {
            m.setUnsigned(integer(value));
        } else if (member instanceof Struct.Float32 m) {
            m.set((float) floating(value));
        } else if (member instanceof Struct.Float64 m) {
            m.set(floating(value));
        } else if (member instanceof CStruct.UTF8String m) {
            m.set((String) value);
        } else {
            throw new AssertionError(path + ": unexpected member type " + member.getClass());
        }
    }

    /** Asserts that every field of the struct reads as the vector's value, naming the field on failure. */
    static void assertValues(String path, JsonObject expected, Struct struct) {
        List<String> javaNames = memberNames(struct.getClass());
        List<String> ctypesNames = expected.fieldNames().stream().map(Golden::camel).toList();
        assertEquals(ctypesNames, javaNames, path + ": fields");
        for (Map.Entry<String, Object> e : expected) {
            assertValue(path + "." + e.getKey(), e.getValue(), member(struct, e.getKey()));
        }
    }

    private static void assertValue(String path, Object expected, Object member) {
        if (member instanceof Struct s) {
            assertValues(path, (JsonObject) expected, s);
        } else if (member instanceof Object[] array) {
            JsonArray values = (JsonArray) expected;
            assertEquals(values.size(), array.length, path + ": array length");
            for (int i = 0; i < array.length; i++) {
                assertValue(path + "[" + i + "]", values.getValue(i), array[i]);
            }
        } else if (member instanceof CStruct.Bool m) {
            assertEquals(expected, m.get(), path);
        } else if (member instanceof Struct.Bool m) {
            assertEquals(expected, m.get(), path);
        } else if (member instanceof Struct.Signed8 m) {
            assertEquals(integer(expected), BigInteger.valueOf(m.get()), path);
        } else if (member instanceof Struct.Unsigned8 m) {
            assertEquals(integer(expected), BigInteger.valueOf(m.get()), path);
        } else if (member instanceof Struct.Signed16 m) {
            assertEquals(integer(expected), BigInteger.valueOf(m.get()), path);
        } else if (member instanceof Struct.Unsigned16 m) {
            assertEquals(integer(expected), BigInteger.valueOf(m.get()), path);
        } else if (member instanceof Struct.Signed32 m) {
            assertEquals(integer(expected), BigInteger.valueOf(m.get()), path);
        } else if (member instanceof Struct.Unsigned32 m) {
            assertEquals(integer(expected), BigInteger.valueOf(m.get()), path);
        } else if (member instanceof Struct.Signed64 m) {
            assertEquals(integer(expected), BigInteger.valueOf(m.get()), path);
        } else if (member instanceof CStruct.Unsigned64 m) {
            assertEquals(integer(expected), m.getUnsigned(), path);
        } else if (member instanceof Struct.Float32 m) {
            float want = (float) floating(expected);
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(m.get()),
                () -> path + ": expected " + want + ", got " + m.get() + " (compared bit for bit)");
        } else if (member instanceof Struct.Float64 m) {
            double want = floating(expected);
            assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(m.get()),
                () -> path + ": expected " + want + ", got " + m.get() + " (compared bit for bit)");
        } else if (member instanceof CStruct.UTF8String m) {
            assertEquals(expected, m.get(), path);
        } else {
            throw new AssertionError(path + ": unexpected member type " + member.getClass());
        }
    }

    /** A JSON integer (Integer, Long or BigInteger) as a BigInteger. */
    static BigInteger integer(Object value) {
        assertTrue(value instanceof Number, () -> "not a JSON integer: " + value);
        return new BigInteger(value.toString());
    }

    /** A float as the golden file writes it: Python's repr, "inf", "-inf" or "nan". */
    static double floating(Object value) {
        String text = (String) value;
        return switch (text) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** Reaches javolution's protected {@code Struct.Member} from a subclass of Struct. */
    private abstract static class Members extends Struct {
        static boolean isMemberType(Class<?> type) {
            return Member.class.isAssignableFrom(type);
        }

        static boolean isMember(Object o) {
            return o instanceof Member;
        }

        static int offset(Object member) {
            return ((Member) member).offset();
        }

        static int bitLength(Object member) {
            return ((Member) member).bitLength();
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Loading
    // ------------------------------------------------------------------------------------------------

    private static JsonObject load() {
        try (InputStream in = Golden.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    private static Map<String, Layout> layouts(JsonObject structs) {
        Map<String, Layout> m = new LinkedHashMap<>();
        for (String name : structs.fieldNames()) {
            JsonObject s = structs.getJsonObject(name);
            List<FieldLayout> fields = new ArrayList<>();
            for (Object o : s.getJsonArray("fields")) {
                JsonObject f = (JsonObject) o;
                fields.add(new FieldLayout(f.getString("name"), f.getString("type"), f.getInteger("offset"),
                    f.getInteger("size")));
            }
            m.put(name, new Layout(name, s.getInteger("size"), s.getInteger("alignment"), s.getBoolean("packed"),
                s.getString("byte_order"), List.copyOf(fields), s.getString("java_refuses")));
        }
        return m;
    }

    private static Map<String, Vector> vectors(JsonArray vectors) {
        Map<String, Vector> m = new LinkedHashMap<>();
        for (Object o : vectors) {
            JsonObject v = (JsonObject) o;
            StringBuilder hex = new StringBuilder();
            for (Object line : v.getJsonArray("hex")) {
                hex.append(((String) line).replace(" ", ""));
            }
            Vector vector = new Vector(v.getString("name"), v.getString("struct"), v.getInteger("size"),
                v.getBoolean("decode_only", false), HexFormat.of().parseHex(hex), v.getJsonObject("values"));
            if (m.put(vector.name(), vector) != null) {
                throw new IllegalStateException("duplicate golden vector " + vector.name());
            }
        }
        return m;
    }
}
