package dev.tcpip.bench.load;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny run of the endpoints mode gives every figure, and the report shows them; no timing is checked. */
class EndpointBenchTest {

    private static Results run(String... args) {
        Results results = new Results();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        EndpointBench.run(LoadOptions.parse(args), results, new PrintStream(progress, true, StandardCharsets.UTF_8));
        assertEquals(List.of(), results.errors(), progress.toString(StandardCharsets.UTF_8));
        return results;
    }

    @Test
    void aTinyRunGivesEveryFigureAndTheReportShowsThem() {
        Results r = run("--only", "endpoints", "--rounds", "2", "--warmup", "0", "--messages", "500",
            "--large-messages", "50", "--restart-delays", "20");
        for (ServerKind kind : new ServerKind[] {ServerKind.QUEUE, ServerKind.VERTX, ServerKind.GATHERED}) {
            for (String size : new String[] {"64 B: ", "1 KiB: "}) {
                Results.Series rate = r.series(Mode.ENDPOINTS, kind, size + Results.MESSAGES);
                assertNotNull(rate, kind + " " + size);
                assertEquals(2, rate.values().size());
                assertTrue(rate.median() > 0);
                assertNotNull(r.series(Mode.ENDPOINTS, kind, size + Results.MBS));
                assertNotNull(r.series(Mode.ENDPOINTS, kind, size + Results.RECEIVER_CPU), "thread CPU time is measured on Linux");
                assertNotNull(r.series(Mode.ENDPOINTS, kind, size + Results.SENDER_CPU));
            }
        }
        for (String prefix : new String[] {Results.restartPrefix(20, 0), Results.restartPrefix(20, 40)}) {
            for (String figure : new String[] {Results.RESTART_TO_FIRST, Results.DOWN, Results.RETRY, Results.DELAY_IN_EFFECT,
                Results.NOMINAL_DELAY, Results.ATTEMPT_TO_CONNECTED, Results.CONNECTED_TO_FIRST, Results.CLOSE,
                Results.CLOSING_CONNECTIONS}) {
                Results.Series s = r.series(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + figure);
                assertNotNull(s, prefix + figure);
                assertEquals(2, s.values().size(), prefix + figure);
            }
            Results.Series retry = r.series(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + Results.RETRY);
            assertTrue(Stats.min(retry.values()) >= 1, "a retry number counts from 1: " + retry.values());
        }
        assertNull(r.series(Mode.ENDPOINTS, ServerKind.VERTX, Results.restartPrefix(20, 0) + Results.RESTART_TO_FIRST),
            "raw Vert.x has no reconnecting");

        Report report = new Report(r, List.of("cores: 2"), "java -jar x.jar --only endpoints");
        String text = report.text();
        assertTrue(text.contains("Endpoint ratios (h queue endpoints / i raw Vert.x line pair, j its gathering sender):"), text);
        assertTrue(text.contains("64 B: messages/s: h / i (raw Vert.x line pair"), text);
        assertTrue(text.contains("1 KiB: messages/s: h / i (raw Vert.x line pair"), text);
        assertTrue(text.contains("1 KiB: messages/s: h / j (raw Vert.x lines, 64 KiB writes"), text);
        assertTrue(text.contains("Server restart to first message"), text);
        assertTrue(text.contains("restart, delay 20 ms, down 0 ms "), text);
        assertTrue(text.contains("restart, delay 20 ms, down 40 ms "), text);
        assertTrue(text.contains("20 ± 4"), "the nominal delay of the first retry and its jitter: " + text);
        assertTrue(text.contains("queue endpoints (h) >= 0.90x raw Vert.x lines (i)"), text);
        assertTrue(text.contains("first message within the client's delay in effect, jitter included"), text);
        String md = report.markdown();
        assertTrue(md.contains("### Endpoint ratios (h queue endpoints / i raw Vert.x line pair, j its gathering sender)"), md);
        assertTrue(md.contains("| endpoints | (h) queue endpoints (ClientSender to ServerReceiver) | 64 B: messages/s |"), md);
    }

    @Test
    void onlyTheQueueEndpointsRunWhenOnlyTheyAreChosen() {
        Results r = run("--only", "endpoints,h", "--rounds", "1", "--warmup", "0", "--messages", "200",
            "--large-messages", "20", "--restart-delays", "10");
        assertNotNull(r.series(Mode.ENDPOINTS, ServerKind.QUEUE, "64 B: " + Results.MESSAGES));
        assertNull(r.series(Mode.ENDPOINTS, ServerKind.VERTX, "64 B: " + Results.MESSAGES));
        assertTrue(new Report(r, List.of(), "cmd").endpointRatios().isEmpty());
    }

    @Test
    void onlyTheRawPairRunsWithoutRestarts() {
        Results r = run("--only", "endpoints,vertx", "--rounds", "1", "--warmup", "0", "--messages", "200",
            "--large-messages", "20");
        assertNotNull(r.series(Mode.ENDPOINTS, ServerKind.VERTX, "1 KiB: " + Results.MESSAGES));
        assertTrue(r.allSeries().stream().noneMatch(s -> s.figure().startsWith("restart")), "restarts need (h)");
    }
}
