package dev.tcpip.bench.load;

import dev.tcpip.core.OneClientServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sinks (d) and (e), in this JVM, fed by the flood client and by this project's Client: a right
 * stream is answered with its count and checksum, a wrong one with an error.
 */
class SinkServerTest {
    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private int deploy(OneClientServer server) throws Exception {
        await(vertx.deployVerticle(server));
        return server.port();
    }

    @Test
    void theStructSinkAnswersCountAndChecksumOfARightStream() throws Exception {
        int port = deploy(new StructSink());
        SocketLoads.Flood f = SocketLoads.flood(port, SocketLoads.structFlood(32 * 5000), TimeUnit.SECONDS.toNanos(20));
        assertFalse(f.stalled);
        assertEquals(f.length, f.accepted);
    }

    @Test
    void theJsonSinkAnswersCountAndChecksumOfARightStream() throws Exception {
        int port = deploy(new JsonSink());
        SocketLoads.Flood f = SocketLoads.flood(port, SocketLoads.jsonFlood(64 * 5000), TimeUnit.SECONDS.toNanos(20));
        assertFalse(f.stalled);
    }

    /** Flips one bit of the byte at {@code offset} of the stream. */
    private static SocketLoads.FloodSource corrupt(SocketLoads.FloodSource source, long offset) {
        return new SocketLoads.FloodSource() {
            private long at;

            @Override
            public long length() {
                return source.length();
            }

            @Override
            public int fill(byte[] buf) {
                int n = source.fill(buf);
                if (offset >= at && offset < at + n) {
                    buf[(int) (offset - at)] ^= 1;
                }
                at += n;
                return n;
            }

            @Override
            public String expectedAnswer() {
                return source.expectedAnswer();
            }
        };
    }

    @Test
    void theStructSinkReportsAWrongStruct() throws Exception {
        int port = deploy(new StructSink());
        int header = ("COUNT 100\r\n").length();
        SocketLoads.FloodSource source = corrupt(SocketLoads.structFlood(32 * 100), header + 32 * 7 + 20);
        LoadException e = assertThrows(LoadException.class,
            () -> SocketLoads.flood(port, source, TimeUnit.SECONDS.toNanos(20)));
        assertTrue(e.getMessage().contains("answered 'ERR struct 7 is wrong"), e.getMessage());
    }

    @Test
    void theJsonSinkReportsAWrongLine() throws Exception {
        int port = deploy(new JsonSink());
        int header = ("COUNT 100\r\n").length();
        // {"seq":12,... has its second digit at offset 8: 12 becomes 13
        SocketLoads.FloodSource source = corrupt(SocketLoads.jsonFlood(64 * 100), header + 64 * 12 + 8);
        LoadException e = assertThrows(LoadException.class,
            () -> SocketLoads.flood(port, source, TimeUnit.SECONDS.toNanos(20)));
        assertTrue(e.getMessage().contains("answered 'ERR JSON line 12 is wrong"), e.getMessage());
    }

    @Test
    void theJsonSinkReportsALineThatIsNotJson() throws Exception {
        int port = deploy(new JsonSink());
        int header = ("COUNT 100\r\n").length();
        // {"seq":12,... has its first digit at offset 7: 12 becomes 02, which JSON refuses
        SocketLoads.FloodSource source = corrupt(SocketLoads.jsonFlood(64 * 100), header + 64 * 12 + 7);
        LoadException e = assertThrows(LoadException.class,
            () -> SocketLoads.flood(port, source, TimeUnit.SECONDS.toNanos(20)));
        assertTrue(e.getMessage().contains("answered 'ERR JSON line 12 is unreadable"), e.getMessage());
    }

    @Test
    void theProjectsClientDrivesBothSinksRoundAfterRound() throws Exception {
        int structPort = deploy(new StructSink());
        int jsonPort = deploy(new JsonSink());
        try (OneWayClient structs = OneWayClient.connect(vertx, structPort);
             OneWayClient json = OneWayClient.connect(vertx, jsonPort)) {
            for (int round = 0; round < 2; round++) {
                assertTrue(structs.run(ServerKind.STRUCT, 3000, 100, 30) > 0);
                assertTrue(json.run(ServerKind.JSON, 2000, 64, 30) > 0);
            }
            assertTrue(structs.run(ServerKind.STRUCT, 1, 1000, 30) > 0, "a batch larger than the count");
        }
    }
}
