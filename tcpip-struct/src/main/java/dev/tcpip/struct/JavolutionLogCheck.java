package dev.tcpip.struct;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks once that javolution logs through tcpip-struct's {@code javolution.osgi.internal.LogServiceImpl}
 * (SLF4J, no thread) and not through javolution's own (a thread printing to stdout), and says how to fix
 * the class path when it does not.
 */
final class JavolutionLogCheck {
    private static final Logger LOG = LoggerFactory.getLogger(JavolutionLogCheck.class);
    private static final String SINK = "javolution.osgi.internal.LogServiceImpl";

    static final boolean QUIET = check();

    private JavolutionLogCheck() {
    }

    private static boolean check() {
        try {
            Class<?> sink = Class.forName(SINK, false, JavolutionLogCheck.class.getClassLoader());
            // javolution's own sink is a Thread; ours is not.
            if (Thread.class.isAssignableFrom(sink)) {
                LOG.warn("javolution's own log sink ({} from {}) was loaded instead of tcpip-struct's, so javolution "
                        + "prints [DEBUG] lines to stdout and runs a Logging-Thread; put tcpip-struct before "
                        + "javolution-core-java on the class path (do not declare javolution ahead of it)",
                    SINK, sink.getProtectionDomain().getCodeSource());
                return false;
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.warn("cannot check javolution's log sink {}", SINK, e);
            return false;
        }
    }

    /**
     * @return true when javolution logs through SLF4J
     */
    static boolean quiet() {
        return QUIET;
    }
}
