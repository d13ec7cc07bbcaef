package dev.tcpip.core.stream;

import dev.tcpip.core.LineTooLongException;
import dev.tcpip.core.framing.FrameDecoder;
import dev.tcpip.core.framing.Framing;
import dev.tcpip.core.framing.ReadBuffer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pull reader on its own, fed by a fake stream: splitting, ordering and completion. */
class StreamReaderTest {
    private final FakeReadStream source = new FakeReadStream();

    /** The lines of {@code data} through each delimiter, the naive way, for comparison. */
    private static List<String> splitNaively(String data, String delimiter) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = data.indexOf(delimiter, from)) >= 0) {
            lines.add(data.substring(from, at + delimiter.length()));
            from = at + delimiter.length();
        }
        return lines;
    }

    @Test
    void linesSplitAtRandomPointsComeOutExactlyAsSent() {
        // Delimiters whose first byte also occurs on its own in the data, and one that overlaps itself.
        String[] delimiters = {"\r\n", "\n", "\r\r\n", "abab", "x"};
        String alphabet = "ab\r\nxyz";
        Random random = new Random(42);
        for (String delimiter : delimiters) {
            for (int trial = 0; trial < 200; trial++) {
                StringBuilder sb = new StringBuilder();
                int n = random.nextInt(400);
                for (int i = 0; i < n; i++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String data = sb.toString();
                List<String> expected = splitNaively(data, delimiter);

                FakeReadStream in = new FakeReadStream();
                StreamReader reader = new StreamReader(in, 1 << 20);
                Buffer delim = Buffer.buffer(delimiter);
                List<String> got = new ArrayList<>();
                List<Future<Buffer>> asked = new ArrayList<>();
                for (int i = 0; i < expected.size(); i++) {
                    asked.add(reader.readUntil(delim));
                }
                int at = 0;
                while (at < data.length()) {
                    int len = 1 + random.nextInt(Math.min(64, data.length() - at));
                    in.push(data.substring(at, at + len));
                    at += len;
                }
                for (Future<Buffer> f : asked) {
                    assertTrue(f.succeeded(), () -> "delimiter " + escape(delimiter) + " in " + escape(data));
                    got.add(f.result().toString(StandardCharsets.ISO_8859_1));
                }
                assertEquals(expected, got, "delimiter " + escape(delimiter) + " in " + escape(data));
                String rest = data.substring(String.join("", expected).length());
                assertEquals(rest.length(), reader.available(), "bytes left after the last delimiter");
            }
        }
    }

    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    @Test
    void readsServedFromBufferedBytesCompleteAtOnce() {
        StreamReader reader = new StreamReader(source, 1024);
        source.push("one\r\ntwo\r\n");
        Future<Buffer> first = reader.readUntil(Buffer.buffer("\r\n"));
        Future<Buffer> second = reader.readUntil(Buffer.buffer("\r\n"));
        assertTrue(first.isComplete() && second.isComplete(), "both lines were buffered");
        assertEquals("one\r\n", first.result().toString());
        assertEquals("two\r\n", second.result().toString());
        assertFalse(reader.readUntil(Buffer.buffer("\r\n")).isComplete(), "nothing more is buffered");
    }

    @Test
    void aReadAskedForByAContinuationQueuesBehindReadsAskedEarlier() {
        StreamReader reader = new StreamReader(source, 1024);
        Buffer crlf = Buffer.buffer("\r\n");
        List<String> order = new ArrayList<>();
        Future<Buffer> first = reader.readUntil(crlf);
        first.onSuccess(line -> reader.readUntil(crlf).onSuccess(third -> order.add("third got " + third)));
        Future<Buffer> second = reader.readUntil(crlf);
        second.onSuccess(line -> order.add("second got " + line));
        source.push("1\r\n2\r\n3\r\n");
        assertEquals(List.of("second got 2\r\n", "third got 3\r\n"), order);
    }

    /** A 2-byte big-endian length, then that many bytes: peeked with getBytes, taken with skip. */
    private static final class PeekingFraming implements Framing<String> {
        final List<String> errors = new ArrayList<>();

        @Override
        public FrameDecoder<String> newDecoder() {
            return new FrameDecoder<>() {
                @Override
                public String decode(ReadBuffer in) {
                    return frame(in);
                }

                @Override
                public String decodeAtEnd(ReadBuffer in) {
                    throw new IllegalStateException("not used: the stream does not end");
                }
            };
        }

        private String frame(ReadBuffer in) {
            if (in.available() < 2) {
                return null;
            }
            byte[] length = new byte[3];
            in.getBytes(0, 2, length, 1);
            int n = ((length[1] & 0xff) << 8) | (length[2] & 0xff);
            if (in.available() < 2 + n) {
                return null;
            }
            byte[] body = new byte[n];
            in.getBytes(2, 2 + n, body, 0);
            for (int[] bad : new int[][] {{-1, 1, 0}, {0, in.available() + 1, 0}, {2, 1, 0}, {0, 2, n}}) {
                try {
                    in.getBytes(bad[0], bad[1], body, bad[2]);
                    errors.add("no error for " + java.util.Arrays.toString(bad));
                } catch (IndexOutOfBoundsException expected) {
                    // the range is outside the unread bytes, or does not fit in the array
                }
            }
            in.skip(2 + n);
            return new String(body, StandardCharsets.ISO_8859_1);
        }

        @Override
        public Buffer encode(String frame) {
            return Buffer.buffer().appendUnsignedShort(frame.length()).appendString(frame);
        }

        @Override
        public int maxFrameLength() {
            return 65535;
        }
    }

    @Test
    void getBytesCopiesUnreadBytesWithoutTakingThemAndSkipTakesThem() {
        StreamReader reader = new StreamReader(source, 1024);
        PeekingFraming framing = new PeekingFraming();
        Future<String> first = reader.read(framing);
        Future<String> second = reader.read(framing);
        Buffer wire = framing.encode("hello").appendBuffer(framing.encode("")).appendString("rest\r\n");
        for (int i = 0; i < wire.length(); i++) {
            source.push(wire.getBuffer(i, i + 1));   // one byte at a time: every split of the header and body
        }
        assertEquals("hello", first.result());
        assertEquals("", second.result());
        assertEquals(List.of(), framing.errors, "out-of-range copies are refused");
        assertEquals("rest\r\n", reader.readLine().result().toString(), "the frames' bytes are gone, the rest is not");
    }

    @Test
    void anOverlongLineServedAtOnceFailsAndTheNextLineIsRead() {
        StreamReader reader = new StreamReader(source, 4);
        source.push("too long\r\nok\r\n");
        Future<Buffer> overlong = reader.readUntil(Buffer.buffer("\r\n"));
        assertInstanceOf(LineTooLongException.class, overlong.cause());
        assertEquals("ok\r\n", reader.readUntil(Buffer.buffer("\r\n")).result().toString());
    }

    @Test
    void aFullReadAheadPausesTheSourceUntilReadsTakeIt() {
        StreamReader reader = new StreamReader(source, 1024);
        source.push(Buffer.buffer(new byte[StreamReader.READ_AHEAD]));
        assertTrue(source.paused, "read-ahead full and no read waiting");
        assertTrue(reader.readExactly(StreamReader.READ_AHEAD).succeeded());
        assertFalse(source.paused, "read-ahead taken");
    }

    /** Reads each line from the previous line's callback, Vert.x style, until an empty read (end of stream). */
    private static void readEachLineFromTheLastOnesCallback(StreamReader reader, List<Integer> lengths, int[] endOfStream) {
        reader.readLine().onComplete(ar -> {
            if (ar.result().length() == 0) {
                endOfStream[0]++;
            } else {
                lengths.add(ar.result().length());
                readEachLineFromTheLastOnesCallback(reader, lengths, endOfStream);
            }
        });
    }

    @Test
    void aReadLoopThatReadsAgainFromEachCallbackDoesNotGrowTheStackWithTheLinesBuffered() {
        // serve() promises to turn a continuation's read into a loop: a burst of lines must not nest one
        // callback per line (a StackOverflowError there loses the rest of the lines and ends the loop).
        StreamReader reader = new StreamReader(source, 1024);
        List<Integer> lengths = new ArrayList<>();
        int[] endOfStream = new int[1];
        readEachLineFromTheLastOnesCallback(reader, lengths, endOfStream);
        int lines = 200_000;
        source.push("x\n".repeat(lines));
        source.end();
        assertEquals(lines, lengths.size(), "every line read");
        assertEquals(1, endOfStream[0], "then the end of stream");
    }
}
