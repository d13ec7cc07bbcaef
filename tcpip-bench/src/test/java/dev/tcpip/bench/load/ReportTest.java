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
    void udpFiguresRatiosAndTargets() {
        Report report = new Report(udpSample(), List.of(), "cmd");
        String figures = report.figures().text();
        assertTrue(figures.contains("ping-pong 64 B: round trips/s  10.0 k"), figures);
        assertTrue(figures.contains("ping-pong 64 B: echoes lost    0 "), figures);
        assertTrue(figures.contains("one-way 1 KiB: loss %          12.5"), figures);
        String ratios = report.udpRatios().text();
        assertTrue(ratios.contains("ping-pong 64 B: round trips/s: h / j (DatagramServer echo (bytes))  1.00x"), ratios);
        assertTrue(ratios.contains("0.90x – 1.10x"), ratios);
        assertTrue(ratios.contains("one-way 1 KiB: received/s: h / j (DatagramServer echo (bytes))"), ratios);
        assertTrue(ratios.contains("0.50x"), ratios);
        assertFalse(ratios.contains("i / j"), "no (i) figures, so no i / j ratio: " + ratios);
        String targets = report.targets().text();
        assertTrue(targets.matches("(?s).*udp ping-pong 64 B: round trips/s: \\(h\\) DatagramServer echo \\(bytes\\) >= 0.90x"
            + " bare DatagramSocket \\(j\\)\\s+1.00x\\s+yes.*"), targets);
        assertTrue(targets.matches("(?s).*udp one-way 1 KiB: received/s: .*0.50x\\s+no.*"), targets);
        assertTrue(report.markdown().contains("### Datagram ratios (h, i DatagramServer / j bare DatagramSocket)"));
    }

    @Test
    void errorsAreListedInTheReport() {
        Results r = sample();
        r.error("pipelined (c) pull-API EchoServer: echoed byte 5 is 0, sent 65");
        String text = new Report(r, List.of(), "cmd").text();
        assertTrue(text.contains("ERRORS (runs that gave no number):\n  pipelined (c)"), text);
    }
}
