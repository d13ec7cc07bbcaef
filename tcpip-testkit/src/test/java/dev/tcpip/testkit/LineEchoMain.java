package dev.tcpip.testkit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A tiny server program for {@link ServerProcessTest}: announces its port, logs to stderr, echoes lines, and
 * says on stdout when it stops.
 */
public final class LineEchoMain {
    private LineEchoMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("line echo running on port " + server.getLocalPort());
            System.out.flush();
            // A line printed while stopping, as a server's shutdown hook does: terminate() must not lose it.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("line echo stopping")));
            while (true) {
                try (Socket s = server.accept()) {
                    System.err.println("client from " + s.getRemoteSocketAddress());
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = s.getOutputStream();
                    String line;
                    while ((line = in.readLine()) != null) {
                        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }
            }
        }
    }
}
