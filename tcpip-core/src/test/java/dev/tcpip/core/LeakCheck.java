package dev.tcpip.core;

import io.vertx.core.Vertx;

import java.io.File;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counts what a run of many connections could leak: open file descriptors of this process, Vert.x timers,
 * and objects that should have been collected (tracked through weak references).
 */
final class LeakCheck {
    private final Vertx vertx;
    private final int fdsBefore;
    private final int timersBefore;
    private final List<WeakReference<Object>> tracked = new ArrayList<>();

    LeakCheck(Vertx vertx) {
        this.vertx = vertx;
        this.fdsBefore = openFds();
        this.timersBefore = timers(vertx);
    }

    /** True where the process's descriptors can be counted (Linux). */
    static boolean canCountFds() {
        return new File("/proc/self/fd").isDirectory();
    }

    static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    /** The number of timers Vert.x has pending (its own map; there is no public count). */
    static int timers(Vertx vertx) {
        try {
            for (Class<?> c = vertx.getClass(); c != null; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField("timeouts");
                    f.setAccessible(true);
                    return ((Map<?, ?>) f.get(vertx)).size();
                } catch (NoSuchFieldException next) {
                    // look in the superclass
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read Vert.x's timers", e);
        }
        throw new AssertionError("Vert.x has no 'timeouts' map any more: update LeakCheck for " + vertx.getClass());
    }

    /** Remembers an object that must be garbage once its connection is gone. */
    void track(Object o) {
        tracked.add(new WeakReference<>(o));
    }

    /**
     * Asserts, polling with a deadline, that descriptors and timers are back to where they were (within
     * {@code fdSlack}) and every tracked object has been collected.
     */
    void assertNothingLeaked(int fdSlack) throws InterruptedException {
        TestSupport.eventually("timers back to " + timersBefore + " (now " + timers(vertx) + ")",
            () -> timers(vertx) <= timersBefore);
        if (fdsBefore >= 0) {
            TestSupport.eventually("open descriptors back to " + fdsBefore + " + " + fdSlack + " (now " + openFds() + ")",
                () -> openFds() <= fdsBefore + fdSlack);
        }
        assertTrue(!tracked.isEmpty(), "nothing was tracked");
        TestSupport.eventually("all " + tracked.size() + " tracked objects collected (" + alive() + " alive)", () -> {
            System.gc();
            return alive() == 0;
        });
    }

    private long alive() {
        return tracked.stream().filter(r -> r.get() != null).count();
    }
}
