package dev.tcpip.struct.golden;

import dev.tcpip.struct.Structs;
import dev.tcpip.struct.golden.GoldenStructs.AllArrays;
import dev.tcpip.struct.golden.GoldenStructs.EnvelopeBE;
import dev.tcpip.struct.golden.GoldenStructs.ScalarsLE;
import dev.tcpip.struct.golden.GoldenStructs.Strings;
import dev.tcpip.struct.message.StandardHeader;
import io.vertx.core.buffer.Buffer;
import javolution.io.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Structs filled by hand through the typed setters encode to the golden bytes, and read back through the getters. */
class GoldenTypedTest {

    static Stream<Arguments> samples() {
        return Stream.of(
            Arguments.of("scalars_le_mixed", (Supplier<Struct>) GoldenSamples::scalarsLeMixed),
            Arguments.of("scalars_be_max", (Supplier<Struct>) GoldenSamples::scalarsBeMax),
            Arguments.of("strings_unicode", (Supplier<Struct>) GoldenSamples::stringsUnicode),
            Arguments.of("envelope_be", (Supplier<Struct>) GoldenSamples::envelopeBe),
            Arguments.of("aligned_holds_packed", (Supplier<Struct>) GoldenSamples::alignedHoldsPacked),
            Arguments.of("all_arrays", (Supplier<Struct>) GoldenSamples::allArrays),
            Arguments.of("standard_header", (Supplier<Struct>) GoldenSamples::standardHeader));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void typedSettersWriteTheGoldenBytes(String vectorName, Supplier<Struct> sample) {
        Golden.Vector v = Golden.vector(vectorName);
        Golden.assertBytes(vectorName + " filled by hand", v.struct(), v.bytes(), Structs.encode(sample.get()).getBytes());
    }

    @Test
    void typedGettersReadTheGoldenValues() {
        ScalarsLE max = Structs.decode(Buffer.buffer(Golden.vector("scalars_le_max").bytes()), 0, new ScalarsLE());
        assertTrue(max.flag.get());
        assertEquals(255, max.u8.get());
        assertEquals(65535, max.u16.get());
        assertEquals(0xFFFF_FFFFL, max.u32.get());
        assertEquals(-1L, max.u64.get());
        assertEquals(new BigInteger("18446744073709551615"), max.u64.getUnsigned());
        assertEquals("18446744073709551615", max.u64.toString());
        assertEquals(Float.MAX_VALUE, max.f32.get());

        ScalarsLE min = Structs.decode(Buffer.buffer(Golden.vector("scalars_le_min").bytes()), 0, new ScalarsLE());
        assertFalse(min.flag.get());
        assertEquals(Long.MIN_VALUE, min.i64.get());
        assertEquals(GoldenSamples.TWO_TO_63, min.u64.getUnsigned());

        ScalarsLE nan = Structs.decode(Buffer.buffer(Golden.vector("scalars_le_nan_subnormal").bytes()), 0, new ScalarsLE());
        assertTrue(Float.isNaN(nan.f32.get()));
        assertEquals(Double.MIN_VALUE, nan.f64.get());

        Strings exact = Structs.decode(Buffer.buffer(Golden.vector("strings_exact").bytes()), 0, new Strings());
        assertEquals("Genève!", exact.city.get());
        assertEquals("日本語", exact.cjk.get());
        assertEquals("😀", exact.emoji.get());
        assertEquals("€€€€€€€€", exact.mixed.get());
        assertEquals(0xFFFF, exact.after.get());

        AllArrays arrays = Structs.decode(Buffer.buffer(Golden.vector("all_arrays").bytes()), 0, new AllArrays());
        assertEquals("Zürich", arrays.names[0].get());
        assertEquals("€uro", arrays.names[1].get());
        assertEquals("", arrays.names[2].get());
        assertEquals(-6, arrays.grid[1][2].get());
        assertEquals(Integer.MIN_VALUE, arrays.points[1].y.get());

        EnvelopeBE envelope = Structs.decode(Buffer.buffer(Golden.vector("envelope_be").bytes()), 0, new EnvelopeBE());
        assertEquals("Köln", envelope.name.get());
        assertEquals(0xBBCC, envelope.inner.count.get());
        assertEquals(-0x0102, envelope.points[1].y.get());
        assertEquals(GoldenSamples.TWO_TO_63.add(BigInteger.valueOf(0x0102)), envelope.big.getUnsigned());

        StandardHeader header = Structs.decode(Buffer.buffer(Golden.vector("standard_header").bytes()), 0,
            new StandardHeader());
        assertEquals(7, header.messageId());
        assertEquals(0xFFFF_FFFEL, header.sequence());
        assertEquals(44, header.bodySize());
        assertEquals(1700000000.123456, header.timestamp.get());
    }
}
