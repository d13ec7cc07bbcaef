package dev.tcpip.services;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Runs work on one Vert.x context: at once when already there, else by hopping. The state it guards is touched nowhere else. */
final class Confined {
    private final Context context;

    Confined(Context context) {
        this.context = java.util.Objects.requireNonNull(context, "context");
    }

    Context context() {
        return context;
    }

    /** {@return whether the caller runs on the context: then its state may be touched directly} */
    boolean isHere() {
        return Vertx.currentContext() == context;
    }

    /** Runs {@code action} on the context (directly if the caller is on it). */
    void run(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /**
     * Refuses a blocking wait on this context (a virtual-thread context runs one task at a time: a thread
     * blocked on it holds the very context that would end the wait) and on any Vert.x event loop.
     */
    void checkMayBlockHere(String what) {
        if (dev.tcpip.core.internal.VertxInternals.isCurrent(context)) {
            throw new IllegalStateException(what + " blocks, and would hold the context that must end the wait; "
                + "on this context use the Future methods (with .await() on a virtual thread)");
        }
        checkMayBlock(what);
    }

    /** Refuses a blocking wait on a Vert.x event loop, where it would stop the loop that must end the wait. */
    static void checkMayBlock(String what) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException(what + " blocks, and would block the Vert.x event loop " + Thread.currentThread().getName()
                + "; from Vert.x code use the Future methods instead");
        }
    }
}
