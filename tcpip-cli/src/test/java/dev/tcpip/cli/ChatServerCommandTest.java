package dev.tcpip.cli;

import dev.tcpip.launcher.CommandLines;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code chat-server} command's command line, in-process; the jar's runs are ChatServerProcessIT's. */
class ChatServerCommandTest {
    private static ChatServerCommand parse(String... args) {
        ChatServerCommand command = new ChatServerCommand();
        String[] all = new String[args.length + 1];
        all[0] = "chat-server";
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLines.parse(Main.commandLine(new EndpointCommand(), command), all);
        return command;
    }

    private static String refused(String... args) {
        return CommandLines.message(assertThrows(ParameterException.class, () -> parse(args)));
    }

    @Test
    void theDefaultsAreTheChatExamples() {
        ChatServerCommand c = parse();
        assertEquals("127.0.0.1", c.host());
        assertEquals(1234, c.port());
        assertEquals(Duration.ofSeconds(10), c.pingInterval());
        assertEquals(3, c.maxMissed());
        assertEquals(2048, c.datagramOptions().getMaxDatagramSize());
        assertEquals("127.0.0.1", c.datagramOptions().getHost());
    }

    @Test
    void everyOptionIsRead() {
        ChatServerCommand c = parse("--host", "localhost", "--port", "0", "--ping-interval", "0.25", "--max-missed", "5",
            "--max-datagram", "65507");
        assertEquals("localhost", c.host());
        assertEquals(0, c.port());
        assertEquals(Duration.ofMillis(250), c.pingInterval());
        assertEquals(5, c.maxMissed());
        assertEquals(65507, c.datagramOptions().getMaxDatagramSize());
    }

    @Test
    void badValuesAreRefusedWithTheReason() {
        assertTrue(refused("--port", "x").contains("--port"));
        assertTrue(refused("--max-datagram", "65508").contains("--max-datagram must be in 1..65507"), refused("--max-datagram", "65508"));
        assertTrue(refused("--ping-interval", "soon").contains("--ping-interval needs a number of seconds"));
        assertTrue(refused("--ping-interval", "0").contains("--ping-interval must be"));
        assertTrue(refused("--max-missed", "-1").contains("--max-missed"));
        assertTrue(refused("--bogus").contains("--bogus"));
    }

    @Test
    void aBadCommandLineExitsTwo() {
        assertEquals(CommandLines.EXIT_USAGE, Main.commandLine().execute("chat-server", "--max-missed", "many"));
    }
}
