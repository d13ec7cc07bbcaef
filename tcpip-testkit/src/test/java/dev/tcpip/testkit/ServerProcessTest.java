package dev.tcpip.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerProcessTest {
    @TempDir
    Path dir;

    private ServerProcess.Builder lineEcho() {
        return ServerProcess.java(System.getProperty("java.class.path"), LineEchoMain.class.getName())
            .jvmOptions("-Xmx32m")
            .stderrTo(dir.resolve("stderr.txt"));
    }

    @Test
    void startsTheProgramReadsItsPortAndStopsIt() throws Exception {
        try (ServerProcess server = lineEcho().runningLine(Pattern.compile("line echo running on port (\\d+)")).start()) {
            assertTrue(server.port() > 0);
            assertTrue(server.isAlive());
            try (HostilePeer peer = HostilePeer.connect(server.port())) {
                peer.send("hello\n".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("hello\n".getBytes(StandardCharsets.US_ASCII), peer.receive(6));
                assertTrue(server.awaitStderr("client from").contains("client from /127.0.0.1:"));
                int fds = server.openFileDescriptors();
                if (fds >= 0) {
                    assertTrue(fds >= 5, "stdin, stdout, stderr, the listener and the client: " + fds);
                    assertEquals(fds, server.awaitOpenFileDescriptors("any", n -> true));
                }
            }
            assertEquals(143, server.terminate(), "128 + SIGTERM");
            assertFalse(server.isAlive());
            assertEquals(List.of("line echo running on port " + server.port(), "line echo stopping"), server.stdoutLines(),
                "what it printed while stopping is kept");
        }
    }

    private ServerProcess.Builder chatty() {
        return ServerProcess.java(System.getProperty("java.class.path"), ChattyMain.class.getName())
            .jvmOptions("-Xmx32m")
            .runningLine(Pattern.compile("chatty running on port (\\d+)"))
            .stderrTo(dir.resolve("chatty-stderr.txt"));
    }

    @Test
    void linesBeforeTheRunningLineFailTheStartUnlessSkipped() throws Exception {
        AssertionError e = assertThrows(AssertionError.class, () -> chatty().start().close());
        assertTrue(e.getMessage().startsWith("first stdout line 'a notice before the running line' does not match"),
            e.getMessage());
        try (ServerProcess server = chatty().skipLinesBeforeRunningLine().start()) {
            assertTrue(server.port() > 0);
        }
    }

    @Test
    void aProgramThatAnswersOnStdoutIsTalkedToThroughItsStdin() throws Exception {
        try (ServerProcess server = chatty().skipLinesBeforeRunningLine().start()) {
            OutputStream stdin = server.process().getOutputStream();
            for (String word : List.of("one", "two")) {
                stdin.write((word + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                assertEquals("answer " + word, server.awaitStdoutLine("the answer", l -> l.startsWith("answer ")),
                    "the noise before it is skipped");
            }
            stdin.close();
            AssertionError e = assertThrows(AssertionError.class, () -> server.awaitStdoutLine("more", l -> true));
            assertTrue(e.getMessage().startsWith("stdout closed before more (exit status "), e.getMessage());
            assertTrue(e.getMessage().contains("stdin closed"), "with stderr: " + e.getMessage());
            assertEquals(0, server.awaitExit());
            assertEquals(List.of("a notice before the running line", "chatty running on port " + server.port(),
                "noise", "answer one", "noise", "answer two"), server.stdoutLines(), "every line is kept");
        }
    }

    @Test
    void aFirstLineThatDoesNotMatchFailsTheStartWithStderr() {
        AssertionError e = assertThrows(AssertionError.class,
            () -> lineEcho().runningLine(Pattern.compile("something else (\\d+)")).start().close());
        assertTrue(e.getMessage().contains("'line echo running on port "), e.getMessage());
    }
}
