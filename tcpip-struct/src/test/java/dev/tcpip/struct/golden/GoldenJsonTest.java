package dev.tcpip.struct.golden;

import dev.tcpip.struct.CStruct;
import dev.tcpip.struct.StructJson;
import dev.tcpip.struct.Structs;
import dev.tcpip.struct.golden.Golden.Vector;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import javolution.io.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * StructJson against the golden vectors: the JSON of each struct has ctypes' field names, in ctypes' order, and
 * ctypes' values (the golden file's {@code values} are keyed by the ctypes names), and those values fill a
 * struct with ctypes' bytes.
 */
class GoldenJsonTest {

    static Stream<String> vectorNames() {
        return GoldenVectorsTest.vectorNames();
    }

    static Stream<String> encodableVectorNames() {
        return GoldenVectorsTest.encodableVectorNames();
    }

    /** Package-private, in another package than StructJson's. */
    static final class Hidden extends CStruct {
        public final Unsigned16 lowSpeed = new Unsigned16();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorNames")
    void toJsonHasTheCtypesNamesOrderAndValues(String vectorName) {
        Vector v = Golden.vector(vectorName);
        Struct struct = Structs.decode(Buffer.buffer(v.bytes()), 0, Golden.newStruct(v.struct()));
        assertSameValues(vectorName, v.values(), StructJson.toJson(struct));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodableVectorNames")
    void theCtypesValuesFillAStructWithTheCtypesBytes(String vectorName) {
        Vector v = Golden.vector(vectorName);
        Struct fresh = Golden.newStruct(v.struct());
        JsonObject values = (JsonObject) withNumbers(v.values(), StructJson.toJson(fresh));
        Golden.assertBytes(vectorName + " filled by StructJson", v.struct(), v.bytes(),
            Structs.encode(StructJson.fill(fresh, values)).getBytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodableVectorNames")
    void theBytesMakeTheRoundTripThroughJsonText(String vectorName) {
        Vector v = Golden.vector(vectorName);
        Struct decoded = Structs.decode(Buffer.buffer(v.bytes()), 0, Golden.newStruct(v.struct()));
        JsonObject text = new JsonObject(StructJson.toJson(decoded).encode());
        Golden.assertBytes(vectorName + " through JSON text", v.struct(), v.bytes(),
            Structs.encode(StructJson.fill(Golden.newStruct(v.struct()), text)).getBytes());
    }

    @Test
    void aPackagePrivateStructOfAnotherPackage() {
        Hidden h = StructJson.fill(new Hidden(), new JsonObject().put("low_speed", 513));
        assertEquals(513, h.lowSpeed.get());
        assertEquals(new JsonObject().put("low_speed", 513), StructJson.toJson(h));
    }

    /** Compares StructJson's value with the golden file's, where floats are Python reprs ("0.1", "nan"). */
    private static void assertSameValues(String path, Object expected, Object actual) {
        if (expected instanceof JsonObject e) {
            JsonObject a = assertInstanceOf(JsonObject.class, actual, path);
            assertEquals(new ArrayList<>(e.fieldNames()), new ArrayList<>(a.fieldNames()), path + ": keys");
            for (String key : e.fieldNames()) {
                assertSameValues(path + "." + key, e.getValue(key), a.getValue(key));
            }
        } else if (expected instanceof JsonArray e) {
            JsonArray a = assertInstanceOf(JsonArray.class, actual, path);
            assertEquals(e.size(), a.size(), path + ": length");
            for (int i = 0; i < e.size(); i++) {
                assertSameValues(path + "[" + i + "]", e.getValue(i), a.getValue(i));
            }
        } else if (expected instanceof String repr && actual instanceof Float f) {
            assertEquals(Float.floatToRawIntBits((float) Golden.floating(repr)), Float.floatToRawIntBits(f), path);
        } else if (expected instanceof String repr && actual instanceof Double d) {
            assertEquals(Double.doubleToRawLongBits(Golden.floating(repr)), Double.doubleToRawLongBits(d), path);
        } else if (expected instanceof Number n) {
            assertInstanceOf(Number.class, actual, path);
            assertEquals(new BigInteger(n.toString()), new BigInteger(actual.toString()), path);
        } else {
            assertEquals(expected, actual, path);
        }
    }

    /** The golden values with each float's repr turned into a number; {@code shape} (toJson's) says which. */
    private static Object withNumbers(Object golden, Object shape) {
        if (golden instanceof JsonObject g) {
            JsonObject s = (JsonObject) shape;
            JsonObject out = new JsonObject();
            for (Map.Entry<String, Object> e : g) {
                out.put(e.getKey(), withNumbers(e.getValue(), s.getValue(e.getKey())));
            }
            return out;
        }
        if (golden instanceof JsonArray g) {
            JsonArray s = (JsonArray) shape;
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < g.size(); i++) {
                out.add(withNumbers(g.getValue(i), s.getValue(i)));
            }
            return new JsonArray(out);
        }
        if (golden instanceof String repr && (shape instanceof Float || shape instanceof Double)) {
            return Golden.floating(repr);
        }
        return golden;
    }
}
