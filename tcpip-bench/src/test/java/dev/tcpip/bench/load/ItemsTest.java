package dev.tcpip.bench.load;

import dev.tcpip.bench.model.Sample32;
import dev.tcpip.core.codec.JsonCodec;
import dev.tcpip.struct.Structs;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemsTest {

    @Test
    void echoLinesAre62PrintableBytesAndCrLfAndCarryTheirNumber() {
        byte[] line = new byte[Items.LINE_BYTES];
        Items.echoLine(line, 0, 1234);
        for (int k = 0; k < 62; k++) {
            assertTrue(line[k] >= 0x21 && line[k] < 0x7F || line[k] == ' ', "byte " + k);
        }
        assertEquals('\r', line[62]);
        assertEquals('\n', line[63]);
        assertTrue(new String(line, StandardCharsets.US_ASCII).startsWith("L000000001234 "));
    }

    @Test
    void consecutiveEchoLinesDiffer() {
        byte[] block = Items.echoBlock(2);
        byte[] first = java.util.Arrays.copyOfRange(block, 0, 64);
        byte[] second = java.util.Arrays.copyOfRange(block, 64, 128);
        assertTrue(!java.util.Arrays.equals(first, second));
    }

    @Test
    void handEncodedStructsAreTheBytesStructsEncodeWrites() {
        for (long i : new long[] {0, 1, 999, 123_456_789, 0xFFFF_FFFFL}) {
            byte[] hand = new byte[32];
            Items.encodeStruct(ByteBuffer.wrap(hand).order(ByteOrder.LITTLE_ENDIAN), i);
            Buffer viaStructs = Structs.encode(Items.fill(new Sample32(), i));
            assertArrayEquals(viaStructs.getBytes(), hand, "struct " + i);
        }
    }

    @Test
    void aStructChecksAgainstItsOwnNumberOnly() {
        Sample32 s = Items.fill(new Sample32(), 42);
        assertNull(Items.check(s, 42));
        assertNotNull(Items.check(s, 43));
        s.value.set(s.value.get() + 1);
        String wrong = Items.check(s, 42);
        assertNotNull(wrong);
        assertTrue(wrong.contains("struct 42"), wrong);
    }

    @Test
    void jsonLinesAre64BytesExactlyAsTheProjectsCodecWritesThem() {
        for (long i : new long[] {0, 7, 10, 99_999, 1_000_000, 999_999_999_999L}) {
            String encoded = JsonCodec.encode(Items.jsonObject(i)) + "\r\n";
            assertEquals(Items.LINE_BYTES, encoded.length(), encoded);
            byte[] hand = new byte[Items.LINE_BYTES];
            Items.jsonLine(hand, 0, i);
            assertEquals(encoded, new String(hand, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aJsonLineChecksAgainstItsOwnNumberOnly() {
        Object decoded = JsonCodec.decode(JsonCodec.encode(Items.jsonObject(5)));
        assertNull(Items.checkJson(decoded, 5));
        assertNotNull(Items.checkJson(decoded, 6));
        assertNotNull(Items.checkJson("not an object", 5));
        assertNotNull(Items.checkJson(Items.jsonObject(5).put("check", 0), 5));
    }

    @Test
    void checksumsAreTheSumsOfTheCheckedFields() {
        assertEquals(0, Items.structChecksum(0));
        assertEquals(1 + 4 + 7, Items.structChecksum(3));
        assertEquals(3 + 10 + 17, Items.jsonChecksum(3));
    }
}
