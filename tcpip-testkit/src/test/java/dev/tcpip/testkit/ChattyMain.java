package dev.tcpip.testkit;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * A server program for {@link ServerProcessTest} that prints a line before its running line (as the JVM does
 * for some flags), then answers each stdin line with a line of noise and {@code answer LINE}, and exits at
 * the end of stdin.
 */
public final class ChattyMain {
    private ChattyMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("a notice before the running line");
            System.out.println("chatty running on port " + server.getLocalPort());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println("noise");
                System.out.println("answer " + line);
                System.out.flush();
            }
            System.err.println("stdin closed");
        }
    }
}
