package dev.tcpip.bench.load;

import dev.tcpip.cluster.demo.MockControllerCodec;
import dev.tcpip.mock.MockProtocol;
import dev.tcpip.mock.Telemetry;
import dev.tcpip.struct.StructJson;
import dev.tcpip.struct.message.Message;
import dev.tcpip.struct.message.StandardHeader;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FanOutPayloadTest {

    @Test
    void theBarePublishersJsonIsWhatTheRelayPublishesForTheSameSample() {
        for (long k : new long[] {1, 2, 99, 12_345, 4_000_000_000L}) {
            JsonObject relayed = StructJson.toJson(FanOutPayload.fill(new Telemetry(), k));
            JsonObject bare = FanOutPayload.json(k);
            assertEquals(relayed, bare, "sample " + k);
            // Same keys in the same order, same value types: the same bytes on the wire.
            assertEquals(relayed.encode(), bare.encode(), "sample " + k);
            assertEquals(List.of(FanOutPayload.KEYS), new ArrayList<>(bare.fieldNames()));
        }
        assertNotEquals(FanOutPayload.json(1).encode(), FanOutPayload.json(2).encode(), "no two samples are the same");
    }

    @Test
    void theRelaysCodecPublishesTheSampleAsStructJsonDoes() {
        Telemetry sample = FanOutPayload.fill(new Telemetry(), 7);
        StandardHeader header = new StandardHeader();
        header.messageId.set(MockProtocol.TELEMETRY);
        JsonObject event = new MockControllerCodec().toEvent(new Message<>(header, sample));
        assertEquals(FanOutPayload.json(7), event);
    }

    @Test
    void theEnvelopeIsTheSequencedPublishersAndTheWallClockCountsMicroseconds() {
        JsonObject e = FanOutPayload.envelope(3, FanOutPayload.json(3));
        assertEquals(List.of("seq", "body"), new ArrayList<>(e.fieldNames()));
        assertEquals(3L, e.getLong("seq"));
        long before = System.currentTimeMillis();
        long micros = FanOutPayload.wallMicros();
        long after = System.currentTimeMillis();
        assertTrue(micros / 1000 >= before - 1 && micros / 1000 <= after + 1, micros + " µs against " + before + " ms");
    }
}
