package dev.tcpip.cli;

import dev.tcpip.testkit.ServerProcess;
import dev.tcpip.testsupport.RawSockets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.tcpip.cli.CliProcess.assertNoStackTrace;
import static dev.tcpip.testsupport.RawSockets.LOOPBACK;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receiveLine;
import static dev.tcpip.testsupport.RawSockets.receiveUntilClosed;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built jar as a user runs it, {@code java -jar target/tcpip.jar endpoint ...}, against plain blocking
 * sockets of the test (loopback, port 0). Run by maven-failsafe after package; skipped with a message when
 * the jar has not been built. Each test starts one JVM, so there are few of them; the command line's details
 * are {@link EndpointCommandTest}'s, in-process.
 */
class EndpointProcessIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        CliProcess.jar();
    }

    /** A listening socket of the test on a loopback port picked by the system; reads time out after the deadline. */
    private static ServerSocket listen() throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(LOOPBACK, 0));
        server.setSoTimeout((int) CliProcess.DEADLINE.toMillis());
        return server;
    }

    private static Socket accept(ServerSocket server) throws IOException {
        Socket s = server.accept();
        s.setSoTimeout((int) CliProcess.DEADLINE.toMillis());
        return s;
    }

    private static String untilClosed(Socket s) throws IOException {
        return new String(receiveUntilClosed(s.getInputStream()), StandardCharsets.UTF_8);
    }

    @Test
    void serverReceiverPrintsItsListeningLineThenEachMessageAndExitsZeroAfterTheCount() throws Exception {
        try (ServerProcess cli = CliProcess.server(dir, "--server", "--type", "receiver", "--ip", LOOPBACK, "--port", "0",
                 "--count", "2");
             Socket client = rawConnect(cli.port())) {
            send(client, "Hello\r\nWorld\r\n");
            assertEquals(0, cli.awaitExit(), cli.stderrText());
            assertEquals(List.of("ServerReceiver listening on port " + cli.port(), "Hello", "World"), cli.stdoutLines(),
                "the listening line, then the messages, and nothing else");
            assertEquals("", untilClosed(client), "the server closed the connection");
            String stderr = cli.stderrText();
            assertTrue(stderr.contains("ServerReceiver: closed (2 received, 0 sent)"), "logs on stderr:\n" + stderr);
            assertNoStackTrace(stderr);
        }
    }

    @Test
    void clientSenderSendsTheMessagesInOrderThenClosesAndExitsZero() throws Exception {
        try (ServerSocket server = listen();
             CliProcess cli = CliProcess.start(dir, "endpoint", "--ip", LOOPBACK, "--port", Integer.toString(server.getLocalPort()),
                 "--type", "sender", "--messages", "A", "B", "C");
             Socket peer = accept(server)) {
            assertEquals("A\r\nB\r\nC\r\n", untilClosed(peer), "the messages, then the end of the stream");
            assertEquals(0, cli.awaitExit(), cli.stderr());
            assertEquals("", cli.stdout(), "a sender prints nothing");
            assertNoStackTrace(cli.stderr());
        }
    }

    /** With --reconnect too: the sender still ends once the messages are sent, sending none twice. */
    @Test
    void messagesDashReadsTheMessagesFromStandardInputOnePerLine() throws Exception {
        try (ServerSocket server = listen();
             CliProcess cli = CliProcess.start(dir, List.of(), "héllo\nwörld\r\n\nlast", "endpoint", "-i", LOOPBACK,
                 "-p", Integer.toString(server.getLocalPort()), "-t", "sender", "-r", "-m", "-");
             Socket peer = accept(server)) {
            assertEquals("héllo\r\nwörld\r\n\r\nlast\r\n", untilClosed(peer),
                "each line a message, UTF-8, without its LF or CR LF; the empty line an empty message");
            assertEquals(0, cli.awaitExit(), cli.stderr());
        }
    }

    @Test
    void aClientWithoutReconnectExitsOneWhenTheConnectionIsRefused() throws Exception {
        try (Socket refusing = RawSockets.reserveRefusingPort()) {
            int port = refusing.getLocalPort();
            long start = System.nanoTime();
            try (CliProcess cli = CliProcess.start(dir, "endpoint", "--ip", LOOPBACK, "--port", Integer.toString(port),
                     "--type", "receiver", "--timeout", "2")) {
                assertEquals(1, cli.awaitExit(), cli.stderr());
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                assertTrue(seconds < 2 + 10, "refused at once, not after retries: " + seconds + " s");
                assertEquals("", cli.stdout());
                String stderr = cli.stderr();
                assertTrue(stderr.lines().anyMatch(l -> l.startsWith("tcpip endpoint: cannot connect to " + LOOPBACK + ":" + port + ": ")),
                    "one line says why:\n" + stderr);
                assertNoStackTrace(stderr);
            }
        }
    }

    @Test
    void aBadArgumentExitsTwoWithTheTwoLinesOfABadCommandLine() throws Exception {
        try (CliProcess cli = CliProcess.start(dir, "endpoint", "--type", "bogus")) {
            assertEquals(2, cli.awaitExit());
            assertEquals("", cli.stdout());
            assertEquals(List.of("tcpip endpoint: --type must be multi, receiver or sender, got 'bogus'",
                "Try 'java -jar tcpip.jar endpoint --help' for the usage."), cli.stderr().lines().toList());
        }
    }

    @Test
    void serverSenderSendsTheMessagesToItsClientThenClosesAndExitsZero() throws Exception {
        try (ServerProcess cli = CliProcess.server(dir, "-s", "-t", "sender", "-i", LOOPBACK, "-p", "0", "-m", "one", "two");
             Socket client = rawConnect(cli.port())) {
            client.setSoTimeout((int) CliProcess.DEADLINE.toMillis());
            assertEquals("one\r\ntwo\r\n", untilClosed(client));
            assertEquals(0, cli.awaitExit(), cli.stderrText());
            assertEquals(List.of("ServerSender listening on port " + cli.port()), cli.stdoutLines());
            assertNoStackTrace(cli.stderrText());
        }
    }

    @Test
    void aTwoWayServerSendsAndPrintsWhatItReceives() throws Exception {
        try (ServerProcess cli = CliProcess.server(dir, "--server", "--ip", LOOPBACK, "--port", "0", "--messages", "hi",
                 "--count", "1");
             Socket client = rawConnect(cli.port())) {
            assertEquals("hi\r\n", receiveLine(client));
            send(client, "yo\r\n");
            assertEquals(0, cli.awaitExit(), cli.stderrText());
            assertEquals(List.of("Server listening on port " + cli.port(), "yo"), cli.stdoutLines());
        }
    }

    @Test
    void aTwoWayClientSendsTheSampleMessagesPrintsWhatItReceivesAndEndsWhenTheServerCloses() throws Exception {
        try (ServerSocket server = listen();
             CliProcess cli = CliProcess.start(dir, "endpoint", "--ip", LOOPBACK, "--port", Integer.toString(server.getLocalPort()))) {
            try (Socket peer = accept(server)) {
                assertEquals("client 1\r\n", receiveLine(peer), "MessageGenerator's first message, at once");
                send(peer, "from the server\r\n");
                cli.awaitStdout("from the server");
            }
            assertEquals(0, cli.awaitExit(), "the server closed normally, without --reconnect: " + cli.stderr());
            assertEquals("from the server" + System.lineSeparator(), cli.stdout());
            assertNoStackTrace(cli.stderr());
        }
    }

    @Test
    void sigtermClosesTheConnectionAndThePortAndExitsZero() throws Exception {
        try (ServerProcess cli = CliProcess.server(dir, "--server", "--type", "sender", "--ip", LOOPBACK, "--port", "0");
             Socket client = rawConnect(cli.port())) {
            assertEquals("server 1\r\n", receiveLine(client), "MessageGenerator's first message, at once");
            assertEquals(0, cli.terminate(), "a clean stop: " + cli.stderrText());
            assertEquals("", untilClosed(client), "the connection is closed");
            RawSockets.assertRefusedEventually(cli.port());
            String stderr = cli.stderrText();
            assertTrue(stderr.contains("ServerSender stopped"), stderr);
            assertEquals(List.of("ServerSender listening on port " + cli.port()), cli.stdoutLines());
            assertNoStackTrace(stderr);
        }
    }

    @Test
    void aClientReceiverWithReconnectResumesAfterTheServerRestartsOnTheSamePort() throws Exception {
        ServerSocket first = listen();
        int port = first.getLocalPort();
        try (CliProcess cli = CliProcess.start(dir, List.of("-Dtcpip.log.level=DEBUG"), "", "endpoint", "-i", LOOPBACK,
                 "-p", Integer.toString(port), "-t", "receiver", "--reconnect", "--count", "2")) {
            try (Socket peer = accept(first)) {
                send(peer, "one\r\n");
                cli.awaitStdout("one");
            } finally {
                first.close();
            }
            // The server is gone: the client's next attempt is refused (logged at DEBUG), then it comes back.
            cli.awaitStderr("connect attempt 1 failed");
            try (ServerSocket again = new ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(new InetSocketAddress(LOOPBACK, port));
                again.setSoTimeout((int) CliProcess.DEADLINE.toMillis());
                try (Socket peer = accept(again)) {
                    send(peer, "two\r\n");
                    assertEquals(0, cli.awaitExit(), cli.stderr());
                }
            }
            assertEquals("one" + System.lineSeparator() + "two" + System.lineSeparator(), cli.stdout());
            assertNoStackTrace(cli.stderr());
        }
    }
}
