package dev.tcpip.struct;

import dev.tcpip.core.codec.JsonCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import javolution.io.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StructJson: structs to JSON objects and back. */
class StructJsonTest {

    // ------------------------------------------------------------------------------------------------
    // Test structs (mock-controller is not a dependency of this module: its structs are copied here)
    // ------------------------------------------------------------------------------------------------

    /** Every scalar member type, packed, little-endian. */
    public static final class Scalars extends CStruct {
        public final Bool flag = new Bool();
        public final Signed8 i8 = new Signed8();
        public final Unsigned8 u8 = new Unsigned8();
        public final Signed16 i16 = new Signed16();
        public final Unsigned16 u16 = new Unsigned16();
        public final Signed32 i32 = new Signed32();
        public final Unsigned32 u32 = new Unsigned32();
        public final Signed64 i64 = new Signed64();
        public final Unsigned64 u64 = new Unsigned64();
        public final Float32 f32 = new Float32();
        public final Float64 f64 = new Float64();
        public final UTF8String text = new UTF8String(8);
    }

    /** mock-controller's struct telemetry (65 bytes), field for field. */
    public static final class Telemetry extends CStruct {
        public final Unsigned32 counter = new Unsigned32();
        public final Float64 azimuth = new Float64();
        public final Float64 elevation = new Float64();
        public final Float64 azimuthVelocity = new Float64();
        public final Float64 elevationVelocity = new Float64();
        public final Float64 targetAzimuth = new Float64();
        public final Float64 targetElevation = new Float64();
        public final Float64 maxVelocity = new Float64();
        public final Unsigned16 telemetryHz = new Unsigned16();
        public final Unsigned16 state = new Unsigned16();
        public final Bool inPosition = new Bool();
    }

    /** mock-controller's struct ack (74 bytes). */
    public static final class Ack extends CStruct {
        public final Unsigned32 commandId = new Unsigned32();
        public final Unsigned32 commandSequence = new Unsigned32();
        public final Unsigned16 result = new Unsigned16();
        public final UTF8String text = new UTF8String(64);
    }

    /** mock-controller's struct configure_command (10 bytes). */
    public static final class ConfigureCommand extends CStruct {
        public final Float64 maxVelocity = new Float64();
        public final Unsigned16 telemetryHz = new Unsigned16();
    }

    /** struct axis. */
    public static final class Axis extends CStruct {
        public final Float64 position = new Float64();
        public final Float64 velocity = new Float64();
    }

    /** A nested struct and arrays of every kind. */
    public static final class Mount extends CStruct {
        public final Unsigned16 mode = new Unsigned16();
        public final Axis azimuth = inner(new Axis());
        public final Axis[] axes = array(new Axis[2]);
        public final Float32[] limits = array(new Float32[3]);
        public final Signed16[][] grid = array(new Signed16[2][3]);
        public final UTF8String[] names = array(new UTF8String[2], 4);
        public final Bool[] flags = array(new Bool[2]);
        public final Unsigned64[] counts = array(new Unsigned64[2]);
        public final Unsigned8 axis2Speed = new Unsigned8();
    }

    /** Not public, like a user's package-private struct; its subclass's members come after its own. */
    static class Base extends CStruct {
        public final Unsigned32 id = new Unsigned32();
    }

    /** Base's member, then its own. */
    public static final class Derived extends Base {
        public final Float64 value = new Float64();
        public final UTF8String label = new UTF8String(4);
    }

    /** Fields declared in one order and created (laid out) in the other. */
    public static final class CreatedInOtherOrder extends CStruct {
        public final Float64 declaredFirst;
        public final Unsigned8 declaredSecond;

        CreatedInOtherOrder() {
            declaredSecond = new Unsigned8();   // offset 0
            declaredFirst = new Float64();      // offset 1
        }
    }

    /** A member that is not public: reserved bytes, left out of the JSON. */
    public static final class WithReserved extends CStruct {
        public final Unsigned8 code = new Unsigned8();
        private final Unsigned8 reserved = new Unsigned8();
        public final Unsigned16 value = new Unsigned16();
        public final int notAMember = 7;

        void reserve(int b) {
            reserved.set((short) b);
        }
    }

    /** Bit fields (javolution's; not ctypes-checked): the range is the field's bits. */
    public static final class BitFields extends CStruct {
        public final Unsigned16 low = new Unsigned16(4);
        public final Unsigned16 high = new Unsigned16(12);
        public final Signed8 small = new Signed8(3);
    }

    /** A plain javolution struct, with javolution's own Bool and UTF8String. */
    static final class Plain extends Struct {
        public final Bool ok = new Bool();
        public final Unsigned16 code = new Unsigned16();
        public final UTF8String name = new UTF8String(4);
        public final Float32 ratio = new Float32();

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.LITTLE_ENDIAN;
        }

        @Override
        public boolean isPacked() {
            return true;
        }
    }

    /** For the unsupported member. */
    enum Color {
        RED, GREEN
    }

    /** javolution's Enum8: not supported. */
    static final class WithEnum extends Struct {
        public final Enum8<Color> color = new Enum8<>(Color.values());
    }

    /** A javolution union: not supported. */
    static final class Union extends Struct {
        public final Unsigned8 a = new Unsigned8();
        public final Signed8 b = new Signed8();

        @Override
        public boolean isUnion() {
            return true;
        }
    }

    /** A member field left null. */
    public static final class WithNull extends CStruct {
        public final Float64 set = new Float64();
        public Float64 notSet;
    }

    /** A field holding another struct's member. */
    public static final class Borrows extends CStruct {
        public final Float64 own = new Float64();
        public final Float64 borrowed;

        Borrows(Axis other) {
            borrowed = other.position;
        }
    }

    /** A field holding a struct that is not nested (no inner(...)). */
    public static final class Loose extends CStruct {
        public final Unsigned8 own = new Unsigned8();
        public final Axis loose = new Axis();
    }

    /** Two fields with the same JSON name. */
    public static final class SameName extends CStruct {
        public final Unsigned8 inPosition = new Unsigned8();
        public final Unsigned8 in_position = new Unsigned8();
    }

    private static String hex(Struct struct) {
        return HexFormat.of().formatHex(Structs.encode(struct).getBytes());
    }

    private static Scalars scalars() {
        Scalars s = new Scalars();
        s.flag.set(true);
        s.i8.set((byte) -128);
        s.u8.set((short) 255);
        s.i16.set((short) -32768);
        s.u16.set(65535);
        s.i32.set(Integer.MIN_VALUE);
        s.u32.set(0xFFFF_FFFFL);
        s.i64.set(Long.MIN_VALUE);
        s.u64.setUnsigned(new BigInteger("18446744073709551615"));
        s.f32.set(0.1f);
        s.f64.set(Math.PI);
        s.text.set("é€x");
        return s;
    }

    private static Mount mount() {
        Mount m = new Mount();
        m.mode.set(2);
        m.azimuth.position.set(120.5);
        m.azimuth.velocity.set(-1.25);
        m.axes[0].position.set(1.0);
        m.axes[1].velocity.set(2.0);
        m.limits[0].set(-90f);
        m.limits[2].set(90f);
        m.grid[0][1].set((short) -2);
        m.grid[1][2].set((short) 300);
        m.names[0].set("az");
        m.names[1].set("él");                        // 3 bytes of char[4]
        m.flags[1].set(true);
        m.counts[0].set(7);
        m.counts[1].set(-1L);                        // 2^64 - 1
        m.axis2Speed.set((short) 200);
        return m;
    }

    // ------------------------------------------------------------------------------------------------
    // Names and order
    // ------------------------------------------------------------------------------------------------

    @Test
    void jsonNameTurnsCamelCaseIntoSnakeCase() {
        Map<String, String> names = Map.ofEntries(
            Map.entry("azimuthVelocity", "azimuth_velocity"),
            Map.entry("inPosition", "in_position"),
            Map.entry("telemetryHz", "telemetry_hz"),
            Map.entry("text", "text"),
            Map.entry("axis2Speed", "axis2_speed"),
            Map.entry("messageId", "message_id"),
            Map.entry("aDouble", "a_double"),                  // lsst.ts.tcpip's TrivialStruct
            Map.entry("threeInts", "three_ints"),
            Map.entry("u64", "u64"),
            Map.entry("i8s", "i8s"),
            Map.entry("rawADCValue", "raw_adc_value"),
            Map.entry("URL", "url"),
            Map.entry("in_position", "in_position"),
            Map.entry("Capital", "capital"),
            Map.entry("x", "x"));
        names.forEach((java, json) -> assertEquals(json, StructJson.jsonName(java), java));
    }

    @Test
    void keysAreTheCNamesInDeclarationOrder() {
        Telemetry t = new Telemetry();
        t.counter.set(6);
        t.azimuthVelocity.set(10.0);
        t.telemetryHz.set(50);
        t.state.set(1);
        t.inPosition.set(false);
        JsonObject json = StructJson.toJson(t);
        assertEquals(List.of("counter", "azimuth", "elevation", "azimuth_velocity", "elevation_velocity",
            "target_azimuth", "target_elevation", "max_velocity", "telemetry_hz", "state", "in_position"),
            new ArrayList<>(json.fieldNames()));
        assertEquals("{\"counter\":6,\"azimuth\":0.0,\"elevation\":0.0,\"azimuth_velocity\":10.0,"
            + "\"elevation_velocity\":0.0,\"target_azimuth\":0.0,\"target_elevation\":0.0,\"max_velocity\":0.0,"
            + "\"telemetry_hz\":50,\"state\":1,\"in_position\":false}", json.encode());
    }

    @Test
    void aSuperclassesMembersComeFirstAndItNeedNotBePublic() {
        Derived d = new Derived();
        d.id.set(9);
        d.value.set(0.5);
        d.label.set("ok");
        JsonObject json = StructJson.toJson(d);
        assertEquals("{\"id\":9,\"value\":0.5,\"label\":\"ok\"}", json.encode());
        Derived back = StructJson.fill(new Derived(), json);
        assertEquals(hex(d), hex(back));
    }

    @Test
    void theOrderIsTheLayoutsWhenFieldsAreCreatedInAnotherOrder() {
        CreatedInOtherOrder s = new CreatedInOtherOrder();
        assertEquals(0, s.declaredSecond.offset());
        assertEquals(1, s.declaredFirst.offset());
        assertEquals(List.of("declared_second", "declared_first"),
            new ArrayList<>(StructJson.toJson(s).fieldNames()), "the C order: offsets");
    }

    @Test
    void nonPublicAndNonMemberFieldsAreLeftOut() {
        WithReserved s = new WithReserved();
        s.code.set((short) 1);
        s.reserve(0xAA);
        s.value.set(2);
        JsonObject json = StructJson.toJson(s);
        assertEquals("{\"code\":1,\"value\":2}", json.encode());

        WithReserved filled = StructJson.fill(new WithReserved(), json);
        assertEquals("01" + "00" + "0200", hex(filled), "the reserved byte is left as it was");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StructJson.fill(new WithReserved(), new JsonObject().put("reserved", 1)));
        assertTrue(e.getMessage().contains("no such member"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------------
    // Member types, both ways
    // ------------------------------------------------------------------------------------------------

    @Test
    void toJsonGivesEveryScalarType() {
        JsonObject json = StructJson.toJson(scalars());
        assertEquals(Boolean.TRUE, json.getValue("flag"));
        assertEquals(Integer.valueOf(-128), json.getValue("i8"));
        assertEquals(Integer.valueOf(255), json.getValue("u8"));
        assertEquals(Integer.valueOf(-32768), json.getValue("i16"));
        assertEquals(Integer.valueOf(65535), json.getValue("u16"));
        assertEquals(Integer.valueOf(Integer.MIN_VALUE), json.getValue("i32"));
        assertEquals(Long.valueOf(0xFFFF_FFFFL), json.getValue("u32"));
        assertEquals(Long.valueOf(Long.MIN_VALUE), json.getValue("i64"));
        assertEquals(new BigInteger("18446744073709551615"), json.getValue("u64"));
        assertEquals(Float.valueOf(0.1f), json.getValue("f32"));
        assertEquals(Double.valueOf(Math.PI), json.getValue("f64"));
        assertEquals("é€x", json.getValue("text"));
        assertEquals("{\"flag\":true,\"i8\":-128,\"u8\":255,\"i16\":-32768,\"u16\":65535,\"i32\":-2147483648,"
            + "\"u32\":4294967295,\"i64\":-9223372036854775808,\"u64\":18446744073709551615,\"f32\":0.1,"
            + "\"f64\":3.141592653589793,\"text\":\"é€x\"}", json.encode());
    }

    @Test
    void fillSetsEveryScalarType() {
        Scalars s = StructJson.fill(new Scalars(), new JsonObject()
            .put("flag", true)
            .put("i8", -128)
            .put("u8", 255)
            .put("i16", -32768)
            .put("u16", 65535)
            .put("i32", Integer.MIN_VALUE)
            .put("u32", 4294967295L)
            .put("i64", Long.MIN_VALUE)
            .put("u64", new BigInteger("18446744073709551615"))
            .put("f32", 0.1)                     // a double: the nearest float
            .put("f64", Math.PI)
            .put("text", "é€x"));
        assertTrue(s.flag.get());
        assertEquals(-128, s.i8.get());
        assertEquals(255, s.u8.get());
        assertEquals(-32768, s.i16.get());
        assertEquals(65535, s.u16.get());
        assertEquals(Integer.MIN_VALUE, s.i32.get());
        assertEquals(0xFFFF_FFFFL, s.u32.get());
        assertEquals(Long.MIN_VALUE, s.i64.get());
        assertEquals(-1L, s.u64.get());
        assertEquals(0.1f, s.f32.get());
        assertEquals(Math.PI, s.f64.get());
        assertEquals("é€x", s.text.get());
        assertEquals(hex(scalars()), hex(s));
    }

    @Test
    void unsigned64IsALongUpTo2To63MinusOneThenABigIntegerNeverNegative() {
        Scalars s = new Scalars();
        s.u64.set(Long.MAX_VALUE);
        assertEquals(Long.valueOf(Long.MAX_VALUE), StructJson.toJson(s).getValue("u64"));
        s.u64.set(Long.MIN_VALUE);                              // 2^63: get() is negative
        assertEquals(new BigInteger("9223372036854775808"), StructJson.toJson(s).getValue("u64"));
        assertEquals("9223372036854775808", JsonCodec.encode(StructJson.toJson(s).getValue("u64")));
        assertEquals(Long.MIN_VALUE, StructJson.toJson(s).getLong("u64"), "getLong gives get()'s signed bits");

        // fill takes the unsigned value, as a Long or a BigInteger, and what encode() and decode give back
        for (Object value : List.of(new BigInteger("9223372036854775808"), new BigInteger("18446744073709551615"),
                0L, 5, Long.MAX_VALUE)) {
            Scalars filled = StructJson.fill(new Scalars(), new JsonObject().put("u64", value));
            assertEquals(new BigInteger(value.toString()), filled.u64.getUnsigned(), value.toString());
            Scalars decoded = StructJson.fill(new Scalars(), new JsonObject(StructJson.toJson(filled).encode()));
            assertEquals(hex(filled), hex(decoded), value.toString());
        }
    }

    @Test
    void integerMembersTakeNumbersWithoutAFractionalPart() {
        Scalars s = StructJson.fill(new Scalars(), new JsonObject()
            .put("u16", 3.0)
            .put("i64", new BigInteger("-5"))
            .put("u32", (short) 7)
            .put("i8", 1e2f)
            .put("u64", new java.math.BigDecimal("1.0E19")));
        assertEquals(3, s.u16.get());
        assertEquals(-5, s.i64.get());
        assertEquals(7, s.u32.get());
        assertEquals(100, s.i8.get());
        assertEquals(new BigInteger("10000000000000000000"), s.u64.getUnsigned());
    }

    @Test
    void nestedStructsAndArraysBothWays() {
        Mount m = mount();
        JsonObject json = StructJson.toJson(m);
        assertEquals(new JsonObject()
            .put("mode", 2)
            .put("azimuth", new JsonObject().put("position", 120.5).put("velocity", -1.25))
            .put("axes", new JsonArray()
                .add(new JsonObject().put("position", 1.0).put("velocity", 0.0))
                .add(new JsonObject().put("position", 0.0).put("velocity", 2.0)))
            .put("limits", new JsonArray().add(-90f).add(0f).add(90f))
            .put("grid", new JsonArray().add(new JsonArray().add(0).add(-2).add(0)).add(new JsonArray().add(0).add(0).add(300)))
            .put("names", new JsonArray().add("az").add("él"))
            .put("flags", new JsonArray().add(false).add(true))
            .put("counts", new JsonArray().add(7L).add(new BigInteger("18446744073709551615")))
            .put("axis2_speed", 200), json);
        assertEquals("{\"mode\":2,\"azimuth\":{\"position\":120.5,\"velocity\":-1.25},"
            + "\"axes\":[{\"position\":1.0,\"velocity\":0.0},{\"position\":0.0,\"velocity\":2.0}],"
            + "\"limits\":[-90.0,0.0,90.0],\"grid\":[[0,-2,0],[0,0,300]],\"names\":[\"az\",\"él\"],"
            + "\"flags\":[false,true],\"counts\":[7,18446744073709551615],\"axis2_speed\":200}", json.encode());
        assertTrue(json.getValue("axes") instanceof JsonArray);
        assertTrue(json.getJsonArray("axes").getValue(0) instanceof JsonObject);

        Mount back = StructJson.fill(new Mount(), json);
        assertEquals(hex(m), hex(back));
    }

    @Test
    void fillTakesNestedObjectsPartlyAndMapsAndListsToo() {
        Mount m = mount();
        StructJson.fill(m, new JsonObject()
            .put("azimuth", Map.of("velocity", 3.5))                       // a Map: position stays
            .put("axes", List.of(Map.of(), Map.of("position", 4.0)))       // {} leaves axes[0] alone
            .put("grid", List.of(List.of(1, 2, 3), List.of(4, 5, 6))));
        assertEquals(120.5, m.azimuth.position.get());
        assertEquals(3.5, m.azimuth.velocity.get());
        assertEquals(1.0, m.axes[0].position.get());
        assertEquals(4.0, m.axes[1].position.get());
        assertEquals(2.0, m.axes[1].velocity.get());
        assertEquals(6, m.grid[1][2].get());
        assertEquals("az", m.names[0].get(), "absent: unchanged");
    }

    @Test
    void absentKeysLeaveTheirMembersAsTheyAre() {
        Scalars before = scalars();
        Scalars s = scalars();
        assertSame(s, StructJson.fill(s, new JsonObject()));
        assertEquals(hex(before), hex(s));
        StructJson.fill(s, new JsonObject().put("u16", 1));
        before.u16.set(1);
        assertEquals(hex(before), hex(s));
    }

    @Test
    void mockControllerMessagesBothWays() {
        Ack ack = new Ack();
        ack.commandId.set(1);
        ack.commandSequence.set(1);
        ack.text.set("moving to az 120.000 el 45.000");
        assertEquals("{\"command_id\":1,\"command_sequence\":1,\"result\":0,\"text\":\"moving to az 120.000 el 45.000\"}",
            StructJson.toJson(ack).encode());

        ConfigureCommand c = StructJson.fill(new ConfigureCommand(),
            new JsonObject("{\"max_velocity\": 12.5, \"telemetry_hz\": 20}"));
        assertEquals(12.5, c.maxVelocity.get());
        assertEquals(20, c.telemetryHz.get());
        assertEquals("0000000000002940" + "1400", hex(c));
    }

    // ------------------------------------------------------------------------------------------------
    // NaN and infinities
    // ------------------------------------------------------------------------------------------------

    @Test
    void nanAndInfinitiesAreNumbersInTheObjectStringsInEncodeAndBareInJsonCodec() {
        Scalars s = new Scalars();
        s.f32.set(Float.NEGATIVE_INFINITY);
        s.f64.set(Double.NaN);
        JsonObject json = StructJson.toJson(s);
        assertEquals(Float.valueOf(Float.NEGATIVE_INFINITY), json.getValue("f32"));
        assertTrue(Double.isNaN(json.getDouble("f64")));
        assertTrue(json.encode().contains("\"f32\":\"-Infinity\",\"f64\":\"NaN\""), json.encode());
        assertTrue(JsonCodec.encode(json).contains("\"f32\":-Infinity,\"f64\":NaN"), JsonCodec.encode(json));

        // fill takes all three forms: the numbers, encode()'s strings, JsonCodec's bare words
        JsonObject fromEncode = new JsonObject(json.encode());
        assertEquals("NaN", fromEncode.getValue("f64"));
        JsonObject fromCodec = (JsonObject) JsonCodec.decode(JsonCodec.encode(json));
        assertTrue(fromCodec.getValue("f64") instanceof Double);
        for (JsonObject form : List.of(json, fromEncode, fromCodec)) {
            Scalars back = StructJson.fill(new Scalars(), form);
            assertEquals(hex(s), hex(back), form.toString());
        }
        Scalars plus = StructJson.fill(new Scalars(), new JsonObject().put("f32", "Infinity").put("f64", "-Infinity"));
        assertEquals(Float.POSITIVE_INFINITY, plus.f32.get());
        assertEquals(Double.NEGATIVE_INFINITY, plus.f64.get());
    }

    // ------------------------------------------------------------------------------------------------
    // Round trips
    // ------------------------------------------------------------------------------------------------

    @Test
    void aRoundTripGivesEqualBytes() {
        for (Struct s : List.<Struct>of(scalars(), mount(), new Scalars(), new Mount(), new Telemetry())) {
            Struct fresh = newInstance(s);
            StructJson.fill(fresh, StructJson.toJson(s));
            assertEquals(hex(s), hex(fresh), s.getClass().getSimpleName());

            Struct viaText = newInstance(s);
            StructJson.fill(viaText, new JsonObject(StructJson.toJson(s).encode()));
            assertEquals(hex(s), hex(viaText), s.getClass().getSimpleName() + " through encode()");

            Struct viaCodec = newInstance(s);
            StructJson.fill(viaCodec, (JsonObject) JsonCodec.decode(JsonCodec.encode(StructJson.toJson(s))));
            assertEquals(hex(s), hex(viaCodec), s.getClass().getSimpleName() + " through JsonCodec");
        }
    }

    @Test
    void randomValuesMakeTheRoundTrip() {
        Random random = new Random(20240611);
        for (int i = 0; i < 500; i++) {
            Scalars s = new Scalars();
            s.flag.set(random.nextBoolean());
            s.i8.set((byte) random.nextInt());
            s.u8.set((short) (random.nextInt() & 0xFF));
            s.i16.set((short) random.nextInt());
            s.u16.set(random.nextInt() & 0xFFFF);
            s.i32.set(random.nextInt());
            s.u32.set(random.nextInt() & 0xFFFF_FFFFL);
            s.i64.set(random.nextLong());
            s.u64.set(random.nextLong());
            float f = Float.intBitsToFloat(random.nextInt());
            s.f32.set(Float.isNaN(f) ? Float.NaN : f);          // a NaN comes back as Java's NaN, payload lost
            double d = Double.longBitsToDouble(random.nextLong());
            s.f64.set(Double.isNaN(d) ? Double.NaN : d);
            s.text.set(Integer.toString(random.nextInt(), 36));
            Scalars back = StructJson.fill(new Scalars(), new JsonObject(StructJson.toJson(s).encode()));
            assertEquals(hex(s), hex(back), "sample " + i);
        }
    }

    private static Struct newInstance(Struct s) {
        try {
            return s.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Errors
    // ------------------------------------------------------------------------------------------------

    static Stream<Arguments> refused() {
        return Stream.of(
            // a key the struct does not have
            Arguments.of(new JsonObject().put("speed", 3), "\"speed\": 3: no such member in Scalars"),
            Arguments.of(new JsonObject().put("inPosition", true), "\"inPosition\": true: no such member"),
            // the wrong type
            Arguments.of(new JsonObject().put("u16", "3"), "\"u16\": \"3\" is not a number (the member is uint16_t)"),
            Arguments.of(new JsonObject().put("flag", 1), "\"flag\": 1 is not a boolean"),
            Arguments.of(new JsonObject().put("flag", "true"), "\"flag\": \"true\" is not a boolean"),
            Arguments.of(new JsonObject().putNull("f64"), "\"f64\": null is not a number"),
            Arguments.of(new JsonObject().put("text", 5), "\"text\": 5 is not a string (the member is char[8])"),
            Arguments.of(new JsonObject().put("f32", "fast"), "\"f32\": \"fast\" is not a number"),
            Arguments.of(new JsonObject().put("f64", true), "\"f64\": true is not a number"),
            Arguments.of(new JsonObject().put("i32", new JsonArray().add(1)), "\"i32\": [1] is not a number"),
            Arguments.of(new JsonObject().put("u16", 2.5), "\"u16\": 2.5 is not an integer (the member is uint16_t)"),
            Arguments.of(new JsonObject().put("i64", Double.NaN), "\"i64\": NaN is not an integer"),
            // out of range
            Arguments.of(new JsonObject().put("u16", 70000), "\"u16\": 70000 is out of range for uint16_t (0 to 65535)"),
            Arguments.of(new JsonObject().put("u8", -1), "\"u8\": -1 is out of range for uint8_t (0 to 255)"),
            Arguments.of(new JsonObject().put("u32", -1), "\"u32\": -1 is out of range for uint32_t (0 to 4294967295)"),
            Arguments.of(new JsonObject().put("u64", -1), "\"u64\": -1 is out of range for uint64_t (0 to 18446744073709551615)"),
            Arguments.of(new JsonObject().put("u64", new BigInteger("18446744073709551616")),
                "\"u64\": 18446744073709551616 is out of range for uint64_t"),
            Arguments.of(new JsonObject().put("i8", 128), "\"i8\": 128 is out of range for int8_t (-128 to 127)"),
            Arguments.of(new JsonObject().put("i16", -32769), "\"i16\": -32769 is out of range for int16_t (-32768 to 32767)"),
            Arguments.of(new JsonObject().put("i32", 2147483648L), "\"i32\": 2147483648 is out of range for int32_t"),
            Arguments.of(new JsonObject().put("i64", new BigInteger("9223372036854775808")),
                "\"i64\": 9223372036854775808 is out of range for int64_t"),
            Arguments.of(new JsonObject().put("f32", 1e39), "\"f32\": 1.0E39 is out of range for float"),
            Arguments.of(new JsonObject().put("f64", BigInteger.TEN.pow(400)), "is out of range for double"),
            // strings: too long (not cut), NUL, not well-formed
            Arguments.of(new JsonObject().put("text", "TRACKING!"),
                "\"text\": \"TRACKING!\" is too long: 9 bytes in UTF-8, the member is char[8]"),
            Arguments.of(new JsonObject().put("text", "ÉTALONNÉ"), "\"text\": \"ÉTALONNÉ\" is too long: 10 bytes"),
            Arguments.of(new JsonObject().put("text", "a\0b"), "contains a NUL character"),
            Arguments.of(new JsonObject().put("text", "a\uD800"), "is not well-formed Unicode"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refused")
    void fillRefusesNamingTheKeyAndTheValue(JsonObject json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StructJson.fill(new Scalars(), json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    static Stream<Arguments> refusedNested() {
        return Stream.of(
            Arguments.of(new JsonObject().put("axes", new JsonArray().add(new JsonObject()).add(new JsonObject().put("speed", 1))),
                "\"axes[1].speed\": 1: no such member in Axis (its members: position, velocity)"),
            Arguments.of(new JsonObject().put("azimuth", new JsonObject().put("position", "far")),
                "\"azimuth.position\": \"far\" is not a number"),
            Arguments.of(new JsonObject().put("azimuth", 1.0), "\"azimuth\": 1.0 is not an object (struct Axis)"),
            Arguments.of(new JsonObject().put("axes", new JsonArray().add(new JsonObject())),
                "\"axes\": [{}] has 1 elements, the member has 2"),
            Arguments.of(new JsonObject().put("axes", new JsonObject()), "\"axes\": {} is not an array of 2"),
            Arguments.of(new JsonObject().put("axes", new JsonArray().add(new JsonObject()).add(3)),
                "\"axes[1]\": 3 is not an object (struct Axis)"),
            Arguments.of(new JsonObject().put("grid", new JsonArray().add(new JsonArray().add(1).add(2).add(3))
                .add(new JsonArray().add(1).add(2).add(32768))), "\"grid[1][2]\": 32768 is out of range for int16_t"),
            Arguments.of(new JsonObject().put("names", new JsonArray().add("az").add("élév")),
                "\"names[1]\": \"élév\" is too long: 6 bytes in UTF-8, the member is char[4]"),
            Arguments.of(new JsonObject().put("flags", new JsonArray().add(true).addNull()), "\"flags[1]\": null is not a boolean"),
            Arguments.of(new JsonObject().put("counts", new JsonArray().add(1).add(-1)),
                "\"counts[1]\": -1 is out of range for uint64_t"),
            Arguments.of(new JsonObject().put("axis2Speed", 1), "\"axis2Speed\": 1: no such member in Mount"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusedNested")
    void fillRefusesNamingThePathInNestedStructsAndArrays(JsonObject json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StructJson.fill(new Mount(), json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aRefusedFillChangesNothing() {
        Mount m = mount();
        String before = hex(m);
        JsonObject json = new JsonObject()
            .put("mode", 7)                                                        // fine
            .put("azimuth", new JsonObject().put("position", 1.0))                 // fine
            .put("names", new JsonArray().add("ok").add("much too long"));          // refused
        assertThrows(IllegalArgumentException.class, () -> StructJson.fill(m, json));
        assertEquals(before, hex(m));
    }

    @Test
    void aLongValueIsCutInTheMessage() {
        String text = "x".repeat(200);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StructJson.fill(new Scalars(), new JsonObject().put("text", text)));
        assertTrue(e.getMessage().startsWith("\"text\": \"" + "x".repeat(76) + "..."), e.getMessage());
        assertTrue(e.getMessage().contains("200 bytes in UTF-8"), e.getMessage());
    }

    @Test
    void invalidUtf8InAStringFieldFailsToJsonNamingTheKey() {
        Scalars s = new Scalars();
        s.text.setBytes(new byte[] {'a', (byte) 0xFF});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StructJson.toJson(s));
        assertTrue(e.getMessage().startsWith("text: "), e.getMessage());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void bitFieldsTakeTheRangeOfTheirBits() {
        BitFields b = StructJson.fill(new BitFields(), new JsonObject().put("low", 15).put("high", 4095).put("small", -4));
        assertEquals(new JsonObject().put("low", 15).put("high", 4095).put("small", -4), StructJson.toJson(b));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StructJson.fill(new BitFields(), new JsonObject().put("low", 16)));
        assertTrue(e.getMessage().contains("\"low\": 16 is out of range for uint16_t:4 (0 to 15)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> StructJson.fill(new BitFields(), new JsonObject().put("small", 4)));
        assertTrue(e.getMessage().contains("int8_t:3 (-4 to 3)"), e.getMessage());
        assertEquals(4, b.small.get(), "javolution reads the bits 100 without their sign; C, and toJson, read -4");
    }

    @Test
    void javolutionsOwnMembersWorkToo() {
        Plain p = StructJson.fill(new Plain(), new JsonObject().put("ok", true).put("code", 513).put("name", "abc")
            .put("ratio", 0.5));
        assertEquals(new JsonObject().put("ok", true).put("code", 513).put("name", "abc").put("ratio", 0.5f),
            StructJson.toJson(p));
        assertEquals("ff" + "0102" + "61626300" + "0000003f", hex(p), "javolution's Bool writes 0xFF");
        assertEquals("abcd", StructJson.toJson(StructJson.fill(new Plain(), new JsonObject().put("name", "abcd")))
            .getString("name"), "4 ASCII characters: no terminator, as javolution writes them");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StructJson.fill(new Plain(), new JsonObject().put("name", "éé")));
        assertTrue(e.getMessage().contains("would follow with a zero byte past its field"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> StructJson.fill(new Plain(), new JsonObject().put("name", "abcde")));
        assertTrue(e.getMessage().contains("is too long: 5 bytes in UTF-8, the member is char[4]"), e.getMessage());
    }

    @Test
    void structsThatCannotBeMappedAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StructJson.toJson(new WithEnum()));
        assertTrue(e.getMessage().contains("color: members of type javolution.io.Struct$Enum8 are not supported"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StructJson.toJson(new Union()));
        assertTrue(e.getMessage().contains("Union is a union"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StructJson.toJson(new WithNull()));
        assertTrue(e.getMessage().contains("not_set: the field is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StructJson.toJson(new Borrows(new Axis())));
        assertTrue(e.getMessage().contains("borrowed: the field holds a member of another struct"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StructJson.fill(new Loose(), new JsonObject()));
        assertTrue(e.getMessage().contains("loose: the field holds a Axis that is not nested in this Loose"),
            e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StructJson.toJson(new SameName()));
        assertTrue(e.getMessage().contains("fields SameName.inPosition and SameName.in_position have the same JSON name "
            + "\"in_position\""), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }

    @Test
    void argumentsMustNotBeNull() {
        assertThrows(NullPointerException.class, () -> StructJson.toJson(null));
        assertThrows(NullPointerException.class, () -> StructJson.fill(null, new JsonObject()));
        assertThrows(NullPointerException.class, () -> StructJson.fill(new Scalars(), null));
        assertThrows(NullPointerException.class, () -> StructJson.jsonName(null));
    }

    @Test
    void theStructIsReadNotChangedByToJson() {
        Mount m = mount();
        String before = hex(m);
        StructJson.toJson(m);
        assertEquals(before, hex(m));
        assertArrayEquals(Structs.encode(m).getBytes(),
            Structs.encode(StructJson.fill(new Mount(), StructJson.toJson(m))).getBytes());
    }
}
