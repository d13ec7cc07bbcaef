package dev.tcpip.tasks;

import dev.tcpip.core.Tcpip;
import dev.tcpip.core.message.EndOfStreamException;
import dev.tcpip.core.message.MessageSocket;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.net.ProtocolException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;

/**
 * One call of a {@link TaskClient} on its own connection: AUTH if there is a token, then the request, its
 * confirmation, and its outcome if asked for, all within the response timeout; the connection is closed at
 * the end, whatever happened. On the socket's context.
 */
final class ClientCall {
    /** More replies waiting than a call can ask for (AUTH's two, the request's two): a server that floods. */
    private static final int MAX_UNREAD = 4;

    private final Vertx vertx;
    private final MessageSocket<Object> socket;
    private final String where;
    private final Duration timeout;
    private final ArrayDeque<Object> arrived = new ArrayDeque<>();
    private Promise<Object> waiting;
    private Throwable end;

    private ClientCall(Vertx vertx, MessageSocket<Object> socket, String where, Duration timeout) {
        this.vertx = vertx;
        this.socket = socket;
        this.where = where;
        this.timeout = timeout;
    }

    /**
     * Makes the call on a connected socket, then closes it.
     *
     * @param token the token to present first, or null to send no AUTH
     * @param type  the request (AUTH for {@link TaskClient#authenticate()}: then only AUTH is sent)
     */
    static Future<TaskReply> run(Vertx vertx, MessageSocket<Object> socket, String where, Duration timeout,
                                 String token, MessageType type, JsonObject args, boolean awaitResponse) {
        ClientCall call = new ClientCall(vertx, socket, where, timeout);
        return Tcpip.onContext(socket.context(), () -> call.run(token, type, args, awaitResponse));
    }

    private Future<TaskReply> run(String token, MessageType type, JsonObject args, boolean awaitResponse) {
        // The stream, not the close hook: its end comes after the last message is handed over.
        socket.messages()
            .exceptionHandler(this::ended)
            .endHandler(v -> ended(new EndOfStreamException("the server at " + where
                + " closed the connection before replying", null)))
            .handler(this::arrived);
        Promise<TaskReply> result = Promise.promise();
        long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> result.tryFail(
            new TimeoutException("no reply from the task server at " + where + " within " + TaskProtocol.seconds(timeout) + " s")));
        Future<TaskReply> authenticated;
        if (type == MessageType.AUTH) {
            authenticated = request(MessageType.AUTH, token == null ? new JsonObject() : new JsonObject().put("token", token), true);
        } else if (token != null) {
            authenticated = request(MessageType.AUTH, new JsonObject().put("token", token), true)
                .map(reply -> reply.isOk() ? null : reply);
        } else {
            authenticated = Future.succeededFuture();
        }
        authenticated
            .compose(refused -> type == MessageType.AUTH || refused != null
                ? Future.succeededFuture(refused)
                : request(type, args, awaitResponse))
            .onComplete(ar -> {
                if (ar.succeeded()) {
                    result.tryComplete(ar.result());
                } else {
                    result.tryFail(ar.cause());
                }
            });
        return result.future().onComplete(ar -> {
            vertx.cancelTimer(timer);
            socket.close();
        });
    }

    /**
     * Sends a request; {@return the confirmation, or the outcome when awaited; an ERROR sent instead of the
     * confirmation (the only reply to a request refused before authentication) is the outcome}
     */
    private Future<TaskReply> request(MessageType type, JsonObject args, boolean awaitOutcome) {
        return socket.send(TaskProtocol.message(type, args)).compose(v -> next()).compose(first -> {
            if (first.type() == MessageType.ERROR) {
                return Future.succeededFuture(first);
            }
            if (!TaskProtocol.isConfirmation(first, type)) {
                return Future.failedFuture(new ProtocolException("the task server at " + where
                    + " answered " + type + " with " + first + " instead of its confirmation"));
            }
            return awaitOutcome ? next() : Future.succeededFuture(first);
        });
    }

    /** {@return the next reply} */
    private Future<TaskReply> next() {
        Future<Object> message;
        if (!arrived.isEmpty()) {
            message = Future.succeededFuture(arrived.poll());
        } else if (end != null) {
            message = Future.failedFuture(end);
        } else {
            waiting = Promise.promise();
            message = waiting.future();
        }
        return message.compose(this::reply);
    }

    private Future<TaskReply> reply(Object message) {
        try {
            MessageType type = TaskProtocol.type(message);
            if (type.isRequest()) {
                throw new IllegalArgumentException("a server sends OK or ERROR, not " + type);
            }
            return Future.succeededFuture(TaskReply.of(type, TaskProtocol.args((JsonObject) message)));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new ProtocolException("a malformed reply from the task server at " + where + ": " + e.getMessage()));
        }
    }

    private void arrived(Object message) {
        if (arrived.size() >= MAX_UNREAD) {
            ended(new ProtocolException("the task server at " + where + " sent more replies than were asked for"));
            socket.close();
            return;
        }
        if (waiting != null) {
            Promise<Object> p = waiting;
            waiting = null;
            p.complete(message);
        } else {
            arrived.add(message);
        }
    }

    private void ended(Throwable cause) {
        if (end != null) {
            return;
        }
        end = cause;
        if (waiting != null) {
            Promise<Object> p = waiting;
            waiting = null;
            p.fail(cause);
        }
    }
}
