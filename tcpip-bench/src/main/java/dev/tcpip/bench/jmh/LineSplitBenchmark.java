package dev.tcpip.bench.jmh;

import dev.tcpip.core.internal.VertxInternals;
import dev.tcpip.core.codec.TextCodec;
import dev.tcpip.core.stream.StreamReader;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Line splitting and text decoding, per line of 64 bytes (62 characters and CRLF): tcpip-core's pull
 * reader {@link StreamReader} ({@code readUntil(CRLF)}, and the same plus strict UTF-8 decoding through
 * {@link TextCodec} as {@code readStr()} does it) against Vert.x's {@link RecordParser} fed the same chunks.
 *
 * <p>Each invocation pushes {@value #STREAM_BYTES} bytes ({@value #LINES} lines) in chunks of
 * {@code chunk} bytes through a {@link FakeReadStream}, as a socket would deliver them. With 65536-byte
 * chunks every chunk holds whole lines; with 65000 a line straddles each chunk boundary, as it does on a
 * real connection. The reader lives for the whole trial, like a connection's; its futures complete on this
 * thread as soon as the data is there, and the benchmark pulls the next line as soon as one completes.
 *
 * <p>The {@code decode*} benchmarks time the decoding of one line alone: {@link TextCodec#decode(Buffer)}
 * (strict, as Python's {@code bytes.decode()}) against Vert.x's lenient {@code Buffer.toString(UTF_8)}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LineSplitBenchmark {
    /** Bytes per line, CRLF included. */
    public static final int LINE = 64;
    /** Bytes pushed per invocation. */
    public static final int STREAM_BYTES = 1 << 20;
    /** Lines per invocation. */
    public static final int LINES = STREAM_BYTES / LINE;

    private static final Buffer CRLF = Buffer.buffer("\r\n");

    /**
     * Creates the benchmark; the state is made by the {@code @Setup} methods.
     */
    public LineSplitBenchmark() {
    }

    /** A line of text, 62 characters, numbered so that no two lines are alike. */
    static String line(int i, boolean ascii) {
        String head = ascii ? String.format("seq=%08d az=%9.4f el=%8.4f state=TRACKING", i, i * 0.001 % 360, 45.0)
            : String.format("n°%06d az=%7.3f° él=%6.3f° état=suivi ✓", i, i * 0.001 % 360, 45.0);
        StringBuilder b = new StringBuilder(head);
        while (b.toString().getBytes(StandardCharsets.UTF_8).length < LINE - 2) {
            b.append('.');
        }
        return b.toString();
    }

    /** The bytes of a stream of lines, cut into chunks. */
    static List<Buffer> chunks(int chunk) {
        Buffer all = Buffer.buffer(STREAM_BYTES);
        for (int i = 0; all.length() < STREAM_BYTES; i++) {
            all.appendString(line(i, true)).appendBuffer(CRLF);
        }
        if (all.length() != STREAM_BYTES) {
            throw new IllegalStateException("lines do not fill the stream exactly: " + all.length());
        }
        List<Buffer> out = new ArrayList<>();
        for (int at = 0; at < STREAM_BYTES; at += chunk) {
            out.add(all.getBuffer(at, Math.min(STREAM_BYTES, at + chunk)));
        }
        return out;
    }

    /** A pull reader on a fake stream, with one read always waiting. */
    @State(Scope.Thread)
    public static class Pull {
        /** Chunk size in bytes: 65536 holds whole lines, 65000 splits a line at every boundary. */
        @Param({"65536", "65000"})
        public int chunk;
        /** The chunks of one invocation, pushed again every invocation (they are never modified). */
        public List<Buffer> chunks;
        /** The stream the reader reads. */
        public FakeReadStream source;
        /** The reader. */
        public StreamReader reader;
        /** The read waiting for the next line. */
        public Future<Buffer> next;

        /**
         * Creates the state.
         */
        public Pull() {
        }

        /**
         * Makes the chunks, the stream and the reader, and asks for the first line.
         */
        @Setup(Level.Trial)
        public void setup() {
            chunks = chunks(chunk);
            source = new FakeReadStream();
            reader = new StreamReader(source, 64 * 1024);
            next = reader.readUntil(CRLF);
        }
    }

    /** Vert.x's record parser, counting records. */
    @State(Scope.Thread)
    public static class Push {
        /** Chunk size in bytes: 65536 holds whole lines, 65000 splits a line at every boundary. */
        @Param({"65536", "65000"})
        public int chunk;
        /** The chunks of one invocation. */
        public List<Buffer> chunks;
        /** The parser, delimiter CRLF. */
        public RecordParser parser;
        /** The parser for the text benchmark. */
        public RecordParser textParser;
        /** Records seen. */
        public long records;
        /** Bytes seen in records (delimiters excluded), or characters for the text benchmark. */
        public long bytes;
        /** The start of a line cut by a chunk boundary, for {@link #splitLowerBound}. */
        public Buffer carry;

        /**
         * Creates the state.
         */
        public Push() {
        }

        /**
         * Makes the chunks and the parsers.
         */
        @Setup(Level.Trial)
        public void setup() {
            chunks = chunks(chunk);
            parser = RecordParser.newDelimited("\r\n", record -> {
                records++;
                bytes += record.length();
            });
            textParser = RecordParser.newDelimited("\r\n", record -> {
                records++;
                bytes += record.toString(StandardCharsets.UTF_8).length();
            });
        }
    }

    /**
     * Pull reader: one {@code readUntil(CRLF)} per line, the line (delimiter included) a buffer of its own.
     *
     * @param st the reader and its stream
     * @return bytes read (consumed by JMH)
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long streamReaderReadUntil(Pull st) {
        long bytes = 0;
        Future<Buffer> next = st.next;
        StreamReader reader = st.reader;
        for (Buffer chunk : st.chunks) {
            st.source.push(chunk);
            while (next.isComplete()) {
                bytes += next.result().length();
                next = reader.readUntil(CRLF);
            }
        }
        st.next = next;
        return bytes;
    }

    /**
     * Pull reader as {@code readStr()} uses it: {@code readUntil(CRLF)}, then strict UTF-8 decoding of the
     * line without its CRLF through {@link TextCodec#decode(Buffer, int, int)}.
     *
     * @param st the reader and its stream
     * @return characters decoded (consumed by JMH)
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long streamReaderReadStr(Pull st) {
        long chars = 0;
        Future<Buffer> next = st.next;
        StreamReader reader = st.reader;
        TextCodec codec = TextCodec.UTF8;
        for (Buffer chunk : st.chunks) {
            st.source.push(chunk);
            while (next.isComplete()) {
                Buffer line = next.result();
                chars += codec.decode(line, 0, line.length() - 2).length();
                next = reader.readUntil(CRLF);
            }
        }
        st.next = next;
        return chars;
    }

    /**
     * Baseline: Vert.x {@code RecordParser.newDelimited("\r\n")} fed the same chunks, counting records.
     *
     * @param st the parser
     * @return records seen so far (consumed by JMH)
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long recordParser(Push st) {
        RecordParser parser = st.parser;
        for (Buffer chunk : st.chunks) {
            parser.handle(chunk);
        }
        return st.records + st.bytes;
    }

    /**
     * Baseline with text: the record parser, each record decoded with Vert.x's lenient
     * {@code Buffer.toString(UTF_8)}.
     *
     * @param st the parser
     * @return records and characters seen so far (consumed by JMH)
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long recordParserToString(Push st) {
        RecordParser parser = st.textParser;
        for (Buffer chunk : st.chunks) {
            parser.handle(chunk);
        }
        return st.records + st.bytes;
    }

    /**
     * Lower bound, not a usable reader: Netty's {@code ByteBuf.indexOf} (eight bytes at a time) finds every
     * LF, and each line (CRLF included) is copied into a buffer of its own, as {@code readUntil} returns it. What is
     * left between this and the readers is their per-line bookkeeping (requests, futures, flow control).
     *
     * @param st the chunks and the carried partial line
     * @return bytes in lines (consumed by JMH)
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long splitLowerBound(Push st) {
        long bytes = 0;
        Buffer carry = st.carry;
        for (Buffer chunk : st.chunks) {
            ByteBuf raw = VertxInternals.unwrap(chunk);
            int base = raw.readerIndex();
            int n = chunk.length();
            int start = 0;
            int lf;
            while ((lf = raw.indexOf(base + start, base + n, (byte) '\n')) >= 0) {
                int end = lf - base + 1;
                Buffer line;
                if (carry != null) {
                    line = carry.appendBuffer(chunk, 0, end);
                    carry = null;
                } else {
                    line = chunk.getBuffer(start, end);
                }
                bytes += line.length();
                start = end;
            }
            if (start < n) {
                carry = carry == null ? chunk.getBuffer(start, n) : carry.appendBuffer(chunk, start, n - start);
            }
        }
        st.carry = carry;
        return bytes;
    }

    /** One line, without its CRLF, for the decode benchmarks. */
    @State(Scope.Thread)
    public static class Line {
        /** {@code ascii}, or {@code utf8} (accented letters, degree sign, a check mark). */
        @Param({"ascii", "utf8"})
        public String text;
        /** The line's bytes. */
        public Buffer bytes;

        /**
         * Creates the state.
         */
        public Line() {
        }

        /**
         * Encodes the line and makes the decoder.
         */
        @Setup(Level.Trial)
        public void setup() {
            bytes = Buffer.buffer(line(12_345, "ascii".equals(text)));
        }
    }

    /**
     * Strict UTF-8 decoding of one line through {@link TextCodec#decode(Buffer)} (what {@code readStr()} does).
     *
     * @param st the line
     * @return the text (consumed by JMH)
     */
    @Benchmark
    public String decodeTextCodec(Line st) {
        return TextCodec.UTF8.decode(st.bytes);
    }

    /**
     * Baseline: Vert.x's {@code Buffer.toString(UTF_8)}, which replaces malformed input instead of
     * refusing it.
     *
     * @param st the line
     * @return the text (consumed by JMH)
     */
    @Benchmark
    public String decodeBufferToString(Line st) {
        return st.bytes.toString(StandardCharsets.UTF_8);
    }
}
