package dev.tcpip.bench.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadOptionsTest {

    @Test
    void defaultsAreTheFullRun() {
        LoadOptions o = LoadOptions.parse();
        assertFalse(o.smoke());
        assertEquals(5, o.rounds());
        assertEquals(1, o.warmup());
        assertEquals(2.0, o.pingSeconds());
        assertEquals(2_000_000, o.lines());
        assertEquals(1024, o.floodMb());
        assertEquals(3, o.startupRuns());
        assertEquals(2_000_000, o.frames());
        assertEquals(20_000, o.largeFrames());
        assertEquals(100, o.clients());
        assertEquals(20_000, o.clientFrames());
        assertEquals(1_000_000, o.messages());
        assertEquals(200_000, o.largeMessages());
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(500)), o.restartDelays());
        assertEquals(300_000, o.datagrams());
        assertEquals(100_000, o.clusterMessages());
        assertEquals(1000, o.clusterWindow());
        assertEquals(100, o.clusterAckEvery());
        assertEquals(Path.of("echo-server", "target", "echo-server.jar"), o.demoJar());
        assertNull(o.markdown());
        for (Mode m : Mode.values()) {
            assertTrue(o.runs(m), m.cliName());
        }
        for (ServerKind k : ServerKind.values()) {
            assertTrue(o.runs(k), k.cliName());
        }
    }

    @Test
    void smokeMakesEverythingSmall() {
        LoadOptions o = LoadOptions.parse("--smoke");
        assertTrue(o.smoke());
        assertEquals(1, o.rounds());
        assertEquals(0, o.warmup());
        assertEquals(8, o.floodMb());
        assertEquals(1, o.startupRuns());
        assertTrue(o.lines() < 100_000);
        assertTrue(o.frames() < 100_000);
        assertTrue(o.largeFrames() < 1000);
        assertEquals(100, o.clients(), "the smoke run still has the many clients");
        assertTrue(o.clientFrames() < 1000);
        assertTrue(o.messages() < 100_000);
        assertTrue(o.largeMessages() < 1000);
        assertEquals(List.of(Duration.ofMillis(50)), o.restartDelays());
        assertTrue(o.datagrams() < 10_000);
        assertTrue(o.clusterMessages() <= 2_000);
        assertEquals(1000, o.clusterWindow(), "the smoke run keeps the window");
        assertEquals(100, o.clusterAckEvery());
    }

    @Test
    void clusterIsAModeAndItsPublishersAreServers() {
        LoadOptions o = LoadOptions.parse("--only", "cluster,n,bus");
        assertTrue(o.runs(Mode.CLUSTER));
        assertFalse(o.runs(Mode.UDP));
        assertTrue(o.runs(ServerKind.RELAY));
        assertTrue(o.runs(ServerKind.BUS));
        assertFalse(o.runs(ServerKind.QUEUE));
        assertEquals(ServerKind.RELAY, ServerKind.parse("relay"));
        assertEquals(ServerKind.BUS, ServerKind.parse("o"));
        assertTrue(ServerKind.RELAY.inProcess() && ServerKind.BUS.inProcess(), "never a ServerMain child");
        assertTrue(LoadOptions.usage().contains("cluster"), LoadOptions.usage());
        assertTrue(LoadOptions.usage().contains("--cluster-window"), LoadOptions.usage());
    }

    @Test
    void clusterCountsWindowAndAcknowledgementInterval() {
        LoadOptions o = LoadOptions.parse("--cluster-messages", "50_000", "--cluster-window=400", "--cluster-ack-every", "40",
            "--smoke");
        assertEquals(50_000, o.clusterMessages());
        assertEquals(400, o.clusterWindow());
        assertEquals(40, o.clusterAckEvery());
        assertFalse(o.clusterControllerThread(), "the controller runs on the node's event loop unless asked");
        assertTrue(LoadOptions.parse("--cluster-controller-thread").clusterControllerThread());
        assertEquals(1, LoadOptions.parse("--cluster-window", "1", "--cluster-ack-every", "1").clusterWindow());
        assertMessage("--cluster-messages must be at least 1, got 0", "--cluster-messages", "0");
        assertMessage("--cluster-window needs a whole number, got 'wide'", "--cluster-window", "wide");
        assertMessage("--cluster-ack-every must be at least 1, got 0", "--cluster-ack-every", "0");
        // The publisher could never get an acknowledgement: it may not send as many as the subscriber waits for.
        assertMessage("--cluster-ack-every (2000) must not be larger than --cluster-window (1000)",
            "--cluster-ack-every", "2000");
        assertEquals(50, LoadOptions.parse("--cluster-window", "50").clusterAckEvery(), "the default interval fits the window");
    }

    @Test
    void serverLettersAreUniqueAcrossModes() {
        // --only and ServerMain --kind take letters: the endpoints pairs are (h) (i) (j), the datagram servers (k) (l) (m)
        java.util.Set<String> letters = new java.util.HashSet<>();
        for (ServerKind k : ServerKind.values()) {
            assertTrue(letters.add(k.letter()), "letter used twice: " + k.letter());
            assertEquals(k, ServerKind.parse(k.letter()));
        }
        assertEquals(ServerKind.QUEUE, ServerKind.parse("h"));
        assertEquals(ServerKind.DATAGRAM, ServerKind.parse("k"));
        assertEquals(ServerKind.DATAGRAM_SOCKET, ServerKind.parse("m"));
    }

    @Test
    void endpointsIsAModeAndItsPairsAreServers() {
        LoadOptions o = LoadOptions.parse("--only", "endpoints,h,vertx");
        assertTrue(o.runs(Mode.ENDPOINTS));
        assertFalse(o.runs(Mode.FRAMES));
        assertTrue(o.runs(ServerKind.QUEUE));
        assertTrue(o.runs(ServerKind.VERTX));
        assertFalse(o.runs(ServerKind.RECORD));
        assertTrue(LoadOptions.parse("--only", "queue,i").runs(ServerKind.VERTX));
        assertFalse(LoadOptions.parse("--only", "queue,i").runs(ServerKind.GATHERED));
        assertTrue(LoadOptions.parse("--only", "gathered").runs(ServerKind.GATHERED));
        assertTrue(LoadOptions.usage().contains("endpoints"), LoadOptions.usage());
    }

    @Test
    void restartDelaysAreACommaSeparatedListOfMilliseconds() {
        assertEquals(List.of(Duration.ofMillis(20), Duration.ofMillis(2000)),
            LoadOptions.parse("--restart-delays", "20, 2_000").restartDelays());
        assertEquals(List.of(Duration.ofMillis(7)), LoadOptions.parse("--restart-delays=7", "--smoke").restartDelays());
        assertMessage("--restart-delays must be at least 1, got 0", "--restart-delays", "50,0");
        assertMessage("--restart-delays needs a whole number, got 'soon'", "--restart-delays", "soon");
        assertMessage("--restart-delays needs at least one delay, got ','", "--restart-delays", ",");
    }

    @Test
    void udpIsAModeAndTheDatagramServersAreServers() {
        LoadOptions o = LoadOptions.parse("--only", "udp,k,datagram_socket", "--datagrams", "5000");
        assertTrue(o.runs(Mode.UDP));
        assertFalse(o.runs(Mode.FRAMES));
        assertTrue(o.runs(ServerKind.DATAGRAM));
        assertFalse(o.runs(ServerKind.DATAGRAM_TEXT));
        assertTrue(o.runs(ServerKind.DATAGRAM_SOCKET));
        assertEquals(5000, o.datagrams());
        assertTrue(LoadOptions.usage().contains("udp"), LoadOptions.usage());
        assertEquals(ServerKind.DATAGRAM_TEXT, ServerKind.parse("l"));
    }

    @Test
    void framesIsAModeAndTheFrameServersAreServers() {
        LoadOptions o = LoadOptions.parse("--only", "frames,f,netty");
        assertTrue(o.runs(Mode.FRAMES));
        assertFalse(o.runs(Mode.PIPELINED));
        assertTrue(o.runs(ServerKind.MESSAGE));
        assertTrue(o.runs(ServerKind.NETTY));
        assertFalse(o.runs(ServerKind.PULL));
        assertTrue(LoadOptions.usage().contains("frames"), LoadOptions.usage());
    }

    @Test
    void anExplicitOptionWinsOverSmokeWhateverTheOrder() {
        assertEquals(3, LoadOptions.parse("--rounds", "3", "--smoke").rounds());
        assertEquals(3, LoadOptions.parse("--smoke", "--rounds", "3").rounds());
        assertEquals(16, LoadOptions.parse("--flood-mb=16", "--smoke").floodMb());
    }

    @Test
    void bothValueFormsAreAccepted() {
        LoadOptions o = LoadOptions.parse("--lines=1_000", "--ping-seconds", "0.5", "--markdown=out/r.md",
            "--demo-jar", "x.jar", "--child-jvm-flag=-XX:+UseParallelGC");
        assertEquals(1000, o.lines());
        assertEquals(0.5, o.pingSeconds());
        assertEquals(Path.of("out/r.md"), o.markdown());
        assertEquals(Path.of("x.jar"), o.demoJar());
        assertEquals(List.of("-XX:+UseParallelGC"), o.childFlags());
    }

    @Test
    void onlyTakesModesAndServersByNameOrLetter() {
        LoadOptions o = LoadOptions.parse("--only", "pipelined,a,pull,pingpong");
        assertTrue(o.runs(Mode.PIPELINED));
        assertTrue(o.runs(Mode.PING_PONG));
        assertFalse(o.runs(Mode.MEMORY));
        assertFalse(o.runs(Mode.STARTUP));
        assertTrue(o.runs(ServerKind.RECORD));
        assertTrue(o.runs(ServerKind.PULL));
        assertFalse(o.runs(ServerKind.BYTES));
        assertFalse(o.runs(ServerKind.JSON));
    }

    @Test
    void onlyModesKeepsEveryServerAndOnlyServersKeepsEveryMode() {
        LoadOptions modes = LoadOptions.parse("--only=memory");
        assertTrue(modes.runs(ServerKind.JSON));
        assertFalse(modes.runs(Mode.ONE_WAY));
        LoadOptions servers = LoadOptions.parse("--only=e");
        assertTrue(servers.runs(Mode.ONE_WAY));
        assertFalse(servers.runs(ServerKind.STRUCT));
    }

    @Test
    void helpIsRecognised() {
        assertTrue(LoadOptions.parse("--help").help());
        assertTrue(LoadOptions.parse("-h").help());
        assertFalse(LoadOptions.parse("--smoke").help());
    }

    @Test
    void helpStatesTheRealExitCodesIncludingAfterASignal() {
        String usage = LoadOptions.usage();
        List<String> lines = usage.lines().toList();
        int at = lines.indexOf("Exit status:");
        assertTrue(at >= 0, usage);
        assertEquals(List.of(
            "Exit status:",
            "  0    every run gave a number, or after --help",
            "  1    a run failed (wrong or lost echo, wrong checksum, dead child, missing answer)",
            "  2    a bad command line",
            "  130  interrupted by Ctrl-C (SIGINT); the server children are killed",
            "  143  interrupted by SIGTERM; the server children are killed"),
            lines.subList(at, lines.size()));
    }

    @Test
    void anUnknownOptionIsCalledThatWhateverFollowsIt() {
        assertMessage("unknown option: --bogus", "--bogus");
        assertMessage("unknown option: --bogus", "--bogus=1");
        assertMessage("unknown option: --bogus", "--bogus", "1");
        assertMessage("unknown option: --bogus", "--smoke", "--bogus");
        assertMessage("unknown option: -x", "-x");
        assertMessage("unexpected argument: stray", "stray");
        assertMessage("unexpected argument: stray", "stray", "--smoke");
    }

    @Test
    void aKnownOptionWithoutItsValueSaysSo() {
        assertMessage("--rounds needs a value", "--rounds");
        assertMessage("--markdown needs a value", "--smoke", "--markdown");
        assertMessage("--smoke takes no value", "--smoke=yes");
    }

    @Test
    void everyOptionOfTheUsageThatTakesAValueIsParsed() {
        Matcher m = Pattern.compile("(?m)^ +(--[a-z-]+) ([A-Z]+) ").matcher(LoadOptions.usage());
        int options = 0;
        while (m.find()) {
            String value = switch (m.group(2)) {
                case "LIST" -> "a";
                case "PATH", "FILE" -> "x";
                case "F" -> "-XX:+UseSerialGC";
                default -> "1";
            };
            LoadOptions.parse(m.group(1), value);
            LoadOptions.parse(m.group(1) + "=" + value);
            options++;
        }
        assertEquals(26, options, "the options of the usage that take a value");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void badCommandLinesAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--bogus"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--rounds"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--rounds", "0"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--rounds", "many"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--ping-seconds", "-1"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--only", "a,fast"));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse("--smoke=yes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LoadOptions.parse("stray"));
        assertTrue(e.getMessage().contains("stray"), e.getMessage());
    }
}
