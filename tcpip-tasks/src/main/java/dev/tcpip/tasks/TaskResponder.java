package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link Responder} a task gets: keeps the first response; refuses a second one, and any after the
 * task has ended. Lock-free, so a task may respond from any thread.
 */
final class TaskResponder implements Responder {
    private static final Object ENDED = new Object();

    private final AtomicReference<Object> response = new AtomicReference<>();

    @Override
    public void respond(JsonObject args) {
        set(TaskReply.ok(args));
    }

    @Override
    public void error(String message) {
        set(TaskReply.error(message));
    }

    private void set(TaskReply reply) {
        if (!response.compareAndSet(null, reply)) {
            throw new IllegalStateException(response.get() == ENDED
                ? "the task has ended: its outcome is decided" : "the task has responded already");
        }
    }

    /** Ends the task's turn: no response is taken after this. {@return the response given, or null} */
    TaskReply end() {
        Object r = response.getAndSet(ENDED);
        return r instanceof TaskReply ? (TaskReply) r : null;
    }
}
