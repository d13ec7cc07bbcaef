package dev.tcpip.tasks;

import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The task protocol spoken directly on a blocking socket, as a client in any language would. */
final class Wire {
    private Wire() {
    }

    static Socket connect(int port) throws IOException {
        return RawSockets.rawConnect(port);
    }

    /** A frame: the 4-byte big-endian length, then the UTF-8 JSON. */
    static byte[] frame(JsonObject message) {
        return frame(message.encode().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] frame(byte[] payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(payload.length);
            out.write(payload);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    static byte[] frame(String type, JsonObject args) {
        return frame(new JsonObject().put("type", type).put("args", args));
    }

    /** Sends a request as one write. */
    static void send(Socket socket, String type, JsonObject args) throws IOException {
        RawSockets.send(socket, frame(type, args));
    }

    /** Reads one frame's JSON message. */
    static JsonObject read(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int length = in.readInt();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new JsonObject(new String(payload, StandardCharsets.UTF_8));
    }

    static JsonObject ok(String message) {
        return new JsonObject().put("type", "OK").put("args", new JsonObject().put("message", message));
    }

    static JsonObject error(String message) {
        return new JsonObject().put("type", "ERROR").put("args", new JsonObject().put("message", message));
    }

    static JsonObject confirmation(String type) {
        return ok("Received '" + type + "'");
    }

    /** Sends a request and reads the confirmation (checked) and the outcome (returned). */
    static JsonObject call(Socket socket, String type, JsonObject args) throws IOException {
        send(socket, type, args);
        assertEquals(confirmation(type), read(socket));
        return read(socket);
    }
}
