package dev.tcpip.core.stream;

import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.LineTooLongException;
import dev.tcpip.core.ReproducibleFuzz;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/**
 * Fuzzing of the pull reader ({@link StreamReader}) over a fake stream: random and adversarial bytes, random
 * delimiters, random chunk boundaries, random interleavings of the four kinds of read and of the arrival of
 * data, random line limits. Every read's outcome is compared with a reference model that works on the whole
 * stream as one byte array, and after every step the reader's buffering and flow control are checked.
 *
 * <p>Budget: 1000 tries, about 2.5 s on a 2-core machine. Past 1024 chunks in one try, chunks are made at least
 * 1 KiB, so a stream beyond READ_AHEAD is not fed byte by byte to the end. jqwik's edge cases are off: its
 * edge-case samples are the largest of everything (streams of hundreds of KiB in 1-byte chunks) and took more
 * time than the thousand random tries; the generators below weight small values (1-byte chunks, limits of
 * 1, zero-byte reads, empty streams) themselves. The coverage checks below fail the
 * property if too few tries reach an overlong line, an incomplete read or a paused stream; with
 * {@code -Dfuzz.tries} far below 1000 they may fail for that reason alone.
 */
@AddLifecycleHook(ReproducibleFuzz.class)
class StreamReaderFuzzTest {
    private static final int READ_AHEAD = StreamReader.READ_AHEAD;
    private static final byte[] NEWLINE = {'\n'};
    /** Chunks of any size before chunks are made at least 1 KiB (see Run.pushNext). */
    private static final int MAX_SMALL_CHUNKS = 1024;

    // ------------------------------------------------------------------------------------------ the property

    /**
     * Each read returns exactly what the model says: the bytes through the delimiter (readUntil, readLine),
     * exactly n bytes (readExactly), 1 to n of the bytes there (read); {@link LineTooLongException} exactly
     * when the line, delimiter excluded, is longer than the limit (found past it, or no delimiter within
     * limit + delimiter - 1 bytes), the next read starting after that line's delimiter;
     * {@link IncompleteReadException} with the rest of the stream at its end (readUntil, readExactly), the rest
     * or nothing (read, readLine). After each step: the bytes held are exactly those sent and not yet
     * consumed (a few bytes of a possible delimiter while an overlong line is being thrown away), within the
     * bound of the class javadoc; the stream is paused exactly while no read waits and at least READ_AHEAD
     * bytes are held; no read that the held bytes can serve is left waiting.
     */
    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void everyReadReturnsWhatTheModelSaysAndBufferingStaysWithinTheBound(@ForAll("scenarios") Scenario s) {
        Run run = new Run(s);
        run.drive();
        Statistics.label("line too long").collect(run.sawTooLong);
        Statistics.label("incomplete read").collect(run.sawIncomplete);
        Statistics.label("paused over READ_AHEAD").collect(run.sawPaused);
        // A fuzz run that never reaches these paths proves nothing about them.
        Statistics.label("line too long").coverage(c -> c.check(true).percentage(p -> p >= 10));
        Statistics.label("incomplete read").coverage(c -> c.check(true).percentage(p -> p >= 10));
        Statistics.label("paused over READ_AHEAD").coverage(c -> c.check(true).percentage(p -> p >= 3));
    }

    /**
     * Found by the property above: an overlong line without a delimiter, read after the end of stream, used
     * to leave the last (delimiter length - 1) bytes buffered, so {@code atEof()} stayed false (and an endpoint's
     * {@code connected()} true) after the peer had gone and nothing was left to read.
     */
    @Example
    void anOverlongLineThatEndsTheStreamLeavesNothingBuffered() {
        FakeReadStream in = new FakeReadStream();
        StreamReader reader = new StreamReader(in, 4);
        in.push("0123456789");
        in.end();
        Future<Buffer> read = reader.readUntil(Buffer.buffer("\r\n"));
        assertThat(read.failed() && read.cause() instanceof LineTooLongException, "expected LineTooLongException, got "
            + describe(read));
        assertThat(reader.available() == 0, reader.available() + " bytes of the discarded line are still buffered");
        assertThat(reader.atEof(), "atEof() is false after the end of stream with nothing left to read");
    }

    // ------------------------------------------------------------------------------------------ the driver

    /** One try: feeds the reader, submits the reads, and checks each outcome and the reader's state. */
    private static final class Run {
        final Scenario s;
        final byte[] stream;
        final FakeReadStream fake = new FakeReadStream();
        final StreamReader reader;
        final Model model;
        final List<Completion> completions = new ArrayList<>();
        /** Futures of the reads submitted so far, by op index. */
        final List<Future<Buffer>> submitted = new ArrayList<>();
        int pushed;
        int chunkIndex;
        int largestChunk;
        boolean ended;
        int checkedCompletions;
        boolean sawTooLong;
        boolean sawIncomplete;
        boolean sawPaused;

        Run(Scenario s) {
            this.s = s;
            this.stream = s.stream();
            this.reader = new StreamReader(fake, s.maxLineLength);
            this.model = new Model(stream, s.maxLineLength);
        }

        void drive() {
            int step = 0;
            int opIndex = 0;
            while (true) {
                boolean canPush = !ended && !fake.paused;
                boolean canSubmit = opIndex < s.ops.size();
                if (!canPush && !canSubmit) {
                    break;
                }
                int k = s.schedule.get(step++ % s.schedule.size());
                if (canPush && (k > 0 || !canSubmit)) {
                    for (int i = 0; i < Math.abs(k) && !ended && !fake.paused; i++) {
                        pushNext();
                        check("after chunk " + (chunkIndex - 1));
                    }
                } else {
                    for (int i = 0; i < Math.abs(k) && opIndex < s.ops.size(); i++) {
                        submit(opIndex++);
                        check("after submitting read " + (opIndex - 1) + " " + s.ops.get(opIndex - 1));
                    }
                }
            }
            if (ended) {
                assertThat(completions.size() == s.ops.size(), "after the end of stream, "
                    + (s.ops.size() - completions.size()) + " of " + s.ops.size() + " reads never completed");
            } else {
                // Stopped because the reader paused the stream: then no read may be waiting.
                assertThat(completions.size() == s.ops.size(), "the stream is paused while "
                    + (s.ops.size() - completions.size()) + " reads wait: they can never complete");
            }
        }

        void pushNext() {
            if (pushed == stream.length) {
                ended = true;
                fake.end();
                return;
            }
            int size = s.chunks.get(chunkIndex++ % s.chunks.size());
            if (chunkIndex > MAX_SMALL_CHUNKS) {
                // Bounds the work of a long stream cut into tiny chunks: past this many, chunks grow.
                size = Math.max(size, 1024);
            }
            size = Math.min(size, stream.length - pushed);
            largestChunk = Math.max(largestChunk, size);
            byte[] chunk = Arrays.copyOfRange(stream, pushed, pushed + size);
            pushed += size;   // before the push: reads completed by it see the bytes as arrived
            fake.push(Buffer.buffer(chunk));
        }

        void submit(int index) {
            Op op = s.ops.get(index);
            Future<Buffer> f;
            switch (op.kind) {
                case UNTIL -> f = reader.readUntil(Buffer.buffer(s.delimiter));
                case LINE -> f = reader.readLine();
                case EXACTLY -> f = reader.readExactly(op.n);
                case READ -> f = reader.read(op.n);
                default -> throw new IllegalStateException();
            }
            submitted.add(f);
            // Vert.x completes these futures synchronously, so the record says when each completed.
            f.onComplete(ar -> completions.add(new Completion(index, ar, pushed, ended)));
        }

        /** Checks new completions against the model, then the reader's state. */
        void check(String when) {
            while (checkedCompletions < completions.size()) {
                Completion c = completions.get(checkedCompletions);
                assertThat(c.index == checkedCompletions, "read " + c.index + " completed before read "
                    + checkedCompletions + ": reads must complete in the order asked");
                checkCompletion(c);
                checkedCompletions++;
            }
            int available = reader.available();
            // Held bytes are exactly those sent and not consumed (or thrown away as part of an overlong line).
            if (pushed >= model.pos && !(model.discardingToEnd && !ended)) {
                assertThat(available == pushed - model.pos, when + ": the reader holds " + available
                    + " bytes; sent and not consumed: " + (pushed - model.pos));
            } else {
                int keep = model.discardDelimiterLength - 1;
                assertThat(available <= keep, when + ": while an overlong line is thrown away the reader holds "
                    + available + " bytes, more than the " + keep + " that may start its delimiter");
            }
            // The bound of the class javadoc: read-ahead, line limit (plus a partial delimiter held with a
            // line at the limit) or pending readExactly, whichever is largest, plus one network chunk.
            int largestExactly = 0;
            for (int i = completions.size(); i < submitted.size(); i++) {
                Op op = s.ops.get(i);
                if (op.kind == Kind.EXACTLY) {
                    largestExactly = Math.max(largestExactly, op.n);
                }
            }
            int dlen = Math.max(s.delimiter.length, 1);
            long bound = (long) Math.max(READ_AHEAD, Math.max(s.maxLineLength + dlen, largestExactly)) + largestChunk;
            assertThat(available <= bound, when + ": the reader holds " + available + " bytes, above its bound " + bound);
            boolean waiting = completions.size() < submitted.size();
            if (!ended) {
                boolean shouldPause = !waiting && available >= READ_AHEAD;
                assertThat(fake.paused == shouldPause, when + ": stream paused=" + fake.paused + " with "
                    + available + " bytes held and " + (submitted.size() - completions.size()) + " reads waiting");
                sawPaused |= fake.paused;
            }
            if (waiting) {
                int head = completions.size();
                assertThat(!model.canServe(s.ops.get(head), s.delimiter, pushed, ended), when + ": read " + head + " "
                    + s.ops.get(head) + " still waits though the bytes that arrived serve it");
            }
        }

        void checkCompletion(Completion c) {
            Op op = s.ops.get(c.index);
            String what = "read " + c.index + " " + op;
            Expected e = model.next(op, s.delimiter, c.pushed);
            AsyncResult<Buffer> ar = c.result;
            switch (e.kind) {
                case BYTES -> {
                    assertThat(ar.succeeded(), what + ": expected " + hex(e.bytes) + ", failed with " + ar.cause());
                    assertThat(Arrays.equals(ar.result().getBytes(), e.bytes), what + ": expected " + hex(e.bytes)
                        + ", got " + hex(ar.result().getBytes()));
                    assertThat(c.pushed >= model.pos || e.bytes.length == 0 && c.ended,
                        what + ": completed before its bytes arrived");
                    if (op.kind == Kind.READ && op.n > 0 && e.bytes.length == 0) {
                        assertThat(c.ended, what + ": returned nothing before the end of stream");
                    }
                    if (op.kind == Kind.LINE && !c.ended) {
                        assertThat(e.bytes.length > 0 && e.bytes[e.bytes.length - 1] == '\n',
                            what + ": returned a partial line before the end of stream");
                    }
                }
                case TOO_LONG -> {
                    sawTooLong = true;
                    assertThat(ar.failed() && ar.cause() instanceof LineTooLongException, what
                        + ": expected LineTooLongException, got " + describe(ar));
                    assertThat(((LineTooLongException) ar.cause()).limit() == s.maxLineLength, what + ": wrong limit");
                }
                case INCOMPLETE -> {
                    sawIncomplete = true;
                    assertThat(ar.failed() && ar.cause() instanceof IncompleteReadException, what
                        + ": expected IncompleteReadException with " + hex(e.bytes) + ", got " + describe(ar));
                    IncompleteReadException x = (IncompleteReadException) ar.cause();
                    assertThat(Arrays.equals(x.partial().getBytes(), e.bytes), what + ": partial bytes "
                        + hex(x.partial().getBytes()) + ", expected " + hex(e.bytes));
                    OptionalInt expected = op.kind == Kind.EXACTLY ? OptionalInt.of(op.n) : OptionalInt.empty();
                    assertThat(x.expected().equals(expected), what + ": expected() is " + x.expected());
                    assertThat(c.ended, what + ": incomplete before the end of stream");
                    assertThat(x.getCause() == null, what + ": a clean end of stream has no cause");
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private record Completion(int index, AsyncResult<Buffer> result, int pushed, boolean ended) {
    }

    // ------------------------------------------------------------------------------------------ the model

    private enum Outcome { BYTES, TOO_LONG, INCOMPLETE }

    private record Expected(Outcome kind, byte[] bytes) {
    }

    /** asyncio's StreamReader semantics over the whole stream as one array: the reads' outcomes in order. */
    private static final class Model {
        final byte[] s;
        final int max;
        /** Where the next read starts (past any line thrown away). */
        int pos;
        /** Length of the delimiter of the last overlong line (for the bytes the reader may keep meanwhile). */
        int discardDelimiterLength = 1;
        /** An overlong line has no delimiter: the reader throws bytes away up to the end of stream. */
        boolean discardingToEnd;
        /** Cache for canServe: the head read it was computed for, and its delimiter's position. */
        int cachedFrom = -1;
        byte[] cachedDelimiter;
        int cachedAt;

        Model(byte[] s, int max) {
            this.s = s;
            this.max = max;
        }

        Expected next(Op op, byte[] delimiter, int pushed) {
            switch (op.kind) {
                case EXACTLY -> {
                    if (pos + op.n <= s.length) {
                        return take(op.n, Outcome.BYTES);
                    }
                    return take(s.length - pos, Outcome.INCOMPLETE);
                }
                case READ -> {
                    if (op.n == 0 || pos == s.length) {
                        return new Expected(Outcome.BYTES, new byte[0]);
                    }
                    // "Whatever is there": everything that arrived, up to n.
                    int there = Math.max(pushed - pos, 0);
                    return take(Math.max(1, Math.min(op.n, there)), Outcome.BYTES);
                }
                case UNTIL, LINE -> {
                    byte[] d = op.kind == Kind.LINE ? NEWLINE : delimiter;
                    int at = indexOf(s, d, pos);
                    if (at >= 0) {
                        if (at - pos > max) {
                            discardDelimiterLength = d.length;
                            pos = at + d.length;
                            return new Expected(Outcome.TOO_LONG, null);
                        }
                        return take(at + d.length - pos, Outcome.BYTES);
                    }
                    // No delimiter at all: any delimiter would start past the limit once more than
                    // limit + dlen - 1 bytes came without one.
                    if (s.length - pos - d.length + 1 > max) {
                        discardDelimiterLength = d.length;
                        discardingToEnd = true;
                        pos = s.length;
                        return new Expected(Outcome.TOO_LONG, null);
                    }
                    return take(s.length - pos, op.kind == Kind.LINE ? Outcome.BYTES : Outcome.INCOMPLETE);
                }
                default -> throw new IllegalStateException();
            }
        }

        private Expected take(int n, Outcome kind) {
            byte[] out = Arrays.copyOfRange(s, pos, pos + n);
            pos += n;
            return new Expected(kind, out);
        }

        /** Whether the bytes that arrived so far (or the end of stream) decide this read, the next one. */
        boolean canServe(Op op, byte[] delimiter, int pushed, boolean ended) {
            if (ended) {
                return true;
            }
            if (discardingToEnd) {
                return false;   // an overlong line without a delimiter is thrown away up to the end of stream
            }
            // Negative while an overlong line's delimiter has not arrived: reads are served in order, so even
            // a zero-byte read waits until the line before it has been thrown away.
            int avail = pushed - pos;
            switch (op.kind) {
                case EXACTLY -> {
                    return avail >= op.n;
                }
                case READ -> {
                    return avail > 0 || op.n == 0 && avail == 0;
                }
                case UNTIL, LINE -> {
                    byte[] d = op.kind == Kind.LINE ? NEWLINE : delimiter;
                    if (avail < 0) {
                        return false;
                    }
                    if (cachedFrom != pos || cachedDelimiter != d) {
                        cachedFrom = pos;
                        cachedDelimiter = d;
                        cachedAt = indexOf(s, d, pos);
                    }
                    boolean delimiterArrived = cachedAt >= 0 && cachedAt + d.length <= pushed;
                    return delimiterArrived || avail - d.length + 1 > max;
                }
                default -> throw new IllegalStateException();
            }
        }

        static int indexOf(byte[] s, byte[] d, int from) {
            outer:
            for (int i = from; i <= s.length - d.length; i++) {
                for (int j = 0; j < d.length; j++) {
                    if (s[i + j] != d[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------ the inputs

    enum Kind { UNTIL, LINE, EXACTLY, READ }

    /** One read request; n is the byte count of EXACTLY and READ. */
    record Op(Kind kind, int n) {
        @Override
        public String toString() {
            return switch (kind) {
                case UNTIL -> "readUntil";
                case LINE -> "readLine";
                case EXACTLY -> "readExactly(" + n + ")";
                case READ -> "read(" + n + ")";
            };
        }
    }

    /**
     * One try's input. The stream is the concatenation of the segments; chunk sizes and the schedule are used
     * cyclically: a positive schedule entry delivers that many chunks (the next one is the end of stream once
     * all bytes are out), a negative one submits that many reads.
     */
    record Scenario(byte[] delimiter, List<byte[]> segments, List<Integer> chunks, List<Op> ops, int maxLineLength,
                    List<Integer> schedule) {
        byte[] stream() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] seg : segments) {
                out.writeBytes(seg);
            }
            return out.toByteArray();
        }

        Scenario withSegments(List<byte[]> newSegments) {
            return new Scenario(delimiter, newSegments, chunks, ops, maxLineLength, schedule);
        }

        @Override
        public String toString() {
            byte[] all = stream();
            return "Scenario{delimiter=" + hex(delimiter) + ", maxLineLength=" + maxLineLength + ", stream("
                + all.length + ")=" + hex(all) + ", chunks=" + chunks + ", ops=" + ops + ", schedule=" + schedule + "}";
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return delimiters().flatMap(d -> Combinators.combine(
            segment(d).list().ofMaxSize(30),
            chunkSize().list().ofMinSize(1).ofMaxSize(8),
            op().list().ofMinSize(1).ofMaxSize(40),
            maxLineLength(),
            Arbitraries.integers().between(-4, 4).filter(k -> k != 0).list().ofMinSize(1).ofMaxSize(8)
        ).as((segments, chunks, ops, max, schedule) -> new Scenario(d, segments, chunks, ops, max, schedule))
            .flatMap(sc -> Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(sc)),
                // A stream longer than READ_AHEAD, mostly short lines: more than the reads consume, so the
                // reader must pause it.
                Tuple.of(1, Combinators.combine(bulk(d), Arbitraries.integers().between(0, sc.segments.size()))
                    .as((bulk, at) -> {
                        List<byte[]> segs = new ArrayList<>(sc.segments);
                        segs.add(at, bulk);
                        return sc.withSegments(segs);
                    })))));
    }

    /** Some pieces of data, repeated to READ_AHEAD bytes and beyond. */
    private static Arbitrary<byte[]> bulk(byte[] d) {
        Arbitrary<byte[]> unit = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40)),
                Tuple.of(3, Arbitraries.just(d)))
            .list().ofMinSize(1).ofMaxSize(6)
            .map(parts -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                parts.forEach(out::writeBytes);
                return out.toByteArray();
            });
        return Combinators.combine(unit, Arbitraries.integers().between(0, 20_000)).as((u, extra) -> {
            int n = READ_AHEAD + extra;
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = u[i % u.length];
            }
            return out;
        });
    }

    /** 1 to 4 random bytes (often from a small alphabet, so they recur in the data), CRLF or LF. */
    private static Arbitrary<byte[]> delimiters() {
        Arbitrary<Byte> small = Arbitraries.of((byte) '\r', (byte) '\n', (byte) 'a', (byte) 0, (byte) 0xFF);
        return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(new byte[] {'\r', '\n'})),
            Tuple.of(2, Arbitraries.just(new byte[] {'\n'})),
            Tuple.of(3, small.array(byte[].class).ofMinSize(1).ofMaxSize(4)),
            Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4)));
    }

    /** Adversarial pieces of the stream for this delimiter. */
    private static Arbitrary<byte[]> segment(byte[] d) {
        byte[] alphabet = {d[0], d[d.length - 1], '\r', '\n', 0, (byte) 0xFF, 'x'};
        Arbitrary<Byte> fromAlphabet = Arbitraries.of(box(alphabet));
        Arbitrary<byte[]> partial = d.length == 1
            ? Arbitraries.just(new byte[] {'\r'})
            : Arbitraries.integers().between(1, d.length - 1).flatMap(k -> Arbitraries.of(
                Arrays.copyOfRange(d, 0, k), Arrays.copyOfRange(d, d.length - k, d.length)));
        Arbitrary<Integer> runLength = Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.integers().between(1, 200)),
            Tuple.of(1, Arbitraries.integers().between(READ_AHEAD - 64, READ_AHEAD + 20_000)));
        Arbitrary<byte[]> run = Combinators.combine(fromAlphabet, runLength).as((b, n) -> {
            byte[] r = new byte[n];
            Arrays.fill(r, b);
            return r;
        });
        return Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)),
            Tuple.of(5, Arbitraries.just(d)),
            Tuple.of(2, partial),
            Tuple.of(2, Arbitraries.of(new byte[] {'\r'}, new byte[] {0}, new byte[] {(byte) 0xFF}, new byte[] {'\r', '\r'})),
            Tuple.of(4, fromAlphabet.array(byte[].class).ofMinSize(1).ofMaxSize(30)),
            Tuple.of(1, run));
    }

    private static Byte[] box(byte[] bytes) {
        Byte[] out = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i];
        }
        return out;
    }

    /** Mostly tiny chunks, which split delimiters; sometimes large ones. */
    private static Arbitrary<Integer> chunkSize() {
        return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(1)),
            Tuple.of(3, Arbitraries.integers().between(2, 8)),
            Tuple.of(3, Arbitraries.integers().between(9, 300)),
            Tuple.of(1, Arbitraries.integers().between(301, 70_000)));
    }

    private static Arbitrary<Op> op() {
        Arbitrary<Integer> count = Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.integers().between(0, 24)),
            Tuple.of(1, Arbitraries.integers().between(25, 90_000)));
        return Arbitraries.frequencyOf(
            Tuple.of(7, Arbitraries.just(new Op(Kind.UNTIL, 0))),
            Tuple.of(3, Arbitraries.just(new Op(Kind.LINE, 0))),
            Tuple.of(4, count.map(n -> new Op(Kind.EXACTLY, n))),
            Tuple.of(4, count.map(n -> new Op(Kind.READ, n))));
    }

    /** Mostly small, to hit the limit; sometimes around and above READ_AHEAD. */
    private static Arbitrary<Integer> maxLineLength() {
        return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(1, 16)),
            Tuple.of(3, Arbitraries.integers().between(17, 300)),
            Tuple.of(1, Arbitraries.integers().between(READ_AHEAD - 8, READ_AHEAD + 30_000)));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void assertThat(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static String describe(AsyncResult<Buffer> ar) {
        return ar.succeeded() ? "bytes " + hex(ar.result().getBytes()) : String.valueOf(ar.cause());
    }

    static String hex(byte[] b) {
        if (b == null) {
            return "null";
        }
        String h = HexFormat.of().formatHex(b, 0, Math.min(b.length, 48));
        return "[" + b.length + "]" + h + (b.length > 48 ? "..." : "");
    }
}
