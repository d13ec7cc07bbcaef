package dev.tcpip.echo;

import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The frame echo's wire format for blocking-socket tests: a 4-byte signed big-endian length, then the
 * payload (Python's {@code struct.pack("!i", n)}).
 */
final class Frames {
    private Frames() {
    }

    /** A 4-byte signed big-endian header declaring {@code n}, negative ones included. */
    static byte[] header(int n) {
        return ByteBuffer.allocate(4).putInt(n).array();
    }

    /** The header, then the payload. */
    static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    /** A frame of ASCII text. */
    static byte[] frame(String text) {
        return frame(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Several frames back to back, as one array (to send in one write). */
    static byte[] frames(String... texts) {
        ByteBuffer all = ByteBuffer.allocate(texts.length * 4 + String.join("", texts).length());
        for (String t : texts) {
            all.put(frame(t));
        }
        return all.array();
    }

    /** Reads one frame and returns its payload. */
    static byte[] readFrame(Socket socket) throws IOException {
        int n = ByteBuffer.wrap(receive(socket, 4)).getInt();
        return receive(socket, n);
    }

    /** Sends a frame of text and checks that the same frame comes back. */
    static void assertFrameEchoed(Socket socket, String text) throws IOException {
        send(socket, frame(text));
        assertArrayEquals(frame(text), receive(socket, frame(text).length), "the echo of '" + text + "'");
    }
}
