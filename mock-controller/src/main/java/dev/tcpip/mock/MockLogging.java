package dev.tcpip.mock;

import dev.tcpip.launcher.ProgramLogging;

/**
 * The mock controller's logging (logback finds it through {@code META-INF/services}): everything to stderr,
 * {@code dev.tcpip} at INFO unless {@code -Dmock.log.level=DEBUG} (which logs every command) or another
 * level is given; javolution at WARN.
 */
public final class MockLogging extends ProgramLogging {
    /** The configuration, as logback's service loader makes it. */
    public MockLogging() {
        super(Main.LOG_LEVEL, "javolution");
    }
}
