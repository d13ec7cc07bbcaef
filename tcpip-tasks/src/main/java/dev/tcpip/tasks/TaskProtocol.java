package dev.tcpip.tasks;

import dev.tcpip.core.PayloadDecodeException;
import dev.tcpip.core.codec.JsonCodec;
import dev.tcpip.core.codec.PayloadCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.math.BigDecimal;

/**
 * The task protocol's vocabulary and message shape, shared by server and client: the payload codec
 * (strict UTF-8 JSON), reading a message's type and arguments, and the fixed replies.
 */
final class TaskProtocol {
    static final String AUTH_OK = "Authentication successful.";
    static final String AUTH_FAILED = "Invalid client authentication.";
    static final String NOT_AUTHENTICATED = "Not authenticated.";
    static final String INIT_OK = "Initialization successful.";
    static final String ALREADY_INITIALIZED = "Already initialized.";
    static final String NOT_INITIALIZED = "Not initialized.";
    static final String EXEC_DONE = "Done.";
    static final String EXITED = "Exited.";
    static final String SHUTTING_DOWN = "Server is shutting down.";

    /**
     * Frames' payloads: one JSON value in strict UTF-8, read and written as Python's {@code json} module does
     * ({@link JsonCodec}: {@code NaN} and {@code Infinity} bare, non-ASCII escaped on output). Bytes that are
     * not UTF-8 fail the decode with a {@link dev.tcpip.core.TextDecodeException}, text that is not one JSON
     * value with a {@link PayloadDecodeException}: either closes the connection.
     */
    static final PayloadCodec<Object> CODEC = new PayloadCodec<>() {
        private final PayloadCodec<String> text = PayloadCodec.string();

        @Override
        public Buffer encode(Object message) {
            try {
                return JsonCodec.encodeTo(message, Buffer.buffer());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot encode as JSON: " + e.getMessage(), e);
            }
        }

        @Override
        public Object decode(Buffer payload) {
            String s = text.decode(payload);
            try {
                return JsonCodec.decode(s);
            } catch (RuntimeException e) {
                throw new PayloadDecodeException("payload of " + payload.length() + " byte(s) is not JSON: " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return "task protocol JSON (strict UTF-8)";
        }
    };

    private TaskProtocol() {
    }

    /**
     * Reads a message's type.
     *
     * @throws IllegalArgumentException if the message is not an object with a known {@code "type"} string
     */
    static MessageType type(Object message) {
        if (!(message instanceof JsonObject)) {
            throw new IllegalArgumentException("a message must be a JSON object, got " + describe(message));
        }
        Object type = ((JsonObject) message).getValue("type");
        if (!(type instanceof String)) {
            throw new IllegalArgumentException("a message needs a \"type\" string, got " + describe(type));
        }
        try {
            return MessageType.valueOf((String) type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown message type \"" + type + "\"; the types are AUTH, INIT, EXEC, EXIT, OK, ERROR");
        }
    }

    /**
     * Reads a message's arguments: its {@code "args"} object, {@code {}} when absent.
     *
     * @throws IllegalArgumentException if {@code "args"} is there and not an object
     */
    static JsonObject args(JsonObject message) {
        if (!message.containsKey("args")) {
            return new JsonObject();
        }
        Object args = message.getValue("args");
        if (!(args instanceof JsonObject)) {
            throw new IllegalArgumentException("\"args\" must be a JSON object, got " + describe(args));
        }
        return (JsonObject) args;
    }

    /** A message as it goes on the wire. */
    static JsonObject message(MessageType type, JsonObject args) {
        return new JsonObject().put("type", type.name()).put("args", args);
    }

    /** The confirmation of a request: OK {@code {"message": "Received 'TYPE'"}}. */
    static TaskReply confirmation(MessageType request) {
        return TaskReply.okMessage("Received '" + request.name() + "'");
    }

    /** Whether a reply is the confirmation of a request. */
    static boolean isConfirmation(TaskReply reply, MessageType request) {
        return reply.equals(confirmation(request));
    }

    /** A duration in seconds for a message: "60", "0.25". */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String s = Json.encode(value);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
