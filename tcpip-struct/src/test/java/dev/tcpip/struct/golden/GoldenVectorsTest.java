package dev.tcpip.struct.golden;

import dev.tcpip.struct.Structs;
import dev.tcpip.struct.golden.Golden.FieldLayout;
import dev.tcpip.struct.golden.Golden.Layout;
import dev.tcpip.struct.golden.Golden.Vector;
import io.vertx.core.buffer.Buffer;
import javolution.io.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every golden vector of {@code golden/structs.json} (what Python ctypes writes) against the Java twins of
 * {@link GoldenStructs}: same size and field offsets, the same values encode to the same bytes, the bytes
 * decode to the same values.
 */
class GoldenVectorsTest {

    static Stream<String> structNames() {
        return Golden.layouts().values().stream().filter(l -> !l.refused()).map(Layout::name);
    }

    static Stream<String> vectorNames() {
        return Golden.vectors().values().stream().filter(v -> !Golden.layouts().get(v.struct()).refused())
            .map(Vector::name);
    }

    static Stream<String> encodableVectorNames() {
        return vectorNames().filter(name -> !Golden.vector(name).decodeOnly());
    }

    @Test
    void everyCtypesStructHasAJavaTwinAndAVector() {
        assertEquals(new TreeSet<>(Golden.layouts().keySet()), new TreeSet<>(GoldenStructs.BY_NAME.keySet()));
        Set<String> withVectors = Golden.vectors().values().stream().map(Vector::struct).collect(Collectors.toSet());
        assertEquals(new TreeSet<>(Golden.layouts().keySet()), new TreeSet<>(withVectors), "structs with a vector");
        assertTrue(Golden.vectors().size() >= 30, "vectors: " + Golden.vectors().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structNames")
    void sizeFieldOffsetsAndByteOrderMatchCtypes(String structName) {
        Layout layout = Golden.layouts().get(structName);
        Struct struct = Golden.newStruct(structName);
        assertEquals(layout.size(), struct.size(), structName + ": sizeof");
        assertEquals(layout.fields().stream().map(f -> Golden.camel(f.name())).toList(),
            Golden.memberNames(struct.getClass()), structName + ": fields in order");
        for (FieldLayout f : layout.fields()) {
            Object member = Golden.member(struct, f.name());
            assertEquals(f.offset(), Golden.offsetOf(member), structName + "." + f.name() + ": offset");
            assertEquals(f.size(), Golden.sizeOf(member), structName + "." + f.name() + ": size");
        }
        ByteOrder order = layout.byteOrder().equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        assertEquals(order, struct.byteOrder(), structName + ": byte order");
        assertEquals(layout.packed(), struct.isPacked(), structName + ": packed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodableVectorNames")
    void javaEncodesTheGoldenBytes(String vectorName) {
        Vector v = Golden.vector(vectorName);
        Struct struct = Golden.newStruct(v.struct());
        Golden.fill(struct, v.values());
        byte[] encoded = Structs.encode(struct).getBytes();
        Golden.assertBytes(vectorName + " encoded by Java", v.struct(), v.bytes(), encoded);
        assertEquals(v.size(), encoded.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorNames")
    void javaDecodesTheGoldenValues(String vectorName) {
        Vector v = Golden.vector(vectorName);
        Struct struct = Structs.decode(Buffer.buffer(v.bytes()), 0, Golden.newStruct(v.struct()));
        Golden.assertValues(vectorName, v.values(), struct);
        // and decoding keeps every byte, padding and bytes after a string's terminator included
        assertArrayEquals(v.bytes(), Structs.encode(struct).getBytes(), vectorName + ": re-encoded");
    }

    @Test
    void decodeOnlyVectorReallyDiffersFromWhatJavaWrites() {
        // strings_reused: ctypes left stale bytes after each shorter string; Java's set() zero-fills. The vector
        // stays useful only while that is true, and it shows where the two differ.
        Vector v = Golden.vector("strings_reused");
        assertTrue(v.decodeOnly());
        Struct struct = Golden.newStruct(v.struct());
        Golden.fill(struct, v.values());
        Golden.Difference d = Golden.compare(v.struct(), v.bytes(), Structs.encode(struct).getBytes()).orElseThrow();
        assertEquals(4, d.offset(), d.toString());   // "Zü\0" then ctypes' stale "ich1"
        assertEquals("Strings.city (char[8], byte 4 of 8)", d.field());
        assertEquals('i', d.expected());
        assertEquals(0, d.actual());
    }

    @Test
    void javaRefusesToDeclareWhatItCannotWriteAsCtypesDoes() {
        Layout mixed = Golden.layouts().get("MixedOrder");
        assertTrue(mixed.refused());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Golden.newStruct("MixedOrder"));
        assertTrue(e.getMessage().contains("PointBE is BIG_ENDIAN but MixedOrder, which nests it, is LITTLE_ENDIAN"), e.getMessage());
        // What ctypes writes there: the little-endian int16 1, then PointBE(1, 0x0102) big-endian. One byte
        // order per buffer (javolution) would give 0100 0100 0201.
        assertArrayEquals(new byte[] {1, 0, 0, 1, 1, 2}, Golden.vector("mixed_order").bytes());
        assertEquals(1, Golden.layouts().values().stream().filter(Layout::refused).count(),
            "the refused layouts are the ones this test knows");
    }

    @Test
    void goldenVectorsCoverWhatTheyClaim() {
        // A guard against the golden file shrinking unnoticed: the cases this suite is meant to prove.
        List<String> required = List.of("scalars_le_max", "scalars_le_min", "scalars_le_nan_subnormal",
            "scalars_le_infinities", "scalars_be_mixed", "scalars_aligned_mixed", "all_arrays", "strings_unicode",
            "strings_exact", "strings_empty", "packed_holds_aligned", "aligned_holds_packed", "deep", "envelope_be",
            "standard_header");
        for (String name : required) {
            Golden.vector(name);
        }
        Vector max = Golden.vector("scalars_le_max");
        assertEquals("18446744073709551615", max.values().getValue("u64").toString());
        assertEquals(0x01, max.bytes()[0], "c_bool true is one byte 0x01");
    }
}
