package dev.tcpip.core.stream;

import dev.tcpip.core.LineTooLongException;
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
