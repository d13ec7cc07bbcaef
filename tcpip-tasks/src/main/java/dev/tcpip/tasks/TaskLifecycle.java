package dev.tcpip.tasks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The server's state and its INIT/EXEC/EXIT lifecycle: requests from every client in one queue, run one at
 * a time in arrival order (the state is shared), each task on the {@link TaskWorker}; every request's
 * outcome as a {@link TaskReply}. Used on the server's context only.
 */
final class TaskLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TaskLifecycle.class);

    private final TaskSet tasks;
    private final TaskWorker worker;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final Promise<Void> exited = Promise.promise();
    private JsonObject state;
    private boolean running;
    private boolean ending;

    /** A request waiting for its turn. */
    private static final class Job {
        final MessageType type;
        final JsonObject args;
        final Promise<TaskReply> outcome = Promise.promise();

        Job(MessageType type, JsonObject args) {
            this.type = type;
            this.args = args;
        }
    }

    TaskLifecycle(TaskSet tasks, TaskWorker worker) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.worker = worker;
    }

    /**
     * Queues an INIT, EXEC or EXIT request.
     *
     * @return its outcome, once its turn has come and its task has ended; never failed
     */
    Future<TaskReply> submit(MessageType type, JsonObject args) {
        if (type == MessageType.AUTH || !type.isRequest()) {
            throw new IllegalArgumentException("not a task request: " + type);
        }
        if (ending) {
            return Future.succeededFuture(TaskReply.error(TaskProtocol.SHUTTING_DOWN));
        }
        Job job = new Job(type, args);
        queue.add(job);
        next();
        return job.outcome.future();
    }

    /** {@return completed once an EXIT has been answered: the server should end} */
    Future<Void> exited() {
        return exited.future();
    }

    /** {@return whether the state has been made} */
    boolean initialized() {
        return state != null;
    }

    /** Ends without EXIT: queued requests get ERROR "Server is shutting down.", and so does a running task. */
    void shutdown() {
        ending = true;
        drain();
        worker.close();
    }

    /** Runs the queued jobs one at a time. */
    private void next() {
        while (!running && !queue.isEmpty()) {
            Job job = queue.poll();
            running = true;
            Future<TaskReply> outcome;
            try {
                outcome = run(job);
            } catch (RuntimeException e) {
                outcome = Future.failedFuture(e);
            }
            if (outcome.isComplete()) {
                finish(job, outcome.succeeded() ? outcome.result() : failed(job.type, outcome.cause()));
            } else {
                outcome.onComplete(ar -> {
                    finish(job, ar.succeeded() ? ar.result() : failed(job.type, ar.cause()));
                    next();
                });
                return;
            }
        }
    }

    private void finish(Job job, TaskReply reply) {
        running = false;
        job.outcome.complete(reply);
        if (job.type == MessageType.EXIT && !ending) {
            ending = true;
            drain();
            exited.complete();
        }
    }

    private void drain() {
        Job job;
        while ((job = queue.poll()) != null) {
            job.outcome.complete(TaskReply.error(TaskProtocol.SHUTTING_DOWN));
        }
    }

    private Future<TaskReply> run(Job job) {
        switch (job.type) {
            case INIT:
                if (state != null) {
                    return Future.succeededFuture(TaskReply.error(TaskProtocol.ALREADY_INITIALIZED));
                }
                JsonObject initArgs = job.args.copy();
                return worker.run(() -> checked(tasks.init(initArgs))).map(s -> {
                    state = s;
                    LOG.info("initialized by the '{}' init task", tasks.name());
                    return TaskReply.okMessage(TaskProtocol.INIT_OK);
                });
            case EXEC:
                if (state == null) {
                    return Future.succeededFuture(TaskReply.error(TaskProtocol.NOT_INITIALIZED));
                }
                return withResponder(job, TaskProtocol.EXEC_DONE, r -> {
                    JsonObject s = state.copy();
                    JsonObject a = job.args.copy();
                    return () -> checked(tasks.exec(s, a, r));
                });
            case EXIT:
                if (state == null) {
                    return Future.succeededFuture(TaskReply.okMessage(TaskProtocol.EXITED));
                }
                return withResponder(job, TaskProtocol.EXITED, r -> {
                    JsonObject s = state.copy();
                    JsonObject a = job.args.copy();
                    return () -> {
                        tasks.exit(s, a, r);
                        return null;
                    };
                });
            default:
                throw new IllegalArgumentException("not a task request: " + job.type);
        }
    }

    /** Runs an EXEC or EXIT task with a responder; a returned state replaces the state. */
    private Future<TaskReply> withResponder(Job job, String otherwise,
                                            Function<TaskResponder, Callable<JsonObject>> task) {
        TaskResponder responder = new TaskResponder();
        return worker.run(task.apply(responder)).transform(ar -> {
            TaskReply response = responder.end();
            if (ar.failed()) {
                return Future.failedFuture(ar.cause());
            }
            if (ar.result() != null) {
                state = ar.result();
            }
            return Future.succeededFuture(response != null ? response : TaskReply.okMessage(otherwise));
        });
    }

    /** A state a task returned: a copy, checked to be JSON (on the task's thread). */
    private static JsonObject checked(JsonObject returned) {
        if (returned == null) {
            throw new IllegalStateException("it returned null instead of the new state");
        }
        return returned.copy();
    }

    /** The ERROR outcome of a task that failed. */
    private TaskReply failed(MessageType type, Throwable cause) {
        String task = type.taskName();
        if (cause instanceof TaskWorker.Closed) {
            return TaskReply.error(TaskProtocol.SHUTTING_DOWN);
        }
        if (cause instanceof TaskWorker.TimedOut) {
            LOG.warn("the '{}' {} task timed out after {} s; its thread was interrupted and left", tasks.name(),
                task.toLowerCase(Locale.ROOT), TaskProtocol.seconds(worker.limit()));
            return TaskReply.error(task + " task timed out after " + TaskProtocol.seconds(worker.limit()) + " s.");
        }
        LOG.warn("the '{}' {} task failed; the state stays as it was", tasks.name(), task.toLowerCase(Locale.ROOT), cause);
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
        return TaskReply.error(task + " task failed: " + message);
    }
}
