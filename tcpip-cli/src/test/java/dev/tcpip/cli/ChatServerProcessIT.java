package dev.tcpip.cli;

import dev.tcpip.testkit.ServerProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar tcpip.jar chat-server} as a user runs it, talked to by plain datagram sockets of the test on
 * loopback. One JVM for the protocol, one for a port already taken. Run by maven-failsafe after package.
 */
class ChatServerProcessIT {
    private static final Pattern RUNNING = Pattern.compile("Chat server running on port (\\d+)");

    @TempDir
    Path dir;
    private final List<DatagramSocket> users = new ArrayList<>();

    @BeforeAll
    static void findJar() {
        CliProcess.jar();
    }

    private DatagramSocket user() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        s.setSoTimeout((int) CliProcess.DEADLINE.toMillis());
        users.add(s);
        return s;
    }

    private static void send(DatagramSocket from, int port, byte[] bytes) throws IOException {
        from.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), port));
    }

    private static void send(DatagramSocket from, int port, String text) throws IOException {
        send(from, port, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String receive(DatagramSocket at) throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        at.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }

    /** The next datagram that is not a PING (pings come every second here). */
    private static String receiveNotPing(DatagramSocket at) throws IOException {
        String m;
        do {
            m = receive(at);
        } while (m.equals("PING"));
        return m;
    }

    /**
     * A chat user: a thread reads its socket, answers each PING with PONG while {@code answering}, and queues
     * every other datagram for the test.
     */
    private final class User implements AutoCloseable {
        final DatagramSocket socket;
        final int port;
        final java.util.concurrent.BlockingQueue<String> inbox = new java.util.concurrent.LinkedBlockingQueue<>();
        volatile boolean answering = true;
        private final Thread reader;

        User(int port) throws IOException {
            this.socket = user();
            this.port = port;
            socket.setSoTimeout(0);
            reader = new Thread(() -> {
                try {
                    while (true) {
                        String m = receive(socket);
                        if (m.equals("PING")) {
                            if (answering) {
                                send(socket, port, "PONG");
                            }
                        } else {
                            inbox.add(m);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "chat user");
            reader.setDaemon(true);
            reader.start();
        }

        void say(String text) throws IOException {
            send(socket, port, text);
        }

        /** The next datagram that is not a PING. */
        String next() throws InterruptedException {
            String m = inbox.poll(CliProcess.DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new AssertionError("no datagram within " + CliProcess.DEADLINE);
            }
            return m;
        }

        /** Skips datagrams until {@code expected}; fails with what came instead. */
        void awaitNext(String expected) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + CliProcess.DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                String m = inbox.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (expected.equals(m)) {
                    return;
                }
                if (m != null) {
                    seen.add(m);
                }
            }
            throw new AssertionError("'" + expected + "' never came; got " + seen);
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void twoUsersChatANameIsRefusedASilentUserIsDroppedOversizeIsCountedAndAFloodDoesNotStopIt() throws Exception {
        try (ServerProcess chat = ServerProcess.java(CliProcess.jar())
                 .args("chat-server", "--port", "0", "--ping-interval", "1", "--max-missed", "2")
                 .runningLine(RUNNING)
                 .stderrTo(Files.createTempFile(dir, "stderr", ".txt"))
                 .timeout(CliProcess.DEADLINE)
                 .start()) {
            int port = chat.port();
            User alice = new User(port);
            User bob = new User(port);
            alice.say("JOIN alice");
            assertEquals("JOK", alice.next());
            bob.say("JOIN bob");
            assertEquals("JOK", bob.next());

            // Two users chat, to all and privately.
            alice.say("MSGA hello bob");
            assertEquals("(alice) hello bob", alice.next());
            assertEquals("(alice) hello bob", bob.next());
            bob.say("MSGP (alice) hi alice");
            assertEquals("(bob) hi alice", alice.next());
            assertEquals("(bob) hi alice", bob.next());

            // A name already taken is refused.
            User mallory = new User(port);
            mallory.say("JOIN alice");
            assertEquals("JERR NAME TAKEN", mallory.next());

            // A 5,000-byte datagram is counted as oversize and never delivered cut: no broadcast of its start.
            send(alice.socket, port, ("MSGA " + "x".repeat(4995)).getBytes(StandardCharsets.US_ASCII));
            chat.awaitStderr("longer than the maximum of 2048 bytes");
            alice.say("MSGA after");
            assertEquals("(alice) after", alice.next(), "the cut datagram was never broadcast");
            assertEquals("(alice) after", bob.next());

            // A user that stops answering PING is dropped after the configured count; one that answers stays.
            bob.answering = false;
            chat.awaitStderr("bob dropped: 3 pings unanswered");
            bob.say("MSGA still here?");
            bob.awaitNext("ERR NOT JOINED");
            alice.say("MSGP (alice) me");
            alice.awaitNext("(alice) me");


            // A flood of 100,000 datagrams from one sender does not stop it answering another (last: under the
            // flood the kernel drops datagrams, PONGs too, so users may miss their pings).
            DatagramSocket flooder = user();
            byte[] junk = "MSGA flood".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 100_000; i++) {
                send(flooder, port, junk);
            }
            DatagramSocket carol = user();
            carol.setSoTimeout(500);
            String answer = null;
            long deadline = System.nanoTime() + CliProcess.DEADLINE.toNanos();
            while (answer == null && System.nanoTime() < deadline) {
                send(carol, port, "JOIN carol");   // UDP may drop under a flood: ask again
                try {
                    answer = receiveNotPing(carol);
                } catch (SocketTimeoutException again) {
                    // asked again
                }
            }
            assertEquals("JOK", answer);

            assertEquals(0, chat.terminate(), "SIGTERM: closed, exit 0\n" + chat.stderrText());
            assertTrue(!chat.stderrText().contains("\tat "), "no stack trace:\n" + chat.stderrText());
        } finally {
            users.forEach(DatagramSocket::close);
        }
    }

    @Test
    void aPortAlreadyTakenExitsOneWithTheReason() throws Exception {
        DatagramSocket taken = user();
        try (CliProcess cli = CliProcess.start(dir, "chat-server", "--port", Integer.toString(taken.getLocalPort()))) {
            assertEquals(1, cli.awaitExit(), cli.stderr());
            assertTrue(cli.stderr().contains("tcpip chat-server: cannot bind 127.0.0.1:" + taken.getLocalPort()), cli.stderr());
            assertEquals("", cli.stdout());
        } finally {
            taken.close();
        }
    }
}
