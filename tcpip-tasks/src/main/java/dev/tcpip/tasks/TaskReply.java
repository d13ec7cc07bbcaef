package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * A reply of a task server: OK or ERROR, and its arguments, such as the confirmation
 * {@code OK {"message": "Received 'EXEC'"}} or an outcome {@code ERROR {"message": "Not initialized."}}. An
 * immutable value: {@link #args()} gives a copy.
 */
public final class TaskReply {
    private final MessageType type;
    private final JsonObject args;

    private TaskReply(MessageType type, JsonObject args) {
        this.type = type;
        this.args = args;
    }

    /**
     * An OK reply.
     *
     * @param args its arguments (copied)
     * @return the reply
     * @throws IllegalArgumentException if the arguments hold a value that is not JSON
     */
    public static TaskReply ok(JsonObject args) {
        return new TaskReply(MessageType.OK, copy(args));
    }

    /**
     * An OK reply {@code {"message": message}}.
     *
     * @param message the message
     * @return the reply
     */
    public static TaskReply okMessage(String message) {
        return new TaskReply(MessageType.OK, new JsonObject().put("message", Objects.requireNonNull(message, "message")));
    }

    /**
     * An ERROR reply {@code {"message": message}}.
     *
     * @param message what went wrong
     * @return the reply
     */
    public static TaskReply error(String message) {
        return new TaskReply(MessageType.ERROR, new JsonObject().put("message", Objects.requireNonNull(message, "message")));
    }

    /**
     * A reply of either type.
     *
     * @param type OK or ERROR
     * @param args its arguments (copied)
     * @return the reply
     * @throws IllegalArgumentException if the type is a request's, or the arguments hold a value that is not
     *     JSON
     */
    public static TaskReply of(MessageType type, JsonObject args) {
        if (Objects.requireNonNull(type, "type").isRequest()) {
            throw new IllegalArgumentException("a reply is OK or ERROR, not " + type);
        }
        return new TaskReply(type, copy(args));
    }

    private static JsonObject copy(JsonObject args) {
        try {
            return Objects.requireNonNull(args, "args").copy();
        } catch (IllegalStateException | ClassCastException e) {
            throw new IllegalArgumentException("the arguments hold a value that is not JSON: " + e.getMessage(), e);
        }
    }

    /** {@return OK or ERROR} */
    public MessageType type() {
        return type;
    }

    /** {@return whether the type is OK} */
    public boolean isOk() {
        return type == MessageType.OK;
    }

    /** {@return the arguments (a copy)} */
    public JsonObject args() {
        return args.copy();
    }

    /** {@return the arguments' {@code "message"} when it is a string, else null} */
    public String message() {
        Object m = args.getValue("message");
        return m instanceof String ? (String) m : null;
    }

    /** {@return the message as it goes on the wire: {@code {"type": "OK", "args": {...}}}} */
    public JsonObject toJson() {
        return new JsonObject().put("type", type.name()).put("args", args.copy());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskReply && ((TaskReply) o).type == type && ((TaskReply) o).args.equals(args);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + args.hashCode();
    }

    /** {@return the type and the arguments, as {@code OK {"message":"Done."}}} */
    @Override
    public String toString() {
        return type + " " + args.encode();
    }
}
