package dev.tcpip.bench.load;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The many-clients load against a thread-per-connection echo server, correct and faulty. */
class ManyClientsTest {
    private ServerSocket listener;

    /** Echoes every connection; the connection numbered {@code faulty} (in accept order) flips byte {@code at}. */
    private int echo(int faulty, long at) throws IOException {
        listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        AtomicInteger accepted = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    boolean bad = accepted.getAndIncrement() == faulty;
                    Thread t = new Thread(() -> serve(s, bad ? at : -1), "test-echo");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return listener.getLocalPort();
    }

    private static void serve(Socket s, long flip) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[8192];
            long offset = 0;
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (flip >= offset && flip < offset + n) {
                    buf[(int) (flip - offset)] ^= 1;
                }
                offset += n;
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    @Test
    void everyClientGetsItsOwnEchoBack() throws Exception {
        long nanos = ManyClients.run(echo(-1, 0), 20, 500, 64, TimeUnit.SECONDS.toNanos(10), "test");
        assertTrue(nanos > 0);
    }

    @Test
    void aCorruptedByteOfOneClientFailsTheRunAndSaysWhere() throws Exception {
        int port = echo(7, 68 * 100 + 10);
        LoadException e = assertThrows(LoadException.class,
            () -> ManyClients.run(port, 20, 500, 64, TimeUnit.SECONDS.toNanos(10), "test"));
        assertTrue(e.getMessage().contains("frame 100, payload byte 6"), e.getMessage());
    }
}
