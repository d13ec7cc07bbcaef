package dev.tcpip.tasks;

import dev.tcpip.core.message.MessageSocket;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection to a task server: whether it has authenticated, and each request it sends
 * answered with the confirmation, then the outcome. Requests are taken one at a time: the next is read once
 * this one's outcome is sent, so a client's replies never interleave. Used on the server's context only.
 */
final class TaskSession {
    private static final Logger LOG = LoggerFactory.getLogger(TaskSession.class);

    private final MessageSocket<Object> socket;
    private final byte[] token;
    private final TaskLifecycle lifecycle;
    private final String peer;
    private boolean authenticated;
    private Future<?> inFlight = Future.succeededFuture();

    /**
     * @param token the server's token in UTF-8, or null for open access (the session counts as
     *              authenticated from the start)
     */
    TaskSession(MessageSocket<Object> socket, byte[] token, TaskLifecycle lifecycle) {
        this.socket = socket;
        this.token = token;
        this.lifecycle = lifecycle;
        this.authenticated = token == null;
        this.peer = String.valueOf(socket.remoteAddress());
    }

    /** {@return completed once the request being handled, if any, has had its outcome sent} */
    Future<?> inFlight() {
        return inFlight;
    }

    /** Closes the connection once what is queued is written. {@return completed once it is closed} */
    Future<Void> close() {
        return socket.close();
    }

    /** Handles one message; {@return completed when the next may be read} */
    Future<?> received(Object message) {
        MessageType type;
        try {
            type = TaskProtocol.type(message);
        } catch (IllegalArgumentException e) {
            return malformed(e);
        }
        if (!type.isRequest()) {
            LOG.debug("{}: a client's {} is not a request; ignored", peer, type);
            return Future.succeededFuture();
        }
        if (!authenticated && type != MessageType.AUTH) {
            // Nothing but the type is read from it, and nothing runs.
            LOG.warn("{}: {} before authentication refused", peer, type);
            inFlight = send(TaskReply.error(TaskProtocol.NOT_AUTHENTICATED));
            return inFlight;
        }
        JsonObject args;
        try {
            args = TaskProtocol.args((JsonObject) message);
        } catch (IllegalArgumentException e) {
            return malformed(e);
        }
        LOG.debug("{}: {} received", peer, type);
        send(TaskProtocol.confirmation(type));
        // In flight before it is submitted: an outcome decided at once (an EXIT before INIT) ends the server
        // at once, and the server waits for what is in flight before it closes the connections.
        Promise<Void> handled = Promise.promise();
        inFlight = handled.future();
        Future<TaskReply> outcome = type == MessageType.AUTH
            ? Future.succeededFuture(authenticate(args))
            : lifecycle.submit(type, args);
        outcome.compose(this::send).onComplete(handled);
        return inFlight;
    }

    private TaskReply authenticate(JsonObject args) {
        if (token == null) {
            authenticated = true;
            return TaskReply.okMessage(TaskProtocol.AUTH_OK);
        }
        Object presented = args.getValue("token");
        authenticated = presented instanceof String && TaskTokens.matches(token, (String) presented);
        if (!authenticated) {
            LOG.warn("{}: invalid client authentication", peer);
            return TaskReply.error(TaskProtocol.AUTH_FAILED);
        }
        LOG.debug("{}: authenticated", peer);
        return TaskReply.okMessage(TaskProtocol.AUTH_OK);
    }

    private Future<?> malformed(IllegalArgumentException e) {
        LOG.warn("{}: closing the connection: {}", peer, e.getMessage());
        socket.close();
        return Future.succeededFuture();
    }

    /** Sends a reply; one the client is no longer there for is dropped quietly. Never fails. */
    private Future<Void> send(TaskReply reply) {
        return socket.send(reply.toJson()).otherwise(e -> {
            LOG.debug("{}: reply {} dropped: {}", peer, reply, e.toString());
            return null;
        });
    }
}
