package dev.tcpip.testsupport;

import io.vertx.core.Vertx;

import java.io.File;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Counts what a run of many connections could leak: open file descriptors of this process, timers pending
 * on a Vert.x instance, and objects that must have been collected (tracked through weak references). Make
 * one after a warm-up (pools and caches filled), run the cycles, {@link #track} what each leaves behind,
 * then {@link #assertNothingLeaked(int)}:
 *
 * <pre>{@code
 * LeakCheck leaks = new LeakCheck(vertx);
 * for (...) {
 *     ...
 *     leaks.track(server.connection());
 * }
 * leaks.assertNothingLeaked(5);
 * }</pre>
 *
 * <p>Descriptors are counted where the system lists them ({@code /proc/self/fd}, Linux); elsewhere that part
 * of the check is skipped. Vert.x has no public count of its timers, so {@link #timers(Vertx)} reads its
 * private {@code timeouts} map by reflection: this class is the one place that does, and it fails with a
 * message saying so if a Vert.x release renames the field. Pair it with {@link StrictLeakDetection} for
 * Netty's buffers.
 */
public final class LeakCheck {
    private static final File FD_DIRECTORY = new File("/proc/self/fd");
    private static final String TIMERS_FIELD = "timeouts";

    private final Vertx vertx;
    private final Duration timeout;
    private final int fdsBefore;
    private final int timersBefore;
    private final List<WeakReference<Object>> tracked = new ArrayList<>();

    /**
     * Notes the process's open descriptors and the instance's pending timers now, as the baseline, and
     * waits at most {@link Await#DEFAULT_TIMEOUT} for each to be back to it.
     *
     * @param vertx the Vert.x instance whose timers are counted
     */
    public LeakCheck(Vertx vertx) {
        this(vertx, Await.DEFAULT_TIMEOUT);
    }

    /**
     * Notes the process's open descriptors and the instance's pending timers now, as the baseline.
     *
     * @param vertx   the Vert.x instance whose timers are counted
     * @param timeout how long {@link #assertNothingLeaked(int)} waits for each count (positive)
     */
    public LeakCheck(Vertx vertx, Duration timeout) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.timeout = Await.requirePositive(timeout, "timeout");
        this.fdsBefore = openFds();
        this.timersBefore = timers(vertx);
    }

    /**
     * {@return true where the process's open descriptors can be counted (Linux's /proc/self/fd)}
     */
    public static boolean canCountFds() {
        return FD_DIRECTORY.isDirectory();
    }

    /**
     * {@return the number of file descriptors this process has open, or -1 where they cannot be counted}
     */
    public static int openFds() {
        String[] fds = FD_DIRECTORY.list();
        return fds == null ? -1 : fds.length;
    }

    /**
     * Counts the timers (and periodic timers) pending on a Vert.x instance. Vert.x has no public count: this
     * reads its private {@code timeouts} map.
     *
     * @param vertx the instance
     * @return the number of its pending timers
     * @throws AssertionError if this Vert.x has no such map any more (the check must be updated), or it cannot
     *     be read
     */
    public static int timers(Vertx vertx) {
        Objects.requireNonNull(vertx, "vertx");
        for (Class<?> c = vertx.getClass(); c != null; c = c.getSuperclass()) {
            Field f;
            try {
                f = c.getDeclaredField(TIMERS_FIELD);
            } catch (NoSuchFieldException next) {
                continue;   // look in the superclass
            }
            try {
                f.setAccessible(true);
                return ((Map<?, ?>) f.get(vertx)).size();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new AssertionError("cannot read Vert.x's timers: the field " + c.getName() + "." + TIMERS_FIELD
                    + " is not a readable Map any more; update dev.tcpip.testsupport.LeakCheck for this Vert.x", e);
            }
        }
        throw new AssertionError("Vert.x has no '" + TIMERS_FIELD + "' map any more in " + vertx.getClass().getName()
            + " or its superclasses: update dev.tcpip.testsupport.LeakCheck for this Vert.x");
    }

    /**
     * Remembers an object that must be garbage once what holds it is gone (a connection, its reader, an
     * endpoint). Only a weak reference is kept.
     *
     * @param o the object
     */
    public void track(Object o) {
        tracked.add(new WeakReference<>(Objects.requireNonNull(o, "o")));
    }

    /**
     * {@return how many objects were tracked}
     */
    public int trackedCount() {
        return tracked.size();
    }

    /**
     * Asserts, polling with a deadline, that the instance's timers are back to where they were, the open
     * descriptors too (within {@code fdSlack}), and every tracked object has been collected (asking for
     * garbage collection while it waits). At least one object must have been tracked.
     *
     * @param fdSlack how many more descriptors than at the start are tolerated (a lazily opened file, say)
     * @throws AssertionError on a leak, saying what leaked and how much, or if nothing was tracked
     */
    public void assertNothingLeaked(int fdSlack) {
        awaitAtMost("Vert.x timers back to " + timersBefore, () -> timers(vertx), timersBefore);
        if (fdsBefore >= 0) {
            awaitAtMost("open descriptors back to " + fdsBefore + " + " + fdSlack, LeakCheck::openFds, fdsBefore + fdSlack);
        }
        if (tracked.isEmpty()) {
            throw new AssertionError("nothing was tracked");
        }
        awaitAtMost("none of the " + tracked.size() + " tracked objects alive", () -> {
            System.gc();
            return alive();
        }, 0);
    }

    private void awaitAtMost(String what, IntSupplier count, int limit) {
        try {
            Await.awaitCondition(what, () -> count.getAsInt() <= limit, timeout);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (now " + count.getAsInt() + ")", e);
        }
    }

    private int alive() {
        int alive = 0;
        for (WeakReference<Object> r : tracked) {
            if (r.get() != null) {
                alive++;
            }
        }
        return alive;
    }
}
