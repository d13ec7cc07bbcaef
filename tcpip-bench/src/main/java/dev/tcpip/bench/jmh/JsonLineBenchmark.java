package dev.tcpip.bench.jmh;

import dev.tcpip.core.codec.JsonCodec;
import dev.tcpip.core.codec.TextCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One JSON line of a small telemetry object (six fields, {@value #SAMPLE_BYTES} bytes of JSON), encoded
 * and decoded as tcpip-core's {@code writeJson} and {@code readJson} do it (through {@link JsonCodec} and
 * {@link TextCodec}), against plain Vert.x {@link JsonObject} ({@code encode()}, {@code toBuffer()},
 * {@code new JsonObject(String)}, {@code new JsonObject(Buffer)}).
 *
 * <p>The {@code *Line} benchmarks work on bytes, as the endpoints do (a line with its CRLF, in a buffer);
 * the {@code *String} ones on text.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonLineBenchmark {
    /** Bytes of the sample's JSON text, without CRLF. */
    public static final int SAMPLE_BYTES = 96;

    private static final byte[] CRLF = {'\r', '\n'};

    private JsonObject sample;
    private String text;
    private Buffer line;

    /**
     * Creates the benchmark; the state is made by {@link #setup()}.
     */
    public JsonLineBenchmark() {
    }

    /**
     * Makes the sample object, its JSON text, and the line (text and CRLF) as a buffer.
     */
    @Setup
    public void setup() {
        sample = new JsonObject()
            .put("id", "telemetry")
            .put("seq", 1_234_567)
            .put("time", 1_700_000_000.123456)
            .put("az", 123.4567)
            .put("el", 45.6789)
            .put("ok", true);
        text = JsonCodec.encode(sample);
        if (text.length() != SAMPLE_BYTES || !text.equals(sample.encode())) {
            throw new IllegalStateException("unexpected sample text (" + text.length() + " bytes): " + text);
        }
        line = Buffer.buffer(text).appendBytes(CRLF);
    }

    /**
     * {@code writeJson}'s bytes: {@link JsonCodec#encodeTo} into a new buffer, then CRLF.
     *
     * @return the line (consumed by JMH)
     */
    @Benchmark
    public Buffer encodeJsonCodecLine() {
        return JsonCodec.encodeTo(sample, Buffer.buffer(128)).appendBytes(CRLF);
    }

    /**
     * Baseline: Vert.x {@code JsonObject.toBuffer()}, then CRLF.
     *
     * @return the line (consumed by JMH)
     */
    @Benchmark
    public Buffer encodeVertxLine() {
        return sample.toBuffer().appendBytes(CRLF);
    }

    /**
     * Text: {@link JsonCodec#encode} (Python's {@code json.dumps}, non-ASCII escaped).
     *
     * @return the text (consumed by JMH)
     */
    @Benchmark
    public String encodeJsonCodecString() {
        return JsonCodec.encode(sample);
    }

    /**
     * Baseline: Vert.x {@code JsonObject.encode()}.
     *
     * @return the text (consumed by JMH)
     */
    @Benchmark
    public String encodeVertxString() {
        return sample.encode();
    }

    /**
     * {@code readJson}'s work on a line read: {@link TextCodec#decode(Buffer, int, int)} of the line
     * without its CRLF (strict UTF-8), then {@link JsonCodec#decode(String)}.
     *
     * @return the value (consumed by JMH)
     */
    @Benchmark
    public Object decodeJsonCodecLine() {
        return JsonCodec.decode(TextCodec.UTF8.decode(line, 0, line.length() - CRLF.length));
    }

    /**
     * Baseline: Vert.x {@code new JsonObject(Buffer)} on the line (the trailing CRLF is whitespace to it).
     *
     * @return the value (consumed by JMH)
     */
    @Benchmark
    public JsonObject decodeVertxLine() {
        return new JsonObject(line);
    }

    /**
     * Text: {@link JsonCodec#decode(String)}.
     *
     * @return the value (consumed by JMH)
     */
    @Benchmark
    public Object decodeJsonCodecString() {
        return JsonCodec.decode(text);
    }

    /**
     * Baseline: Vert.x {@code new JsonObject(String)}.
     *
     * @return the value (consumed by JMH)
     */
    @Benchmark
    public JsonObject decodeVertxString() {
        return new JsonObject(text);
    }
}
