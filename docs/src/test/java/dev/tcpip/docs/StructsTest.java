package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.core.codec.JsonCodec;
import dev.tcpip.struct.CStruct;
import dev.tcpip.struct.StructJson;
import dev.tcpip.struct.Structs;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.Await.awaitNext;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The examples and claims of docs/structs.md, except the message protocol (see MessageProtocolTest). */
@ExtendWith(VertxExtension.class)
class StructsTest {

    // tag::struct-telemetry[]
    /** struct axis: 16 bytes. */
    public static final class Axis extends CStruct {
        public final Float64 position = new Float64();          // deg
        public final Float64 velocity = new Float64();          // deg/s
    }

    /** struct telemetry: 55 bytes, packed, little-endian. */
    public static final class Telemetry extends CStruct {
        public final Float64 timestamp = new Float64();         // Unix seconds
        public final Axis[] axes = array(new Axis[2]);          // azimuth, elevation
        public final Float32 temperature = new Float32();       // deg C
        public final Unsigned16 status = new Unsigned16();
        public final Bool inPosition = new Bool();
        public final UTF8String mode = new UTF8String(8);       // char mode[8]
    }
    // end::struct-telemetry[]

    // tag::struct-aligned[]
    /** struct setpoint { uint8_t axis; double value; bool enabled; uint16_t code; }, naturally aligned. */
    public static final class AlignedSetpoint extends CStruct {
        public final Unsigned8 axis = new Unsigned8();          // offset 0, then 7 bytes of padding
        public final Float64 value = new Float64();             // offset 8
        public final Bool enabled = new Bool();                 // offset 16, then 1 byte of padding
        public final Unsigned16 code = new Unsigned16();        // offset 18, then 4: 24 bytes in all

        @Override
        public boolean isPacked() {
            return false;                                       // a ctypes.Structure without _pack_
        }
    }
    // end::struct-aligned[]

    /** The same fields, packed (the default). */
    public static final class Setpoint extends CStruct {
        public final Unsigned8 axis = new Unsigned8();
        public final Float64 value = new Float64();
        public final Bool enabled = new Bool();
        public final Unsigned16 code = new Unsigned16();
    }

    // tag::struct-big-endian[]
    /** As a ctypes.BigEndianStructure with _pack_ = 1: network byte order. */
    public static final class NetworkStatus extends CStruct {
        public final Unsigned32 sequence = new Unsigned32();
        public final NetworkAxis azimuth = inner(new NetworkAxis());  // nested: declares big-endian too

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    /** struct axis in network order (a ctypes BigEndianStructure too). */
    public static final class NetworkAxis extends CStruct {
        public final Float64 position = new Float64();
        public final Float64 velocity = new Float64();

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }
    // end::struct-big-endian[]

    /** The wrong way: a little-endian Axis nested in a big-endian struct. */
    public static final class MixesByteOrders extends CStruct {
        public final Axis azimuth = inner(new Axis());

        @Override
        public ByteOrder byteOrder() {
            return ByteOrder.BIG_ENDIAN;
        }
    }

    /** A packed struct holding an aligned one. */
    public static final class PackedHoldsAligned extends CStruct {
        public final Unsigned8 flag = new Unsigned8();
        public final AlignedSetpoint setpoint = inner(new AlignedSetpoint());
    }

    /** The wrong way: isPacked() answers from a field that is not yet set while the members are laid out. */
    public static final class PackedIfAsked extends CStruct {
        private final boolean packed;
        public final Unsigned8 axis = new Unsigned8();
        public final Float64 value = new Float64();

        PackedIfAsked(boolean packed) {
            this.packed = packed;
        }

        @Override
        public boolean isPacked() {
            return packed;
        }
    }

    // tag::struct-unsigned64[]
    /** struct counter { uint64_t ticks; }. */
    public static final class Counter extends CStruct {
        public final Unsigned64 ticks = new Unsigned64();       // c_uint64
    }
    // end::struct-unsigned64[]

    /** Not public: cannot be the element of a struct array. */
    static final class Hidden extends CStruct {
        public final Unsigned8 x = new Unsigned8();
    }

    /** Works: array() creates package-private elements too. */
    public static final class HoldsHidden extends CStruct {
        public final Hidden[] hidden = array(new Hidden[2]);
    }

    /** An element class that array() cannot create. */
    public static final class Scaled extends CStruct {
        public final Float64 value = new Float64();

        Scaled(double scale) {
            value.set(scale);
        }
    }

    /** Fails when constructed. */
    public static final class HoldsScaled extends CStruct {
        public final Scaled[] values = array(new Scaled[2]);
    }

    private static String hex(Buffer bytes) {
        return HexFormat.of().formatHex(bytes.getBytes());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The telemetry that the page's Python code fills in the same way. */
    static Telemetry sampleTelemetry() {
        Telemetry t = new Telemetry();
        t.timestamp.set(1_700_000_000.25);
        t.axes[0].position.set(120.5);
        t.axes[0].velocity.set(-0.5);
        t.axes[1].position.set(45.0);
        t.axes[1].velocity.set(0.25);
        t.temperature.set(11.5f);
        t.status.set(0x0102);
        t.inPosition.set(true);
        t.mode.set("TRACK");
        return t;
    }

    static final String SAMPLE_TELEMETRY_PYTHON = String.join("\n",
        "t = Telemetry()",
        "t.timestamp = 1700000000.25",
        "t.axes[0].position = 120.5",
        "t.axes[0].velocity = -0.5",
        "t.axes[1].position = 45.0",
        "t.axes[1].velocity = 0.25",
        "t.temperature = 11.5",
        "t.status = 0x0102",
        "t.in_position = True",
        "t.mode = 'TRACK'.encode()",
        "");

    // The layout.

    @Test
    void telemetryHasTheLayoutOfTheCStruct() {
        Telemetry t = new Telemetry();
        assertEquals(55, t.size());
        assertEquals(0, t.timestamp.offset());
        assertEquals(8, t.axes[0].getByteBufferPosition());
        assertEquals(24, t.axes[1].getByteBufferPosition());
        assertEquals(40, t.temperature.offset());
        assertEquals(44, t.status.offset());
        assertEquals(46, t.inPosition.offset());
        assertEquals(47, t.mode.offset());
        assertEquals(8, t.mode.size());
    }

    @Test
    void thePythonClassOnThePageHoldsTheSameBytes() throws Exception {
        String python = Ctypes.pythonBlock("structs.md", "class Telemetry(")
            + SAMPLE_TELEMETRY_PYTHON
            + "print(ctypes.sizeof(Telemetry), bytes(t).hex())\n";
        String java = "55 " + hex(Structs.encode(sampleTelemetry()));
        assertEquals(java, Ctypes.run(python));
    }

    @Test
    void aStructArrayNeedsElementsWithAConstructorWithoutArguments() {
        assertEquals(2, new HoldsHidden().size(), "package-private elements are fine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, HoldsScaled::new);
        assertTrue(e.getMessage().contains("Scaled has no constructor without arguments"), e.getMessage());
        Scaled[] filled = {new Scaled(1), new Scaled(2)};
        assertEquals(16, new CStruct() {
            public final Scaled[] values = array(filled);
        }.size(), "an array filled by hand needs no such constructor");
    }

    @Test
    void settersWriteTheLowBitsAndBoolReadsAnyNonZeroByteAsTrue() {
        Ack32 s = new Ack32();
        s.value.set(0x1_0000_0001L);
        assertEquals(1, s.value.get(), "2^32 + 1 stores 1");
        Structs.decode(Buffer.buffer(new byte[] {0, 0, 0, 0, 2}), 0, s);
        assertTrue(s.flag.get(), "0x02 reads as true");
    }

    /** A uint32_t and a bool. */
    public static final class Ack32 extends CStruct {
        public final Unsigned32 value = new Unsigned32();
        public final Bool flag = new Bool();
    }

    // Packing and byte order.

    @Test
    void naturalAlignmentPadsAsC() throws Exception {
        AlignedSetpoint aligned = new AlignedSetpoint();
        aligned.axis.set((short) 1);
        aligned.value.set(2.0);
        aligned.enabled.set(true);
        aligned.code.set(0x0304);
        assertEquals(24, aligned.size());
        assertEquals(Arrays.asList(0, 8, 16, 18), Arrays.asList(aligned.axis.offset(), aligned.value.offset(),
            aligned.enabled.offset(), aligned.code.offset()));
        assertEquals("01000000000000000000000000000040" + "0100" + "0403" + "00000000", hex(Structs.encode(aligned)));

        Setpoint packed = new Setpoint();
        assertEquals(12, packed.size());
        assertEquals(Arrays.asList(0, 1, 9, 10), Arrays.asList(packed.axis.offset(), packed.value.offset(),
            packed.enabled.offset(), packed.code.offset()));

        String fields = "_fields_ = [('axis', c_uint8), ('value', c_double), ('enabled', c_bool), ('code', c_uint16)]";
        assertEquals("24 0 8 16 18 12 0 1 9 10", Ctypes.run(String.join("\n",
            "from ctypes import *",
            "class Aligned(Structure):",
            "    " + fields,
            "class Packed(Structure):",
            "    _pack_ = 1",
            "    " + fields,
            "print(*[n for S in (Aligned, Packed) for n in",
            "        (sizeof(S), S.axis.offset, S.value.offset, S.enabled.offset, S.code.offset)])")));
    }

    @Test
    void packingIsEachStructsOwn() throws Exception {
        PackedHoldsAligned s = new PackedHoldsAligned();
        assertEquals(1, s.setpoint.getByteBufferPosition(), "placed without padding...");
        assertEquals(25, s.size(), "...but padded inside");
        assertEquals("1 25", Ctypes.run(String.join("\n",
            "from ctypes import *",
            "class Aligned(Structure):",
            "    _fields_ = [('axis', c_uint8), ('value', c_double), ('enabled', c_bool), ('code', c_uint16)]",
            "class Outer(Structure):",
            "    _pack_ = 1",
            "    _fields_ = [('flag', c_uint8), ('setpoint', Aligned)]",
            "print(Outer.setpoint.offset, sizeof(Outer))")));
    }

    @Test
    void bigEndianStructsNestBigEndianStructs() {
        NetworkStatus s = new NetworkStatus();
        s.sequence.set(0x01020304L);
        s.azimuth.position.set(1.0);
        assertEquals("01020304" + "3ff0000000000000" + "0000000000000000", hex(Structs.encode(s)));

        Axis littleEndian = new Axis();
        littleEndian.position.set(1.0);
        assertEquals("000000000000f03f" + "0000000000000000", hex(Structs.encode(littleEndian)));
    }

    @Test
    void nestingAStructOfTheOtherByteOrderIsRefused() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, MixesByteOrders::new);
        assertTrue(e.getMessage().contains("Axis is LITTLE_ENDIAN but MixesByteOrders, which nests it, is BIG_ENDIAN"),
            e.getMessage());
        // Why refuse: ctypes keeps a nested struct's own byte order, which javolution cannot do.
        assertEquals("0201", Ctypes.run(String.join("\n",
            "from ctypes import *",
            "class Code(LittleEndianStructure):",
            "    _fields_ = [('code', c_uint16)]",
            "class Outer(BigEndianStructure):",
            "    _fields_ = [('inner', Code)]",
            "o = Outer()",
            "o.inner.code = 0x0102",
            "print(bytes(o).hex())")));
    }

    @Test
    void isPackedMustReturnAConstant() {
        PackedIfAsked s = new PackedIfAsked(true);
        assertEquals(16, s.size(), "laid out aligned although constructed with packed = true");
        assertEquals(8, s.value.offset());
    }

    // Strings, booleans and uint64_t.

    @Test
    void stringsAndBooleans() {
        // tag::struct-strings[]
        Telemetry t = new Telemetry();
        t.inPosition.set(true);                     // writes 0x01, as C and ctypes do
        t.mode.set("SLEW→");                        // 4 + 3 = 7 bytes of UTF-8, then one zero byte
        String slewing = t.mode.get();              // "SLEW→": up to the first zero byte
        t.mode.set("TRACKING");                     // exactly 8 bytes: no terminating zero
        String tracking = t.mode.get();             // "TRACKING": up to the end of the field
        assertThrows(IllegalArgumentException.class,
            () -> t.mode.set("ÉTALONNÉ"));          // 8 characters but 10 bytes: refused
        // end::struct-strings[]
        Buffer bytes = Structs.encode(t);
        assertEquals(1, bytes.getByte(46));
        assertEquals("SLEW→", slewing);
        assertEquals("TRACKING", tracking);
        assertEquals("TRACKING", t.mode.get(), "the refused text left the field alone");
        assertEquals(hex("TRACKING".getBytes(StandardCharsets.US_ASCII)), hex(bytes.getBytes(47, 55)));
        t.mode.set("SLEW→");
        assertEquals("534c4557e28692" + "00", hex(Structs.encode(t).getBytes(47, 55)));
        t.mode.set("ab");
        assertEquals("6162" + "000000000000", hex(Structs.encode(t).getBytes(47, 55)), "zero-filled");
        assertThrows(IllegalArgumentException.class, () -> t.mode.set("a\0b"), "a NUL would end a C string");
        assertThrows(IllegalArgumentException.class, () -> t.mode.set("a\uD800"), "an unpaired surrogate");
    }

    @Test
    void aReusedStringFieldIsZeroFilledWhereCtypesKeepsTheOldBytes() throws Exception {
        Telemetry t = new Telemetry();
        t.mode.set("TRACKING");
        t.mode.set("ab");
        assertEquals("6162000000000000", hex(Structs.encode(t).getBytes(47, 55)));
        assertEquals("616200434b494e47", Ctypes.run(String.join("\n",
            "from ctypes import *",
            "class S(Structure):",
            "    _fields_ = [('mode', c_char * 8)]",
            "s = S()",
            "s.mode = b'TRACKING'",
            "s.mode = b'ab'",
            "print(bytes(s).hex())")), "ctypes writes one zero and keeps the rest");
    }

    @Test
    void otherEncodings() {
        Telemetry t = new Telemetry();
        // tag::struct-string-bytes[]
        t.mode.setBytes("Peñón".getBytes(StandardCharsets.ISO_8859_1));      // 5 bytes, then zeros
        String mode = new String(t.mode.getBytes(), StandardCharsets.ISO_8859_1);
        // end::struct-string-bytes[]
        assertEquals("Peñón", mode);
        assertEquals("50 65 f1 f3 6e 00 00 00".replace(" ", ""), hex(Structs.encode(t).getBytes(47, 55)));
        IllegalStateException e = assertThrows(IllegalStateException.class, t.mode::get);
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        assertEquals("Pe\uFFFD\uFFFDn", t.mode.toString(), "toString() replaces what is not UTF-8");
    }

    @Test
    void unsigned64() {
        // tag::struct-unsigned64-use[]
        Counter c = new Counter();
        c.ticks.setUnsigned(new BigInteger("18446744073709551615"));   // 2^64 - 1: eight 0xFF bytes
        long bits = c.ticks.get();                                      // -1: the same 64 bits, signed
        BigInteger value = c.ticks.getUnsigned();                       // 18446744073709551615
        String text = Long.toUnsignedString(bits);                      // "18446744073709551615"
        // end::struct-unsigned64-use[]
        assertEquals("ffffffffffffffff", hex(Structs.encode(c)));
        assertEquals(-1L, bits);
        assertEquals(new BigInteger("18446744073709551615"), value);
        assertEquals("18446744073709551615", text);
        assertThrows(IllegalArgumentException.class, () -> c.ticks.setUnsigned(BigInteger.ONE.shiftLeft(64)));
        assertThrows(IllegalArgumentException.class, () -> c.ticks.setUnsigned(BigInteger.valueOf(-1)));
    }

    @Test
    void javolutionsOwnMembersWouldWriteOtherBytes() {
        // The reason CStruct replaces them: javolution's Bool writes 0xFF and its UTF8String counts characters.
        class Raw extends javolution.io.Struct {
            final Bool flag = new Bool();
            final UTF8String text = new UTF8String(4);
            final Unsigned8 next = new Unsigned8();
        }
        Raw raw = new Raw();
        raw.flag.set(true);
        raw.text.set("éé");                        // 2 characters, 4 bytes, plus the terminator
        assertEquals("ff" + "c3a9c3a9" + "00", hex(Structs.encode(raw)), "one byte past the 4-byte field");
    }

    // Reading and writing.

    /** A server and a connected client. */
    record Pair(OneClientServer server, Client client) {
    }

    static Pair connect(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        Client client = new Client(new ClientOptions().setPort(server.port()));
        await(vertx.deployVerticle(client));
        await(server.connectedFuture());
        return new Pair(server, client);
    }

    @Test
    void writeFromAndReadInto(Vertx vertx) throws Exception {
        Pair pair = connect(vertx);
        OneClientServer server = pair.server();
        Client client = pair.client();
        // tag::struct-read-write[]
        Telemetry sent = new Telemetry();
        sent.timestamp.set(1_700_000_000.25);
        sent.axes[0].position.set(120.5);
        sent.mode.set("TRACK");
        Future<Telemetry> received = Structs.writeFrom(server, sent)     // 55 bytes, one write
            .compose(v -> Structs.readInto(client, new Telemetry()));    // exactly 55 bytes
        // end::struct-read-write[]
        Telemetry t = await(received);
        assertEquals(1_700_000_000.25, t.timestamp.get());
        assertEquals(120.5, t.axes[0].position.get());
        assertEquals("TRACK", t.mode.get());
        assertTrue(client.connected());
    }

    @Test
    void theBytesOnTheWireAreTheStructsAndNothingElse(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            Telemetry t = sampleTelemetry();
            Axis a = new Axis();
            a.position.set(3.0);
            String expected = hex(Structs.encode(t)) + hex(Structs.encode(a));
            Future<Void> written = Structs.writeFrom(server, t, a);
            t.status.set(9);                                  // too late: the bytes were copied at the call
            await(written);
            assertEquals(expected, hex(RawSockets.receive(peer, 55 + 16)));
            t.status.set(0x0102);

            send(peer, Structs.encode(t).getBytes());
            Telemetry back = await(Structs.readInto(server, new Telemetry()));
            assertEquals("TRACK", back.mode.get());
            assertEquals(0x0102, back.status.get());
            assertTrue(back.inPosition.get());
        }
    }

    @Test
    void endOfStreamInsideAStruct(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = new OneClientServer(new ServerOptions(),
            ConnectCallback.of(s -> states.add(s.connected())));
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
            send(peer, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        }
        Telemetry t = new Telemetry();
        IncompleteReadException e = awaitFailure(Structs.readInto(server, t), IncompleteReadException.class);
        assertEquals(10, e.partial().length());
        assertEquals(55, e.expected().getAsInt());
        assertFalse(awaitNext(states), "the connect callback ran");
        assertFalse(server.connected(), "the connection is closed");
        assertEquals(hex(new byte[55]), hex(Structs.encode(t)), "the struct is left as it was");
        awaitFailure(Structs.readInto(server, t), NotConnectedException.class);
    }

    @Test
    void notConnected(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        awaitFailure(Structs.readInto(server, new Telemetry()), NotConnectedException.class);
        awaitFailure(Structs.writeFrom(server, new Telemetry()), NotConnectedException.class);
    }

    @Test
    void aBufferAtAnOffset() {
        Telemetry telemetry = sampleTelemetry();
        // tag::struct-buffer[]
        Buffer frame = Buffer.buffer().appendIntLE(0x4d4c4554);      // a 4-byte tag, "TELM"...
        Structs.appendTo(frame, telemetry);                          // ...then the struct's 55 bytes
        Telemetry copy = Structs.decode(frame, 4, new Telemetry());  // read back from offset 4
        copy.status.set(0);
        int end = Structs.encodeAt(frame, 4, copy);                  // overwrite in place: 59
        // end::struct-buffer[]
        assertEquals(59, frame.length());
        assertEquals(59, end);
        assertEquals("TELM", frame.getString(0, 4));
        assertEquals(120.5, copy.axes[0].position.get());
        assertEquals(0, Structs.decode(frame, 4, new Telemetry()).status.get());
        assertEquals(hex(Structs.encode(copy)), hex(frame.getBytes(4, 59)));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
            () -> Structs.decode(frame, 5, new Telemetry()));
        assertTrue(e.getMessage().contains("needs 55 bytes at offset 5, the buffer has 59 bytes"), e.getMessage());
        assertEquals(55, Structs.sizeOf(copy));
        assertArrayEquals(Structs.encode(copy).getBytes(), frame.getBytes(4, 59));
    }

    // Structs as JSON.

    @Test
    void structsAsJson() {
        // tag::struct-json[]
        Telemetry t = new Telemetry();
        t.axes[0].position.set(120.5);
        t.inPosition.set(true);
        t.mode.set("TRACK");
        JsonObject json = StructJson.toJson(t);      // one key per member, in C order, with C names
        String text = json.encode();
        // {"timestamp":0.0,"axes":[{"position":120.5,"velocity":0.0},{"position":0.0,"velocity":0.0}],
        //  "temperature":0.0,"status":0,"in_position":true,"mode":"TRACK"}
        // end::struct-json[]
        assertEquals("{\"timestamp\":0.0,\"axes\":[{\"position\":120.5,\"velocity\":0.0},{\"position\":0.0,\"velocity\":0.0}],"
            + "\"temperature\":0.0,\"status\":0,\"in_position\":true,\"mode\":\"TRACK\"}", text);

        // tag::struct-json-fill[]
        Telemetry copy = StructJson.fill(new Telemetry(), new JsonObject("""
            {"axes": [{"position": 120.5}, {}], "in_position": true, "mode": "TRACK"}
            """));                                   // absent keys leave their members alone: t's 55 bytes
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StructJson.fill(copy, new JsonObject().put("status", 70000)));
        String why = e.getMessage();                 // "status": 70000 is out of range for uint16_t (0 to 65535)
        // end::struct-json-fill[]
        assertEquals(hex(Structs.encode(t)), hex(Structs.encode(copy)));
        assertEquals("\"status\": 70000 is out of range for uint16_t (0 to 65535)", why);
        assertEquals(hex(Structs.encode(t)), hex(Structs.encode(copy)), "the refused fill changed nothing");
        assertEquals("in_position", StructJson.jsonName("inPosition"));
    }

    @Test
    void structsAsJsonClaims() {
        Counter c = new Counter();
        c.ticks.setUnsigned(new BigInteger("18446744073709551615"));
        JsonObject json = StructJson.toJson(c);
        assertEquals(new BigInteger("18446744073709551615"), json.getValue("ticks"), "never negative");
        assertEquals("{\"ticks\":18446744073709551615}", json.encode());
        c.ticks.set(5);
        assertEquals(Long.valueOf(5), StructJson.toJson(c).getValue("ticks"), "a Long up to 2^63 - 1");

        Telemetry t = new Telemetry();
        t.temperature.set(Float.NaN);
        JsonObject withNan = StructJson.toJson(t);
        assertTrue(withNan.encode().contains("\"temperature\":\"NaN\""), withNan.encode());
        assertTrue(JsonCodec.encode(withNan).contains("\"temperature\":NaN"), JsonCodec.encode(withNan));
        for (JsonObject form : List.of(new JsonObject(withNan.encode()), (JsonObject) JsonCodec.decode(JsonCodec.encode(withNan)))) {
            assertTrue(Float.isNaN(StructJson.fill(new Telemetry(), form).temperature.get()), form.encode());
        }

        assertEquals(List.of("azimuth_velocity", "axis2_speed", "raw_adc_value", "telemetry_hz"),
            List.of("azimuthVelocity", "axis2Speed", "rawADCValue", "telemetryHz").stream().map(StructJson::jsonName).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StructJson.fill(new Telemetry(), new JsonObject().put("axes", new JsonArray().add(new JsonObject())
                .add(new JsonObject().put("position", "far")))));
        assertTrue(e.getMessage().startsWith("\"axes[1].position\": \"far\" is not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> StructJson.fill(new Telemetry(), new JsonObject().put("mode", "ÉTALONNÉ")));
        assertTrue(e.getMessage().contains("is too long: 10 bytes in UTF-8, the member is char[8]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> StructJson.fill(new Telemetry(), new JsonObject().put("inPosition", true)));
        assertTrue(e.getMessage().contains("no such member in Telemetry"), e.getMessage());
        Telemetry sample = sampleTelemetry();
        assertEquals(hex(Structs.encode(sample)),
            hex(Structs.encode(StructJson.fill(new Telemetry(), StructJson.toJson(sample)))), "round trip");
    }

    // Javolution and stdout.

    @Test
    void javolutionLogsThroughTcpipStructsSink() throws Exception {
        Structs.encode(sampleTelemetry());
        Class<?> sink = Class.forName("javolution.osgi.internal.LogServiceImpl");
        assertFalse(Thread.class.isAssignableFrom(sink), "javolution's own sink (a Thread) was loaded");
        String from = sink.getProtectionDomain().getCodeSource().getLocation().toString();
        assertTrue(from.contains("tcpip-struct"), from);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(th -> th.getName().equals("Logging-Thread")));
    }
}
