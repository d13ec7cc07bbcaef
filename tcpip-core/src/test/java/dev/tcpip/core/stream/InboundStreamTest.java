package dev.tcpip.core.stream;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reader's bytes as a Vert.x ReadStream: RecordParser on top, backpressure, order and the end. */
class InboundStreamTest {
    private final FakeReadStream source = new FakeReadStream();
    private final StreamReader reader = new StreamReader(source, 1024);

    @Test
    void recordParserSplitsTheLinesOfTheStream() {
        List<String> lines = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        RecordParser parser = RecordParser.newDelimited("\r\n", new InboundStream(reader));
        parser.handler(line -> lines.add(line.toString()));
        parser.endHandler(v -> ends.add("end"));
        source.push("MOVE 1\r\nMOVE");
        source.push(" 2\r\nSTOP\r\n");
        assertEquals(List.of("MOVE 1", "MOVE 2", "STOP"), lines);
        source.end();
        assertEquals(List.of("end"), ends);
    }

    @Test
    void readsAskedForBeforeComeFirst() {
        source.push("first\nrest");
        assertEquals("first\n", reader.readLine().result().toString());
        List<String> chunks = new ArrayList<>();
        new InboundStream(reader).handler(b -> chunks.add(b.toString()));
        assertEquals(List.of("rest"), chunks);
    }

    @Test
    void pausingStopsTheReadingAndTheSocketIsPausedOnceTheReadAheadIsFull() {
        InboundStream stream = new InboundStream(reader);
        List<Buffer> got = new ArrayList<>();
        stream.handler(got::add);
        stream.pause();
        source.push(Buffer.buffer(new byte[StreamReader.READ_AHEAD]));   // the chunk already asked for: held
        source.push(Buffer.buffer(new byte[StreamReader.READ_AHEAD]));   // fills the reader's read-ahead
        assertTrue(got.isEmpty(), "nothing handed over while paused");
        assertTrue(source.paused, "the socket is paused: the peer meets TCP backpressure");
        stream.fetch(1);
        assertEquals(1, got.size(), "one chunk for a demand of one");
        stream.fetch(1);
        assertEquals(2, got.size());
        assertFalse(source.paused, "the read-ahead was taken: reading again");
        stream.resume();
        source.push("more");
        assertEquals("more", got.get(got.size() - 1).toString());
    }

    @Test
    void aResetReachesTheExceptionHandlerBeforeTheEnd() {
        List<String> events = new ArrayList<>();
        InboundStream stream = new InboundStream(reader);
        stream.exceptionHandler(t -> events.add("error " + t.getMessage()));
        stream.endHandler(v -> events.add("end"));
        stream.handler(b -> events.add("data " + b));
        source.push("x");
        reader.connectionFailed(new IOException("Connection reset by peer"));
        source.end();
        assertEquals(List.of("data x", "error Connection reset by peer", "end"), events);
    }
}
