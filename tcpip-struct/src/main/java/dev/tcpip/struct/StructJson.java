package dev.tcpip.struct;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import javolution.io.Struct;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Converts a struct to a Vert.x {@link JsonObject} and fills a struct from one, for example to publish
 * decoded messages on the event bus and to turn JSON commands into structs.
 *
 * <pre>{@code
 * public static final class ConfigureCommand extends CStruct {   // struct configure_command
 *     public final Float64 maxVelocity = new Float64();          //   double   max_velocity;
 *     public final Unsigned16 telemetryHz = new Unsigned16();    //   uint16_t telemetry_hz;
 * }
 *
 * ConfigureCommand c = new ConfigureCommand();
 * c.maxVelocity.set(12.5);
 * c.telemetryHz.set(20);
 * JsonObject json = StructJson.toJson(c);       // {"max_velocity":12.5,"telemetry_hz":20}
 *
 * ConfigureCommand command = StructJson.fill(new ConfigureCommand(),
 *     new JsonObject().put("telemetry_hz", 100));   // max_velocity is absent: left at 0.0
 * }</pre>
 *
 * <p><b>Members.</b> The members are the struct class's public instance fields (its superclasses' too) whose
 * type is a javolution member, a nested struct, or an array of them, at any depth; other fields, and
 * non-public ones (such as reserved bytes), are left out. Each member is one key, in layout order: the order
 * of the offsets, which is the order in which the fields were declared (javolution 6.0.0's {@code Struct}
 * keeps no list of its members; the offsets say where each one was laid out, and members sharing an offset
 * keep the order of their declarations). The key is the C name, {@link #jsonName(String) jsonName} of the
 * field's name: {@code inPosition} is {@code in_position}.
 *
 * <table>
 *   <caption>Member types and their JSON values</caption>
 *   <tr><th>Member</th><th>C</th><th>{@code toJson} puts</th><th>{@code fill} takes</th></tr>
 *   <tr><td>{@code Bool}</td><td>{@code bool}</td><td>{@code Boolean}</td><td>a boolean</td></tr>
 *   <tr><td>{@code Signed8}, {@code Signed16}, {@code Signed32}</td><td>{@code int8_t}, {@code int16_t},
 *       {@code int32_t}</td><td>{@code Integer}</td><td rowspan="4">an integer in the member's range: a
 *       number without a fractional part ({@code 3} or {@code 3.0}, not {@code 3.5}); {@code 70000} for a
 *       {@code uint16_t}, or {@code -1} for any unsigned member, is refused</td></tr>
 *   <tr><td>{@code Unsigned8}, {@code Unsigned16}</td><td>{@code uint8_t}, {@code uint16_t}</td>
 *       <td>{@code Integer} (an enum-like code stays a number)</td></tr>
 *   <tr><td>{@code Unsigned32}, {@code Signed64}</td><td>{@code uint32_t}, {@code int64_t}</td>
 *       <td>{@code Long}</td></tr>
 *   <tr><td>{@code Unsigned64}</td><td>{@code uint64_t}</td><td>{@code Long} up to 2<sup>63</sup> &minus; 1,
 *       {@code BigInteger} above: never negative</td></tr>
 *   <tr><td>{@code Float32}</td><td>{@code float}</td><td>{@code Float}</td><td rowspan="2">a number, or one
 *       of the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; a finite number too large
 *       for the member is refused</td></tr>
 *   <tr><td>{@code Float64}</td><td>{@code double}</td><td>{@code Double}</td></tr>
 *   <tr><td>{@code UTF8String(N)}</td><td>{@code char[N]}</td><td>{@code String}</td><td>a string of at
 *       most N bytes in UTF-8 (not cut: refused)</td></tr>
 *   <tr><td>an array, {@code array(new M[N])}</td><td>{@code T[N]}</td><td>{@code JsonArray} of N
 *       values</td><td>an array of exactly N values</td></tr>
 *   <tr><td>a nested struct, {@code inner(new S())}</td><td>{@code struct S}</td><td>{@code JsonObject}</td>
 *       <td>an object, filled as the struct itself</td></tr>
 *   <tr><td>an array of structs, {@code array(new S[N])}</td><td>{@code struct S[N]}</td>
 *       <td>{@code JsonArray} of N objects</td><td>an array of exactly N objects</td></tr>
 * </table>
 * The members are {@link CStruct}'s and javolution's own ({@code Bool} and {@code UTF8String}, which
 * {@code CStruct} replaces, included); javolution's {@code Enum8} to {@code Enum64}, {@code Reference32},
 * {@code Reference64} and {@code BitField}, and unions, are not supported ({@link IllegalArgumentException}).
 * A bit field ({@code new Unsigned16(4)}) takes the range of its bits ({@code uint16_t:4}, 0 to 15), and a
 * signed one reads as C reads it, with its sign extended (javolution's {@code get()} does not extend it: the
 * bits {@code 100} of a {@code new Signed8(3)} are 4 there, -4 in C and in the JSON).
 *
 * <p><b>uint64_t.</b> {@link CStruct.Unsigned64#get()} gives the 64 bits as a signed {@code long}, which is
 * negative from 2<sup>63</sup> up; {@code toJson} puts the value itself, a {@code BigInteger} from
 * 2<sup>63</sup> up, so the JSON text has the unsigned digits ({@code 18446744073709551615}). Read it with
 * {@code (Number) json.getValue(key)}; {@code json.getLong(key)} gives back {@code get()}'s signed bits. A
 * JavaScript reader keeps only 53 bits of any large integer.
 *
 * <p><b>NaN and infinities.</b> {@code toJson} puts them as they are ({@code Double.NaN}, a number), as
 * {@code get()} gives them, and as tcpip-core's {@code JsonCodec} (the endpoints' {@code writeJson}) writes
 * them: bare {@code NaN}, {@code Infinity}, {@code -Infinity}, as Python's {@code json} does. Vert.x's
 * {@link JsonObject#encode()} (also what a clustered event bus sends) writes them as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, which decode as strings; {@code fill} takes
 * both, so {@code fill(s, new JsonObject(toJson(s).encode()))} gives back the same bytes, NaN included (a
 * NaN's payload bits are not kept: it comes back as Java's {@code NaN}).
 *
 * <p><b>Errors.</b> {@code fill} checks the whole object before it writes anything: a key the struct does not
 * have, a value of the wrong type ({@code null} included), a number out of the member's range, an array of
 * another length, or a string longer than its field (or containing NUL, or not well-formed) throws
 * {@link IllegalArgumentException}, naming the key (with its path, {@code axes[1].position}) and the value,
 * and leaves the struct unchanged. Keys that are absent leave their members as they are.
 *
 * <p>The methods are thread-safe; a struct is not (see {@link CStruct}): convert it on one thread at a time.
 * The members of a class are found by reflection once and remembered. A struct class that is not public (or
 * whose package is in a named module that is not open to tcpip-struct) must let this class read its public
 * fields; on the class path it always can.
 */
public final class StructJson {

    private StructJson() {
    }

    /**
     * Converts a struct to JSON: one key per member, in layout order, named by {@link #jsonName(String)}, with
     * the values in the class description's table.
     *
     * @param struct the struct, normally a {@link CStruct}; it is read, not changed
     * @return a new object
     * @throws IllegalArgumentException if a member's type is not supported, a member field is null or holds a
     *     member of another struct, two fields have the same JSON name, or the struct is a union
     * @throws IllegalStateException    if a {@code CStruct.UTF8String} holds bytes that are not valid UTF-8
     *     (the message names the key)
     */
    public static JsonObject toJson(Struct struct) {
        Objects.requireNonNull(struct, "struct");
        return object(struct, "");
    }

    /**
     * Sets the struct's members from a JSON object: each key names a member as {@link #toJson(Struct)} does.
     * Absent keys leave their members as they are. Every value is checked before anything is written, so on
     * an exception the struct is unchanged.
     *
     * @param struct the struct to fill
     * @param json   the values, as in the class description's table; nested objects and arrays may be
     *               {@code JsonObject}/{@code JsonArray} or {@code Map}/{@code List}
     * @param <S>    the struct's type
     * @return the same struct
     * @throws IllegalArgumentException naming the key and the value, if a key is not a member of the struct,
     *     a value has the wrong type (null included), a number is out of its member's range or is not an
     *     integer for an integer member, an array has another length than its member, or a string is too long
     *     for its field in UTF-8 bytes, contains a NUL character or is not well-formed; also for the
     *     structs that {@link #toJson(Struct)} refuses
     */
    public static <S extends Struct> S fill(S struct, JsonObject json) {
        Objects.requireNonNull(struct, "struct");
        Objects.requireNonNull(json, "json");
        List<Runnable> writes = new ArrayList<>();
        plan(struct, json, "", writes);
        for (Runnable write : writes) {
            write.run();
        }
        return struct;
    }

    /**
     * The JSON (and C) name of a Java field: camelCase to snake_case. An underscore goes before each capital
     * letter that follows a lower-case letter or a digit, or that begins a word after an acronym; then
     * everything is lower case. Digits stay with what they follow.
     *
     * <table>
     *   <caption>Examples</caption>
     *   <tr><th>Java field</th><th>JSON name</th></tr>
     *   <tr><td>{@code azimuthVelocity}</td><td>{@code azimuth_velocity}</td></tr>
     *   <tr><td>{@code inPosition}</td><td>{@code in_position}</td></tr>
     *   <tr><td>{@code telemetryHz}</td><td>{@code telemetry_hz}</td></tr>
     *   <tr><td>{@code axis2Speed}</td><td>{@code axis2_speed}</td></tr>
     *   <tr><td>{@code rawADCValue}</td><td>{@code raw_adc_value}</td></tr>
     *   <tr><td>{@code text}, {@code u64}, {@code in_position}</td><td>unchanged</td></tr>
     * </table>
     *
     * @param javaFieldName a Java field name
     * @return its snake_case name
     */
    public static String jsonName(String javaFieldName) {
        String name = Objects.requireNonNull(javaFieldName, "javaFieldName");
        StringBuilder b = new StringBuilder(name.length() + 4);
        int previous = -1;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            int next = i < name.length() ? name.codePointAt(i) : -1;
            if (Character.isUpperCase(c) && previous != -1
                && (Character.isLowerCase(previous) || Character.isDigit(previous)
                    || Character.isUpperCase(previous) && next != -1 && Character.isLowerCase(next))) {
                b.append('_');
            }
            b.appendCodePoint(Character.toLowerCase(c));
            previous = c;
        }
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------
    // The members of a struct
    // ------------------------------------------------------------------------------------------------

    /** A public member field of a struct class and its JSON name. */
    private record Slot(Field field, String name) {
    }

    /** A member of one struct: its JSON name, the member (a Member, a Struct or an array), its offset. */
    private record Entry(String name, Object member, int offset) {
    }

    /** The member fields of each struct class in layout order: what {@link #toJson} walks. */
    private static final ConcurrentMap<Class<?>, List<Slot>> ORDER = new ConcurrentHashMap<>();

    /** The member fields of each struct class, superclasses' first, each in reflection (declaration) order. */
    private static final ClassValue<List<Slot>> SLOTS = new ClassValue<>() {
        @Override
        protected List<Slot> computeValue(Class<?> type) {
            return slots(type);
        }
    };

    private static List<Slot> slots(Class<?> type) {
        Deque<Class<?>> chain = new ArrayDeque<>();
        for (Class<?> c = type; c != null && c != Struct.class; c = c.getSuperclass()) {
            chain.push(c);
        }
        Map<String, Slot> byName = new LinkedHashMap<>();
        for (Class<?> c : chain) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || field.isSynthetic()
                    || !isMemberType(field.getType())) {
                    continue;
                }
                field.trySetAccessible();   // a public field of a class that is not public; false is fine otherwise
                Slot slot = new Slot(field, jsonName(field.getName()));
                Slot before = byName.putIfAbsent(slot.name(), slot);
                if (before != null) {
                    throw new IllegalArgumentException(type.getName() + ": fields " + describe(before.field())
                        + " and " + describe(field) + " have the same JSON name \"" + slot.name() + "\"");
                }
            }
        }
        return List.copyOf(byName.values());
    }

    private static String describe(Field field) {
        return field.getDeclaringClass().getSimpleName() + "." + field.getName();
    }

    /** A member, a nested struct, or an array of them at any depth. */
    private static boolean isMemberType(Class<?> type) {
        Class<?> t = type;
        while (t.isArray()) {
            t = t.getComponentType();
        }
        return Members.isMemberType(t) || Struct.class.isAssignableFrom(t);
    }

    /** The struct's members by JSON name, in layout order. */
    private static Map<String, Entry> members(Struct struct, String prefix) {
        if (struct.isUnion()) {
            throw new IllegalArgumentException(where(prefix, struct) + " is a union: unions are not supported");
        }
        List<Slot> slots = SLOTS.get(struct.getClass());
        List<Entry> entries = new ArrayList<>(slots.size());
        int previous = 0;
        for (Slot slot : slots) {
            Object member;
            try {
                member = slot.field().get(struct);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("cannot read the field " + describe(slot.field()) + " of "
                    + struct.getClass().getName() + ": make the class public, or open its package to tcpip-struct", e);
            }
            String path = prefix + slot.name();
            int offset = offset(struct, member, path);
            // An empty array has no offset: it stays after the field declared before it.
            previous = offset < 0 ? previous : offset;
            entries.add(new Entry(slot.name(), member, previous));
        }
        entries.sort(Comparator.comparingInt(Entry::offset));   // stable: equal offsets keep declaration order
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (Entry entry : entries) {
            byName.put(entry.name(), entry);
        }
        return byName;
    }

    /**
     * The offset in {@code owner} of a member, a nested struct or an array (its first element), -1 for an empty
     * array; checks that it is part of {@code owner}.
     */
    private static int offset(Struct owner, Object member, String path) {
        if (member instanceof Object[] array) {
            return array.length == 0 ? -1 : offset(owner, array[0], path + "[0]");
        }
        if (member instanceof Struct nested) {
            checkNested(owner, nested, path);
            return nested.getByteBufferPosition() - owner.getByteBufferPosition();
        }
        checkMember(owner, member, path);
        return Members.offset(member);
    }

    private static void checkNested(Struct owner, Struct nested, String path) {
        if (nested.outer() != owner) {
            throw new IllegalArgumentException(path + ": the field holds a " + nested.getClass().getSimpleName()
                + " that is not nested in this " + owner.getClass().getSimpleName()
                + " (create it with inner(...) or array(...))");
        }
    }

    private static void checkMember(Struct owner, Object member, String path) {
        if (member == null) {
            throw new IllegalArgumentException(path + ": the field is null");
        }
        if (Members.struct(member) != owner) {
            throw new IllegalArgumentException(path + ": the field holds a member of another struct");
        }
    }

    private static String where(String prefix, Struct struct) {
        String path = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.isEmpty() ? struct.getClass().getSimpleName() : path;
    }

    // ------------------------------------------------------------------------------------------------
    // toJson
    // ------------------------------------------------------------------------------------------------

    /**
     * The struct as JSON. The order of its members (the layout's) is worked out once per class, with every
     * check of {@link #members}; each call then reads the fields in that order, checking each member again,
     * and builds a member's path only for an error or a nested struct: this runs once per message.
     */
    private static JsonObject object(Struct struct, String prefix) {
        List<Slot> order = ORDER.get(struct.getClass());
        if (order == null) {
            order = layoutOrder(struct, prefix);
            ORDER.putIfAbsent(struct.getClass(), order);
        }
        JsonObject json = new JsonObject(new LinkedHashMap<>(order.size() * 2));
        for (Slot slot : order) {
            Object member;
            try {
                member = slot.field().get(struct);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("cannot read the field " + describe(slot.field()) + " of "
                    + struct.getClass().getName() + ": make the class public, or open its package to tcpip-struct", e);
            }
            json.put(slot.name(), value(struct, member, prefix, slot.name()));
        }
        return json;
    }

    /** The member fields of a struct class in layout order, from one of its instances (checked as {@link #members} checks). */
    private static List<Slot> layoutOrder(Struct struct, String prefix) {
        Map<String, Slot> byName = new LinkedHashMap<>();
        for (Slot slot : SLOTS.get(struct.getClass())) {
            byName.put(slot.name(), slot);
        }
        List<Slot> order = new ArrayList<>();
        for (String name : members(struct, prefix).keySet()) {
            order.add(byName.get(name));
        }
        return List.copyOf(order);
    }

    private static Object value(Struct owner, Object member, String prefix, String name) {
        if (member instanceof Object[] array) {
            List<Object> values = new ArrayList<>(array.length);
            for (int i = 0; i < array.length; i++) {
                values.add(value(owner, array[i], prefix, name + "[" + i + "]"));
            }
            return new JsonArray(values);
        }
        if (member instanceof Struct nested) {
            String path = prefix + name;
            checkNested(owner, nested, path);
            return object(nested, path + ".");
        }
        if (member == null || Members.struct(member) != owner) {
            checkMember(owner, member, prefix + name);   // throws, naming the path
        }
        if (member instanceof CStruct.Bool m) {
            return m.get();
        } else if (member instanceof Struct.Bool m) {
            return m.get();
        } else if (member instanceof Struct.Signed8 m) {
            return (int) signExtended(m.get(), member);
        } else if (member instanceof Struct.Unsigned8 m) {
            return (int) m.get();
        } else if (member instanceof Struct.Signed16 m) {
            return (int) signExtended(m.get(), member);
        } else if (member instanceof Struct.Unsigned16 m) {
            return m.get();
        } else if (member instanceof Struct.Signed32 m) {
            return (int) signExtended(m.get(), member);
        } else if (member instanceof Struct.Unsigned32 m) {
            return m.get();
        } else if (member instanceof Struct.Signed64 m) {
            return signExtended(m.get(), member);
        } else if (member instanceof CStruct.Unsigned64 m) {
            long bits = m.get();
            return bits >= 0 ? (Object) bits : m.getUnsigned();
        } else if (member instanceof Struct.Float32 m) {
            return m.get();
        } else if (member instanceof Struct.Float64 m) {
            return m.get();
        } else if (member instanceof CStruct.UTF8String m) {
            try {
                return m.get();
            } catch (IllegalStateException e) {
                throw new IllegalStateException(prefix + name + ": " + e.getMessage(), e);
            }
        } else if (member instanceof Struct.UTF8String m) {
            return m.get();
        }
        throw unsupported(member, prefix + name);
    }

    /**
     * A signed member's value as C reads it: javolution reads a signed bit field ({@code new Signed8(3)})
     * without extending its sign (the bits 100 read as 4, where C reads -4).
     */
    private static long signExtended(long value, Object member) {
        int bits = Members.bitLength(member);
        return bits < wholeBits(member) ? value << (64 - bits) >> (64 - bits) : value;
    }

    private static IllegalArgumentException unsupported(Object member, String path) {
        return new IllegalArgumentException(path + ": members of type " + member.getClass().getName()
            + " are not supported");
    }

    // ------------------------------------------------------------------------------------------------
    // fill: check everything, then write
    // ------------------------------------------------------------------------------------------------

    private static void plan(Struct struct, JsonObject json, String prefix, List<Runnable> writes) {
        Map<String, Entry> members = members(struct, prefix);
        for (Map.Entry<String, Object> e : json) {
            String path = prefix + e.getKey();
            Entry entry = members.get(e.getKey());
            if (entry == null) {
                throw new IllegalArgumentException("\"" + path + "\": " + show(e.getValue()) + ": no such member in "
                    + struct.getClass().getSimpleName() + " (its members: " + String.join(", ", members.keySet()) + ")");
            }
            plan(struct, entry.member(), e.getValue(), path, writes);
        }
    }

    private static void plan(Struct owner, Object member, Object value, String path, List<Runnable> writes) {
        if (member instanceof Object[] array) {
            if (!(value instanceof JsonArray values)) {
                throw wrongType(path, value, "an array of " + array.length);
            }
            if (values.size() != array.length) {
                throw new IllegalArgumentException("\"" + path + "\": " + show(value) + " has " + values.size()
                    + " elements, the member has " + array.length);
            }
            for (int i = 0; i < array.length; i++) {
                plan(owner, array[i], values.getValue(i), path + "[" + i + "]", writes);
            }
            return;
        }
        if (member instanceof Struct nested) {
            checkNested(owner, nested, path);
            if (!(value instanceof JsonObject object)) {
                throw wrongType(path, value, "an object (struct " + nested.getClass().getSimpleName() + ")");
            }
            plan(nested, object, path + ".", writes);
            return;
        }
        checkMember(owner, member, path);
        if (member instanceof CStruct.Bool m) {
            boolean b = bool(path, value);
            writes.add(() -> m.set(b));
        } else if (member instanceof Struct.Bool m) {
            boolean b = bool(path, value);
            writes.add(() -> m.set(b));
        } else if (member instanceof Struct.Signed8 m) {
            byte v = integer(path, value, member, true).byteValue();
            writes.add(() -> m.set(v));
        } else if (member instanceof Struct.Unsigned8 m) {
            short v = integer(path, value, member, false).shortValue();
            writes.add(() -> m.set(v));
        } else if (member instanceof Struct.Signed16 m) {
            short v = integer(path, value, member, true).shortValue();
            writes.add(() -> m.set(v));
        } else if (member instanceof Struct.Unsigned16 m) {
            int v = integer(path, value, member, false).intValue();
            writes.add(() -> m.set(v));
        } else if (member instanceof Struct.Signed32 m) {
            int v = integer(path, value, member, true).intValue();
            writes.add(() -> m.set(v));
        } else if (member instanceof Struct.Unsigned32 m) {
            long v = integer(path, value, member, false).longValue();
            writes.add(() -> m.set(v));
        } else if (member instanceof Struct.Signed64 m) {
            long v = integer(path, value, member, true).longValue();
            writes.add(() -> m.set(v));
        } else if (member instanceof CStruct.Unsigned64 m) {
            long v = integer(path, value, member, false).longValue();   // the low 64 bits: the value's
            writes.add(() -> m.set(v));
        } else if (member instanceof Struct.Float32 m) {
            double d = floating(path, value, "float");
            float f = (float) d;
            if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                throw new IllegalArgumentException("\"" + path + "\": " + show(value)
                    + " is out of range for float (at most " + Float.MAX_VALUE + " in magnitude)");
            }
            writes.add(() -> m.set(f));
        } else if (member instanceof Struct.Float64 m) {
            double d = floating(path, value, "double");
            writes.add(() -> m.set(d));
        } else if (member instanceof CStruct.UTF8String m) {
            byte[] bytes = utf8(path, value, m.size());
            writes.add(() -> m.setBytes(bytes));
        } else if (member instanceof Struct.UTF8String m) {
            int size = Members.bitLength(member) / 8;
            byte[] bytes = utf8(path, value, size);
            String text = (String) value;
            if (bytes.length == size && text.length() < size) {
                // javolution's own writes a terminating zero after fewer characters than its size: past the field.
                throw new IllegalArgumentException("\"" + path + "\": " + show(value) + " is " + bytes.length
                    + " bytes in UTF-8, which javolution's UTF8String(" + size + ") would follow with a zero byte "
                    + "past its field (CStruct's UTF8String takes it)");
            }
            writes.add(() -> m.set(text));
        } else {
            throw unsupported(member, path);
        }
    }

    private static IllegalArgumentException wrongType(String path, Object value, String expected) {
        return new IllegalArgumentException("\"" + path + "\": " + show(value) + " is not " + expected);
    }

    private static boolean bool(String path, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(path, value, "a boolean");
    }

    /** The value as an integer in the member's range: bitLength() bits, signed or not. */
    private static BigInteger integer(String path, Object value, Object member, boolean signed) {
        int bits = Members.bitLength(member);
        String type = cType(member, signed, bits);
        if (!(value instanceof Number number)) {
            throw wrongType(path, value, "a number (the member is " + type + ")");
        }
        BigInteger n = exactInteger(number);
        if (n == null) {
            throw wrongType(path, value, "an integer (the member is " + type + ")");
        }
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = (signed ? BigInteger.ONE.shiftLeft(bits - 1) : BigInteger.ONE.shiftLeft(bits))
            .subtract(BigInteger.ONE);
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw new IllegalArgumentException("\"" + path + "\": " + show(value) + " is out of range for " + type
                + " (" + min + " to " + max + ")");
        }
        return n;
    }

    /** {@code uint16_t}, or {@code uint16_t:4} for a bit field of 4 bits. */
    private static String cType(Object member, boolean signed, int bits) {
        int whole = wholeBits(member);
        String type = (signed ? "int" : "uint") + whole + "_t";
        return bits == whole ? type : type + ":" + bits;
    }

    /** The bits of an integer member's type, whatever its bit length. */
    private static int wholeBits(Object member) {
        return member instanceof Struct.Signed8 || member instanceof Struct.Unsigned8 ? 8
            : member instanceof Struct.Signed16 || member instanceof Struct.Unsigned16 ? 16
            : member instanceof Struct.Signed32 || member instanceof Struct.Unsigned32 ? 32 : 64;
    }

    /** The number's value if it is an integer, else null. */
    private static BigInteger exactInteger(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return BigInteger.valueOf(number.longValue());
        }
        if (number instanceof BigInteger big) {
            return big;
        }
        try {
            if (number instanceof Double || number instanceof Float) {
                double d = number.doubleValue();
                return Double.isFinite(d) ? new BigDecimal(d).toBigIntegerExact() : null;
            }
            BigDecimal decimal = number instanceof BigDecimal b ? b : new BigDecimal(number.toString());
            return decimal.toBigIntegerExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** A number, or the strings that Vert.x's encode() writes for NaN and the infinities. */
    private static double floating(String path, Object value, String type) {
        if (value instanceof Number number) {
            double d = number.doubleValue();
            boolean mayBeInfinite = number instanceof Double || number instanceof Float;
            if (Double.isInfinite(d) && !mayBeInfinite) {
                throw new IllegalArgumentException("\"" + path + "\": " + show(value) + " is out of range for "
                    + type);
            }
            return d;
        }
        if (value instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw wrongType(path, value, "a number (the member is " + type + "; NaN and the infinities may be the "
            + "strings \"NaN\", \"Infinity\" and \"-Infinity\")");
    }

    /** The text's UTF-8 bytes, checked as CStruct.UTF8String.set checks them, before anything is written. */
    private static byte[] utf8(String path, Object value, int size) {
        if (!(value instanceof String text)) {
            throw wrongType(path, value, "a string (the member is char[" + size + "])");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("\"" + path + "\": " + show(value)
                + " contains a NUL character, which ends a C string");
        }
        byte[] bytes;
        try {
            bytes = CStruct.utf8Strictly(text);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("\"" + path + "\": " + show(value) + " is not well-formed Unicode", e);
        }
        if (bytes.length > size) {
            throw new IllegalArgumentException("\"" + path + "\": " + show(value) + " is too long: " + bytes.length
                + " bytes in UTF-8, the member is char[" + size + "]");
        }
        return bytes;
    }

    /** The value for a message: strings quoted, long values cut. */
    private static String show(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** Reaches javolution's protected {@code Struct.Member}, which only a subclass of Struct can name. */
    private abstract static class Members extends Struct {
        private Members() {
        }

        static boolean isMemberType(Class<?> type) {
            return Member.class.isAssignableFrom(type);
        }

        static int offset(Object member) {
            return ((Member) member).offset();
        }

        static int bitLength(Object member) {
            return ((Member) member).bitLength();
        }

        static Struct struct(Object member) {
            return ((Member) member).struct();
        }
    }
}
