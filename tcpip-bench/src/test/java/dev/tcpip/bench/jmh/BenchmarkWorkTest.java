package dev.tcpip.bench.jmh;

import dev.tcpip.bench.model.Sample32;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmarks do the work they are named after (JMH itself never checks): every invocation reads every
 * line, whatever the chunk size and however many invocations came before, and the JSON paths produce the
 * same values as the baselines.
 */
class BenchmarkWorkTest {

    @ParameterizedTest(name = "chunk={0}")
    @ValueSource(ints = {65536, 65000})
    void everyInvocationReadsEveryLine(int chunk) {
        LineSplitBenchmark bench = new LineSplitBenchmark();
        LineSplitBenchmark.Pull pull = new LineSplitBenchmark.Pull();
        pull.chunk = chunk;
        pull.setup();
        for (int invocation = 0; invocation < 3; invocation++) {
            assertEquals(LineSplitBenchmark.STREAM_BYTES, bench.streamReaderReadUntil(pull), "readUntil bytes");
            assertFalse(pull.next.isComplete(), "one read waits for the next invocation's data");
            assertEquals(0, pull.reader.available());
        }
        assertEquals(3L * LineSplitBenchmark.LINES * (LineSplitBenchmark.LINE - 2),
            bench.streamReaderReadStr(pull) + bench.streamReaderReadStr(pull) + bench.streamReaderReadStr(pull),
            "readStr characters");

        LineSplitBenchmark.Push push = new LineSplitBenchmark.Push();
        push.chunk = chunk;
        push.setup();
        bench.recordParser(push);
        bench.recordParser(push);
        assertEquals(2L * LineSplitBenchmark.LINES, push.records);
        assertEquals(2L * LineSplitBenchmark.LINES * (LineSplitBenchmark.LINE - 2), push.bytes);
        assertEquals(LineSplitBenchmark.STREAM_BYTES, bench.splitLowerBound(push));
        assertEquals(LineSplitBenchmark.STREAM_BYTES, bench.splitLowerBound(push));
    }

    @Test
    void linesAreTheAdvertisedLength() {
        for (int i = 0; i < 2000; i += 7) {
            assertEquals(LineSplitBenchmark.LINE - 2, LineSplitBenchmark.line(i, true).length());
            assertEquals(LineSplitBenchmark.LINE - 2,
                Buffer.buffer(LineSplitBenchmark.line(i, false)).length(), "UTF-8 bytes");
        }
    }

    @Test
    void fakeStreamHoldsChunksWhilePaused() {
        FakeReadStream stream = new FakeReadStream();
        StringBuilder seen = new StringBuilder();
        stream.handler(b -> seen.append(b.toString()));
        stream.push(Buffer.buffer("a"));
        stream.pause();
        stream.push(Buffer.buffer("b"));
        stream.push(Buffer.buffer("c"));
        assertEquals("a", seen.toString());
        stream.resume();
        assertEquals("abc", seen.toString());
    }

    @Test
    void jsonPathsAgreeWithVertx() {
        JsonLineBenchmark bench = new JsonLineBenchmark();
        bench.setup();
        assertEquals(bench.encodeVertxLine(), bench.encodeJsonCodecLine());
        assertEquals(bench.encodeVertxString(), bench.encodeJsonCodecString());
        JsonObject expected = bench.decodeVertxString();
        assertEquals(expected, bench.decodeJsonCodecLine());
        assertEquals(expected, bench.decodeJsonCodecString());
        assertEquals(expected, bench.decodeVertxLine());
        assertEquals(JsonLineBenchmark.SAMPLE_BYTES + 2, bench.encodeJsonCodecLine().length());
    }

    @Test
    void structBenchmarksWriteAndReadWholeStructs() {
        StructCodecBenchmark bench = new StructCodecBenchmark();
        bench.setup();
        StructCodecBenchmark.Struct st = new StructCodecBenchmark.Struct();
        st.backing = "default";
        st.setup();
        assertEquals(Sample32.SIZE, bench.encodeJavolution(st));
        assertEquals(2 * Sample32.SIZE, bench.encodeHand());
        assertEquals(StructCodecBenchmark.BATCH * Sample32.SIZE, bench.encodeBatchJavolution(st));
        assertEquals(StructCodecBenchmark.BATCH * Sample32.SIZE, bench.encodeBatchHand());
        assertEquals(bench.decodeBatchHand(), bench.decodeBatchJavolution(st), "same fields folded");
        assertEquals(Sample32.SIZE, bench.encodeNewBufferJavolution(st).length());
        assertEquals(Sample32.SIZE, bench.encodeNewBufferHand().length());
        assertTrue(st.sample.getByteBuffer().hasArray(), "default backing is tcpip-struct's heap array");
    }
}
