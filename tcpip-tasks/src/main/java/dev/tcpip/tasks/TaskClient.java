package dev.tcpip.tasks;

import dev.tcpip.core.message.MessageSocket;
import dev.tcpip.core.message.MessageSocketOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * A client of a {@link TaskServer} (bgpy's {@code Client}): each call opens its own connection, presents the
 * token (AUTH) if one is set, sends one request, takes the replies and closes.
 *
 * <pre>{@code
 * TaskClient client = TaskClient.create(vertx, new TaskClientOptions().setPort(port).setToken(token));
 * client.initialize(new JsonObject(), true);                        // OK "Initialization successful."
 * client.execute(new JsonObject().put("command", "increase").put("value", 10), false);
 * TaskReply last = client.terminate(new JsonObject(), true).await(); // the exit task's response
 * }</pre>
 *
 * <p>With {@code awaitResponse} false a call returns the confirmation ({@code OK {"message": "Received
 * 'EXEC'"}}) as soon as it arrives, and the task's outcome is not waited for (bgpy's default); with true it
 * returns the outcome: the task's response, the default one, or an ERROR. A request the server refuses (a
 * wrong token, "Not authenticated.") returns that ERROR. Every call waits at most the response timeout for
 * its replies. The arguments given are copied, never changed.
 *
 * <p>The client holds nothing between calls: no connection, no thread. Its methods may be called from any
 * thread, at the same time.
 */
public final class TaskClient {
    private final Vertx vertx;
    private final TaskClientOptions options;

    private TaskClient(Vertx vertx, TaskClientOptions options) {
        this.vertx = vertx;
        this.options = options;
    }

    /**
     * Creates a client.
     *
     * @param vertx   the Vert.x instance
     * @param options the server's address, the token, the timeouts (copied)
     * @return the client
     */
    public static TaskClient create(Vertx vertx, TaskClientOptions options) {
        return new TaskClient(Objects.requireNonNull(vertx, "vertx"), new TaskClientOptions(options));
    }

    /**
     * Sends only AUTH with the token (with none, AUTH without one): a check that the token is accepted.
     *
     * @return OK "Authentication successful." or ERROR "Invalid client authentication."; failed as
     *     {@link #request} says
     */
    public Future<TaskReply> authenticate() {
        return call(MessageType.AUTH, new JsonObject(), true);
    }

    /**
     * Sends INIT (bgpy's {@code initialize}, with arguments for the init task instead of pickled functions).
     *
     * @param args          the init task's arguments
     * @param awaitResponse whether to wait for the outcome (OK "Initialization successful.", ERROR "Already
     *                      initialized.") rather than return the confirmation
     * @return the reply; failed as {@link #request} says
     */
    public Future<TaskReply> initialize(JsonObject args, boolean awaitResponse) {
        return request(MessageType.INIT, args, awaitResponse);
    }

    /**
     * Sends EXEC (bgpy's {@code execute}).
     *
     * @param args          the exec task's arguments
     * @param awaitResponse whether to wait for the outcome (the task's response, or OK "Done.") rather than
     *                      return the confirmation
     * @return the reply; failed as {@link #request} says
     */
    public Future<TaskReply> execute(JsonObject args, boolean awaitResponse) {
        return request(MessageType.EXEC, args, awaitResponse);
    }

    /**
     * Sends EXIT (bgpy's {@code terminate}): the exit task runs, and the server ends.
     *
     * @param args          the exit task's arguments
     * @param awaitResponse whether to wait for the outcome (the task's response, or OK "Exited.") rather than
     *                      return the confirmation
     * @return the reply; failed as {@link #request} says
     */
    public Future<TaskReply> terminate(JsonObject args, boolean awaitResponse) {
        return request(MessageType.EXIT, args, awaitResponse);
    }

    /**
     * Sends a request on a new connection, after AUTH if a token is set.
     *
     * @param type          INIT, EXEC or EXIT
     * @param args          its arguments (copied)
     * @param awaitResponse whether to wait for the outcome rather than return the confirmation
     * @return the confirmation or the outcome; an ERROR when the server refused the token or the request;
     *     failed with a {@link java.net.ConnectException} if it cannot connect within the connect timeout, a
     *     {@link java.util.concurrent.TimeoutException} if the replies do not come within the response
     *     timeout, a {@link dev.tcpip.core.message.EndOfStreamException} if the server closes the connection
     *     first, a {@link java.net.ProtocolException} if a reply is not of the protocol, an
     *     {@link IllegalArgumentException} if the arguments hold a value that is not JSON
     */
    public Future<TaskReply> request(MessageType type, JsonObject args, boolean awaitResponse) {
        if (Objects.requireNonNull(type, "type") == MessageType.AUTH || !type.isRequest()) {
            return Future.failedFuture(new IllegalArgumentException("a request is INIT, EXEC or EXIT, not " + type
                + (type == MessageType.AUTH ? " (see authenticate())" : "")));
        }
        return call(type, args, awaitResponse);
    }

    private Future<TaskReply> call(MessageType type, JsonObject args, boolean awaitResponse) {
        JsonObject copy;
        try {
            copy = TaskReply.ok(Objects.requireNonNull(args, "args")).args();
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        MessageSocketOptions socketOptions = new MessageSocketOptions()
            .setName("task client")
            .setHost(options.getHost())
            .setPort(options.getPort())
            .setConnectTimeout(options.getConnectTimeout())
            .setMaxFrameLength(options.getMaxFrameLength())
            .setNetClientOptions(options.getNetClientOptions());
        String where = options.getHost() + ":" + options.getPort();
        return MessageSocket.connect(vertx, socketOptions, TaskProtocol.CODEC).compose(socket ->
            ClientCall.run(vertx, socket, where, options.getResponseTimeout(), options.getToken(), type, copy, awaitResponse));
    }

    /** {@return its options (a copy)} */
    public TaskClientOptions options() {
        return new TaskClientOptions(options);
    }
}
