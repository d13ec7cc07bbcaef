package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A task set for tests: the state {@code {"n": 0}}; each EXEC does what its {@code "do"} says and records
 * its arguments and thread. {@code "count"}: n + 1; {@code "respond"}: responds with {@code "reply"};
 * {@code "error"}: responds ERROR with {@code "reply"}; {@code "throw"}: throws after changing its copies of
 * the state and the arguments; {@code "block"}: waits, deaf to interrupts, until {@link #release()};
 * {@code "echo"}: returns the state with the arguments under {@code "last"}.
 */
final class TestTasks implements TaskSet {
    final AtomicInteger inits = new AtomicInteger();
    final AtomicInteger execs = new AtomicInteger();
    final AtomicInteger exits = new AtomicInteger();
    final List<JsonObject> execArgs = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CountDownLatch blocked = new CountDownLatch(1);
    /** The most exec tasks seen running at once. */
    final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String name() {
        return "test";
    }

    @Override
    public JsonObject init(JsonObject args) {
        inits.incrementAndGet();
        return new JsonObject().put("n", 0);
    }

    @Override
    public JsonObject exec(JsonObject state, JsonObject args, Responder responder) {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            return run(state, args, responder);
        } finally {
            running.decrementAndGet();
        }
    }

    private JsonObject run(JsonObject state, JsonObject args, Responder responder) {
        execs.incrementAndGet();
        execArgs.add(args.copy());
        threads.add(Thread.currentThread().getName());
        String what = args.getString("do", "count");
        switch (what) {
            case "count":
                return state.put("n", state.getInteger("n") + 1);
            case "respond":
                responder.respond(args.getJsonObject("reply"));
                return state.put("n", state.getInteger("n") + 1);
            case "error":
                responder.error(args.getString("reply"));
                return state;
            case "throw":
                state.put("n", -1);
                args.put("changed", true);
                throw new IllegalStateException("boom");
            case "block":
                blocked.countDown();
                awaitRelease();
                return state.put("n", 1000);
            case "echo":
                return state.put("last", args);
            case "null":
                return null;
            default:
                throw new IllegalArgumentException("no such test action: " + what);
        }
    }

    @Override
    public void exit(JsonObject state, JsonObject args, Responder responder) {
        exits.incrementAndGet();
        responder.respond(state.put("exited", true));
    }

    /** Lets every blocked task end. */
    void release() {
        release.countDown();
    }

    private void awaitRelease() {
        while (true) {
            try {
                release.await();
                return;
            } catch (InterruptedException deaf) {
                // A task that never gives up: its time limit must do.
            }
        }
    }
}
