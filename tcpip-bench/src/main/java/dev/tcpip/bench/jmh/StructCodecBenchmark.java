package dev.tcpip.bench.jmh;

import dev.tcpip.bench.model.Sample32;
import dev.tcpip.bench.model.Sample32Codec;
import dev.tcpip.bench.model.Sample32Fields;
import dev.tcpip.struct.Structs;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * Encode and decode of one 32-byte {@link Sample32} per operation: the javolution struct path of
 * tcpip-struct ({@code struct.field.set(..)} then {@link Structs#encodeAt}; {@link Structs#decode} then
 * {@code struct.field.get()}) against {@link Sample32Codec}, which writes and reads the same bytes with
 * {@link Buffer}'s little-endian accessors. Both sides do the same work per struct: five fields set and
 * written, or 32 bytes read and five fields read.
 *
 * <p>A stream reader decodes each struct from a different place of a large buffer and a writer encodes
 * into a reused one, so the single-struct benchmarks walk {@value #BATCH} slots of a 32 KiB buffer; the
 * values written change every operation (derived from a running count) so nothing is constant-folded, and
 * every field read is folded into the returned value, so nothing is dead code. The batch benchmarks do the
 * same for {@value #BATCH} structs laid back to back in one loop (time per struct).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StructCodecBenchmark {
    /** Structs per batch, and slots of the buffers the single-struct benchmarks cycle through. */
    public static final int BATCH = 1024;

    private Sample32Fields fields;
    /** BATCH encoded structs back to back, decoded from. */
    private Buffer stream;
    /** BATCH slots, encoded into. */
    private Buffer out;
    private int slot;
    private long count;

    /**
     * Creates the benchmark; the state is made by {@link #setup()}.
     */
    public StructCodecBenchmark() {
    }

    /**
     * Fills the stream buffer with {@value #BATCH} different structs and sizes the output buffer.
     */
    @Setup
    public void setup() {
        fields = new Sample32Fields();
        stream = Buffer.buffer(BATCH * Sample32.SIZE);
        for (int i = 0; i < BATCH; i++) {
            Sample32Codec.appendTo(stream, fields.set(i, i % 7 - 3, 1.7e9 + i * 1e-3, i * 0.25, i * 1_000_003L));
        }
        out = Buffer.buffer(new byte[BATCH * Sample32.SIZE]);
    }

    /**
     * The javolution struct: {@code default} is what an application gets (tcpip-struct's own heap array,
     * read and written directly by CStruct's members); {@code direct} and {@code heap} set a
     * {@code ByteBuffer} before first use, which sends every field through javolution's own accessors
     * (the path every struct took before tcpip-struct's change, see docs/performance.md).
     */
    @State(Scope.Thread)
    public static class Struct {
        /** What backs the struct: {@code default}, {@code direct} or {@code heap}. */
        @Param({"default"})
        public String backing;
        /** The struct. */
        public Sample32 sample;

        /**
         * Creates the state; the struct is made by {@link #setup()}.
         */
        public Struct() {
        }

        /**
         * Creates the struct with its backing.
         */
        @Setup
        public void setup() {
            sample = new Sample32();
            switch (backing) {
                case "default":
                    break;
                case "direct":
                    sample.setByteBuffer(ByteBuffer.allocateDirect(Sample32.SIZE).order(ByteOrder.LITTLE_ENDIAN), 0);
                    break;
                case "heap":
                    sample.setByteBuffer(ByteBuffer.allocate(Sample32.SIZE).order(ByteOrder.LITTLE_ENDIAN), 0);
                    break;
                default:
                    throw new IllegalArgumentException("backing: default, direct or heap, not " + backing);
            }
        }
    }

    private int nextOffset() {
        int s = slot;
        slot = (s + 1) & (BATCH - 1);
        return s * Sample32.SIZE;
    }

    private static void fill(Sample32 s, long n) {
        s.sequence.set(n & 0xFFFF_FFFFL);
        s.status.set((int) n & 7);
        s.timestamp.set(n * 1e-3);
        s.value.set(n * 0.25);
        s.counter.set(n);
    }

    private static void fill(Sample32Fields f, long n) {
        f.sequence = n & 0xFFFF_FFFFL;
        f.status = (int) n & 7;
        f.timestamp = n * 1e-3;
        f.value = n * 0.25;
        f.counter = n;
    }

    private static long fold(Sample32 s) {
        return s.sequence.get() ^ s.status.get() ^ Double.doubleToRawLongBits(s.timestamp.get())
            ^ Double.doubleToRawLongBits(s.value.get()) ^ s.counter.get();
    }

    private static long fold(Sample32Fields f) {
        return f.sequence ^ f.status ^ Double.doubleToRawLongBits(f.timestamp)
            ^ Double.doubleToRawLongBits(f.value) ^ f.counter;
    }

    /**
     * Javolution path: set the five fields, then {@link Structs#encodeAt} into a reused buffer.
     *
     * @param st the struct
     * @return the offset past the struct (consumed by JMH)
     */
    @Benchmark
    public int encodeJavolution(Struct st) {
        fill(st.sample, count++);
        return Structs.encodeAt(out, nextOffset(), st.sample);
    }

    /**
     * Hand codec: set the five fields, then {@link Sample32Codec#encodeAt} into a reused buffer.
     *
     * @return the offset past the struct (consumed by JMH)
     */
    @Benchmark
    public int encodeHand() {
        fill(fields, count++);
        return Sample32Codec.encodeAt(out, nextOffset(), fields);
    }

    /**
     * Javolution path as {@code Structs.writeFrom} does it: set the fields, then {@link Structs#encode} into a
     * new buffer.
     *
     * @param st the struct
     * @return the new buffer (consumed by JMH)
     */
    @Benchmark
    public Buffer encodeNewBufferJavolution(Struct st) {
        fill(st.sample, count++);
        return Structs.encode(st.sample);
    }

    /**
     * Hand codec into a new 32-byte buffer, the counterpart of {@link #encodeNewBufferJavolution()}.
     *
     * @return the new buffer (consumed by JMH)
     */
    @Benchmark
    public Buffer encodeNewBufferHand() {
        fill(fields, count++);
        return Sample32Codec.appendTo(Buffer.buffer(Sample32Codec.SIZE), fields);
    }

    /**
     * Javolution path: {@link Structs#decode} from the stream buffer, then read the five fields.
     *
     * @param st the struct
     * @return the fields folded together (consumed by JMH)
     */
    @Benchmark
    public long decodeJavolution(Struct st) {
        return fold(Structs.decode(stream, nextOffset(), st.sample));
    }

    /**
     * Hand codec: {@link Sample32Codec#decode} from the stream buffer, then read the five fields.
     *
     * @return the fields folded together (consumed by JMH)
     */
    @Benchmark
    public long decodeHand() {
        return fold(Sample32Codec.decode(stream, nextOffset(), fields));
    }

    /**
     * Javolution path over {@value #BATCH} structs back to back (time per struct).
     *
     * @param st the struct
     * @return the offset past the last struct (consumed by JMH)
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encodeBatchJavolution(Struct st) {
        Sample32 s = st.sample;
        Buffer b = out;
        long n = count;
        int at = 0;
        for (int i = 0; i < BATCH; i++) {
            fill(s, n++);
            at = Structs.encodeAt(b, at, s);
        }
        count = n;
        return at;
    }

    /**
     * Hand codec over {@value #BATCH} structs back to back (time per struct).
     *
     * @return the offset past the last struct (consumed by JMH)
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int encodeBatchHand() {
        Sample32Fields f = fields;
        Buffer b = out;
        long n = count;
        int at = 0;
        for (int i = 0; i < BATCH; i++) {
            fill(f, n++);
            at = Sample32Codec.encodeAt(b, at, f);
        }
        count = n;
        return at;
    }

    /**
     * Javolution path: decode {@value #BATCH} structs back to back (time per struct).
     *
     * @param st the struct
     * @return all fields folded together (consumed by JMH)
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long decodeBatchJavolution(Struct st) {
        Sample32 s = st.sample;
        Buffer b = stream;
        long acc = 0;
        for (int at = 0; at < BATCH * Sample32.SIZE; at += Sample32.SIZE) {
            acc += fold(Structs.decode(b, at, s));
        }
        return acc;
    }

    /**
     * Hand codec: decode {@value #BATCH} structs back to back (time per struct).
     *
     * @return all fields folded together (consumed by JMH)
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long decodeBatchHand() {
        Sample32Fields f = fields;
        Buffer b = stream;
        long acc = 0;
        for (int at = 0; at < BATCH * Sample32.SIZE; at += Sample32.SIZE) {
            acc += fold(Sample32Codec.decode(b, at, f));
        }
        return acc;
    }
}
