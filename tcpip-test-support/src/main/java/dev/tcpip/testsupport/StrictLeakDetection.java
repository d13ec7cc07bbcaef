package dev.tcpip.testsupport;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs each test with Netty's leak detector at its strictest
 * ({@link ResourceLeakDetector.Level#PARANOID}: every buffer tracked), restoring the level afterwards:
 *
 * <pre>{@code
 * @ExtendWith(StrictLeakDetection.class)
 * class FloodTest { ... }
 * }</pre>
 *
 * <p>Netty reports a leak by logging "LEAK:" (at ERROR) when it finds a buffer collected without having been
 * released, so pair this with a test that fails on error logs. The level is global to the JVM, so a report
 * may name a buffer leaked by an earlier test of the same run.
 */
public final class StrictLeakDetection implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(StrictLeakDetection.class);
    private static final String LEVEL = "level";

    /** The extension, as JUnit makes it for {@code @ExtendWith}. */
    public StrictLeakDetection() {
    }

    /**
     * Notes the leak detector's level and sets it to {@link ResourceLeakDetector.Level#PARANOID}.
     *
     * @param context the test's context, where the former level is kept
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put(LEVEL, ResourceLeakDetector.getLevel());
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    /**
     * Sets the leak detector's level back to what it was before the test.
     *
     * @param context the test's context
     */
    @Override
    public void afterEach(ExtensionContext context) {
        ResourceLeakDetector.Level before = context.getStore(NS).get(LEVEL, ResourceLeakDetector.Level.class);
        if (before != null) {
            ResourceLeakDetector.setLevel(before);
        }
    }
}
