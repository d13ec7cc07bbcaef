package dev.tcpip.bench.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    @Test
    void textTablePadsColumnsToTheWidestCell() {
        String text = new TextTable("A", "Bee").row("long cell", "x").row("y", "z").text();
        List<String> lines = text.lines().collect(java.util.stream.Collectors.toList());
        assertEquals(List.of("A          Bee", "---------  ---", "long cell  x", "y          z"), lines);
    }

    @Test
    void markdownTableHasHeaderSeparatorAndEscapedPipes() {
        String md = new TextTable("A", "B").row("1|2", "3").markdown();
        assertEquals("| A | B |\n|---|---|\n| 1\\|2 | 3 |\n", md);
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable("A", "B").row("only one"));
    }

    @Test
    void numbersAreFormattedForPeople() {
        assertEquals("1.23 M", Report.rate(1_234_567));
        assertEquals("31.2 k", Report.rate(31_200));
        assertEquals("950", Report.rate(950));
        assertEquals("1.50x", Report.ratio(1.5));
        assertEquals("64.0 MiB", Report.mib(64L << 20));
        assertEquals("?", Report.mib(-1));
    }

    private static Results sample() {
        Results r = new Results();
        double[] a = {1.0e6, 0.8e6, 0.9e6};
        double[] c = {1.6e6, 1.6e6, 1.8e6};
        for (int i = 0; i < 3; i++) {
            r.add(Mode.PIPELINED, ServerKind.RECORD, Results.LINES, a[i]);
            r.add(Mode.PIPELINED, ServerKind.PULL, Results.LINES, c[i]);
        }
        r.add(Mode.ONE_WAY, ServerKind.STRUCT, Results.STRUCTS, 6e6);
        r.startup(Report.ECHO_DEMO, 1200);
        return r;
    }

    @Test
    void figuresShowMedianAndRange() {
        String text = new Report(sample(), List.of("cores: 2"), "java -jar x.jar").figures().text();
        assertTrue(text.contains("(a) bare RecordParser echo  lines/s    900.0 k  800.0 k – 1.00 M  3"), text);
        assertTrue(text.contains("(c) pull-API EchoServer     lines/s    1.60 M   1.60 M – 1.80 M   3"), text);
    }

    @Test
    void ratiosAreMedianOverMedianWithThePerRoundRange() {
        String text = new Report(sample(), List.of(), "cmd").ratios().text();
        // 1.6 M / 0.9 M = 1.78; per round 1.6, 2.0, 2.0
        assertTrue(text.contains("pipelined lines/s: c / a (bare RecordParser echo)  1.78x"), text);
        assertTrue(text.contains("1.60x – 2.00x"), text);
        assertFalse(text.contains("c / b"), "no (b) figures, so no c / b ratio: " + text);
    }

    @Test
    void targetsSayWhetherEachWasMet() {
        String text = new Report(sample(), List.of(), "cmd").targets().text();
        assertTrue(text.matches("(?s).*>= 1.5x bare RecordParser echo\\s+1.78x\\s+yes.*"), text);
        assertTrue(text.matches("(?s).*2 M lines/s\\)\\s+1.60 M lines/s \\(16.00x Python\\)\\s+no.*"), text);
        assertTrue(text.matches("(?s).*struct stream >= 5 M structs/s\\s+6.00 M structs/s\\s+yes.*"), text);
        assertTrue(text.matches("(?s).*demo start <= 1 s \\(echo-server.jar\\)\\s+1200 ms\\s+no.*"), text);
    }

    @Test
    void markdownHasTheCommandTheMachineAndTheTables() {
        String md = new Report(sample(), List.of("cores: 2", "JDK: 17"), "java -jar x.jar --rounds 3").markdown();
        assertTrue(md.contains("```sh\njava -jar x.jar --rounds 3\n```"), md);
        assertTrue(md.contains("- cores: 2\n- JDK: 17\n"), md);
        assertTrue(md.contains("| pipelined | (c) pull-API EchoServer | lines/s | 1.60 M | 1.60 M – 1.80 M | 3 |"), md);
    }

    private static Results endpoints() {
        Results r = new Results();
        double[] h = {900e3, 1.1e6, 1.0e6};
        double[] i = {200e3, 250e3, 100e3};
        for (int k = 0; k < 3; k++) {
            r.add(Mode.ENDPOINTS, ServerKind.QUEUE, "64 B: " + Results.MESSAGES, h[k]);
            r.add(Mode.ENDPOINTS, ServerKind.VERTX, "64 B: " + Results.MESSAGES, i[k]);
        }
        String p = Results.restartPrefix(500, 1000);
        double[][] rounds = { // restart to first, down, retry, delay, nominal, attempt, connected, close, closing
            {450, 1003, 2, 1100, 1000, 2.1, 1.0, 1.5, 0},
            {700, 1004, 2, 1150, 1000, 2.0, 1.2, 1.6, 0},
            {300, 1002, 2, 900, 1000, 1.9, 0.9, 1.4, 1}};
        String[] figures = {Results.RESTART_TO_FIRST, Results.DOWN, Results.RETRY, Results.DELAY_IN_EFFECT,
            Results.NOMINAL_DELAY, Results.ATTEMPT_TO_CONNECTED, Results.CONNECTED_TO_FIRST, Results.CLOSE,
            Results.CLOSING_CONNECTIONS};
        for (double[] round : rounds) {
            for (int f = 0; f < figures.length; f++) {
                r.add(Mode.ENDPOINTS, ServerKind.QUEUE, p + figures[f], round[f]);
            }
        }
        return r;
    }

    private static Results udpSample() {
        Results r = new Results();
        double[] h = {9.0e3, 10.0e3, 11.0e3};
        double[] j = {10.0e3, 10.0e3, 10.0e3};
        for (int i = 0; i < 3; i++) {
            r.add(Mode.UDP, ServerKind.DATAGRAM, Results.udpPing(64, Results.UDP_ROUND_TRIPS), h[i]);
            r.add(Mode.UDP, ServerKind.DATAGRAM, Results.udpPing(64, Results.UDP_LOST), 0);
            r.add(Mode.UDP, ServerKind.DATAGRAM_SOCKET, Results.udpPing(64, Results.UDP_ROUND_TRIPS), j[i]);
            r.add(Mode.UDP, ServerKind.DATAGRAM, Results.udpOneWay(1024, Results.UDP_RECEIVED), 2 * h[i]);
            r.add(Mode.UDP, ServerKind.DATAGRAM, Results.udpOneWay(1024, Results.UDP_LOSS), 12.5);
            r.add(Mode.UDP, ServerKind.DATAGRAM_SOCKET, Results.udpOneWay(1024, Results.UDP_RECEIVED), 4 * j[i]);
        }
        return r;
    }

    @Test
    void endpointRatiosAreMedianOverMedianWithThePerRoundRange() {
        String text = new Report(endpoints(), List.of(), "cmd").endpointRatios().text();
        // 1.0 M / 200 k = 5.00; per round 4.5, 4.4, 10
        assertTrue(text.contains("64 B: messages/s: h / i (raw Vert.x line pair (NetClient to RecordParser))  5.00x"), text);
        assertTrue(text.contains("4.40x – 10.00x"), text);
    }

    @Test
    void theRestartTableHasTheMedianFirstMessageTheRetryAndItsDelay() {
        String text = new Report(endpoints(), List.of(), "cmd").restarts().text();
        assertTrue(text.matches("(?s).*restart, delay 500 ms, down 1000 ms\\s+450.0 \\(300.0 – 700.0\\)\\s+2 \\(2 – 2\\).*"), text);
        assertTrue(text.contains("1100.0 (900.0 – 1150.0); 1000 ± 200"), text);
        assertTrue(text.matches("(?s).*1\\.5 \\(1\\.4 – 1\\.6\\)\s+1\s*\n.*"), "close times, one connection to the closing server: " + text);
    }

    @Test
    void endpointTargetsCompareTheRatioAndTheDelayInEffect() {
        String text = new Report(endpoints(), List.of(), "cmd").targets().text();
        assertTrue(text.matches("(?s).*64 B: messages/s: queue endpoints \\(h\\) >= 0.90x raw Vert.x lines \\(i\\)\s+5.00x\s+yes.*"), text);
        assertTrue(text.matches("(?s).*restart, delay 500 ms, down 1000 ms: first message within the client's delay in effect,"
            + " jitter included\s+450.0 ms \\(bound 1200 ms\\)\s+yes.*"), text);
    }

    @Test
    void udpFiguresRatiosAndTargets() {
        Report report = new Report(udpSample(), List.of(), "cmd");
        String figures = report.figures().text();
        assertTrue(figures.contains("ping-pong 64 B: round trips/s  10.0 k"), figures);
        assertTrue(figures.contains("ping-pong 64 B: echoes lost    0 "), figures);
        assertTrue(figures.contains("one-way 1 KiB: loss %          12.5"), figures);
        String ratios = report.udpRatios().text();
        assertTrue(ratios.contains("ping-pong 64 B: round trips/s: k / m (DatagramServer echo (bytes))  1.00x"), ratios);
        assertTrue(ratios.contains("0.90x – 1.10x"), ratios);
        assertTrue(ratios.contains("one-way 1 KiB: received/s: k / m (DatagramServer echo (bytes))"), ratios);
        assertTrue(ratios.contains("0.50x"), ratios);
        assertFalse(ratios.contains("l / m"), "no (l) figures, so no l / m ratio: " + ratios);
        String targets = report.targets().text();
        assertTrue(targets.matches("(?s).*udp ping-pong 64 B: round trips/s: \\(k\\) DatagramServer echo \\(bytes\\) >= 0.90x"
            + " bare DatagramSocket \\(m\\)\\s+1.00x\\s+yes.*"), targets);
        assertTrue(targets.matches("(?s).*udp one-way 1 KiB: received/s: .*0.50x\\s+no.*"), targets);
        assertTrue(report.markdown().contains("### Datagram ratios (k, l DatagramServer / m bare DatagramSocket)"));
    }

    private static Results clusterSample() {
        Results r = new Results();
        double[][] rates = {{50e3, 60e3, 40e3}, {60e3, 60e3, 50e3}};
        double[][] oneWay = {{100, 90, 110}, {50, 60, 55}};
        ServerKind[] kinds = {ServerKind.RELAY, ServerKind.BUS};
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 3; i++) {
                r.add(Mode.CLUSTER, kinds[k], Results.FANOUT_MESSAGES, rates[k][i]);
                r.add(Mode.CLUSTER, kinds[k], Results.FANOUT_PREFIX + Results.ONE_WAY_P50, 10_000);
                r.add(Mode.CLUSTER, kinds[k], Results.FANOUT_PREFIX + Results.LOOP_CPU, k == 0 ? 15 : 12);
                r.add(Mode.CLUSTER, kinds[k], Results.ONE_AT_A_TIME_PREFIX + Results.ONE_WAY_P50, oneWay[k][i]);
            }
        }
        return r;
    }

    @Test
    void clusterRatiosAddedLatencyAndTarget() {
        Report report = new Report(clusterSample(), List.of(), "cmd");
        String ratios = report.clusterRatios().text();
        // 50 k / 60 k; per round 0.83, 1.00, 0.80
        assertTrue(ratios.matches("(?s).*fan-out: messages/s: n / o\\s+0.83x\\s+0.80x – 1.00x.*"), ratios);
        assertTrue(ratios.matches("(?s).*fan-out: node event loop CPU \\(µs/message\\): n / o\\s+1.25x.*"), ratios);
        String latency = report.clusterAddedLatency().text();
        // medians 100 and 55: +45; per round +50, +30, +55
        assertTrue(latency.matches("(?s).*one at a time: one-way p50 latency\\s+100\\s+55.0\\s+\\+45.0\\s+\\+30.0 – \\+55.0.*"),
            latency);
        assertFalse(latency.contains("fan-out"), "under load, a latency is the window's queue: not in this table: " + latency);
        String targets = report.targets().text();
        assertTrue(targets.matches("(?s).*cluster fan-out: messages/s: StructRelay fan-out \\(n\\) >= 0.90x bare clustered"
            + " publish \\(o\\)\\s+0.83x\\s+no.*"), targets);
        assertTrue(report.markdown().contains("### Latency the relay adds, one message at a time"), report.markdown());
    }

    @Test
    void errorsAreListedInTheReport() {
        Results r = sample();
        r.error("pipelined (c) pull-API EchoServer: echoed byte 5 is 0, sent 65");
        String text = new Report(r, List.of(), "cmd").text();
        assertTrue(text.contains("ERRORS (runs that gave no number):\n  pipelined (c)"), text);
    }
}
