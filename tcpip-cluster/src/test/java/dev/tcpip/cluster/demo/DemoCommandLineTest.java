package dev.tcpip.cluster.demo;

import dev.tcpip.cluster.ClusterOptions;
import dev.tcpip.launcher.CommandLines;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's command line, in-process (nothing joins a cluster here); its runs are ClusterProcessIT's. */
class DemoCommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    private String refused(String... args) {
        return CommandLines.message(assertThrows(ParameterException.class, () -> CommandLines.parse(commandLine(), args)));
    }

    @Test
    void theClusterOptionsHaveTheDefaultsOfTheIssueAndAreRead() {
        CommandLine cl = commandLine();
        CommandLines.parse(cl, "subscribe", "--address", "mount");
        ClusterOptions defaults = ((SubscribeCommand) cl.getSubcommands().get("subscribe").getCommand()).cluster.options();
        assertEquals("tcpip", defaults.getClusterName());
        assertEquals("127.0.0.1", defaults.getHost());
        assertEquals(5701, defaults.getPort());
        assertEquals(List.of("127.0.0.1:5701"), defaults.getMembers());

        cl = commandLine();
        CommandLines.parse(cl, "relay", "--controller", "127.0.0.1:5002", "--address", "mount", "--cluster-name", "dome",
            "--cluster-host", "10.0.0.5", "--cluster-port", "5702", "--members", "10.0.0.5:5701, 10.0.0.6:5701");
        ClusterOptions given = ((RelayCommand) cl.getSubcommands().get("relay").getCommand()).cluster.options();
        assertEquals("dome", given.getClusterName());
        assertEquals("10.0.0.5", given.getHost());
        assertEquals(5702, given.getPort());
        assertEquals(List.of("10.0.0.5:5701", "10.0.0.6:5701"), given.getMembers());
    }

    @Test
    void badArgumentsExitTwoWithTheReason() {
        assertEquals(CommandLines.EXIT_USAGE, commandLine().execute("relay", "--address", "mount"));
        assertTrue(err.toString().startsWith("tcpip-cluster relay: "), err.toString());
        assertTrue(err.toString().contains("--controller"), err.toString());
        assertEquals("--controller must be HOST:PORT, got '5002'", refused("relay", "--controller", "5002", "--address", "a"));
        assertEquals("--members: a member must be host:port, got '127.0.0.1'",
            refused("subscribe", "--address", "a", "--members", "127.0.0.1"));
        assertEquals("--cluster-port must be in 1..65535, got 0", refused("subscribe", "--address", "a", "--cluster-port", "0"));
        assertEquals("--json must be a JSON object, got '[1]'", refused("command", "--address", "a", "--json", "[1]"));
        assertEquals("--count must be in 1..2147483647, got 0", refused("subscribe", "--address", "a", "--count", "0"));
        assertEquals("--bridge-max-frame must be in 64..16777216, got 10",
            refused("relay", "--controller", "h:1", "--address", "a", "--bridge-max-frame", "10"));
        assertEquals(CommandLines.EXIT_USAGE, commandLine().execute());
    }

    @Test
    void helpShowsTheCommandsAndTheClusterOptions() {
        assertEquals(0, commandLine().execute("--help"));
        assertTrue(out.toString().contains("relay") && out.toString().contains("subscribe")
            && out.toString().contains("command"), out.toString());
        assertEquals(0, commandLine().execute("subscribe", "--help"));
        for (String option : List.of("--cluster-name", "--cluster-host", "--cluster-port", "--members", "--count")) {
            assertTrue(out.toString().contains(option), option + " in:\n" + out);
        }
    }
}
