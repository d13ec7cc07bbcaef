package dev.tcpip.core;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs each test with Netty's leak detector at its strictest (every buffer tracked), restoring the level
 * afterwards; pair it with {@link LogCapture} to fail on "LEAK:" reports. The level is global to the JVM, so
 * a report may name a buffer leaked by an earlier test of the same run.
 */
final class StrictLeakDetection implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(StrictLeakDetection.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("level", ResourceLeakDetector.getLevel());
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ResourceLeakDetector.setLevel(context.getStore(NS).get("level", ResourceLeakDetector.Level.class));
    }
}
