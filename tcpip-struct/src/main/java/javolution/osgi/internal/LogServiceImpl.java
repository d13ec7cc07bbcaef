package javolution.osgi.internal;

import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tcpip-struct's replacement for javolution 6.0.0's default log sink, which is a class of this same name.
 *
 * <p>Outside OSGi, javolution sends every log message to an instance of
 * {@code javolution.osgi.internal.LogServiceImpl}. Javolution's own version starts a thread named
 * {@code Logging-Thread} and prints each message to {@code System.out}, and the first use of
 * {@code javolution.io.Struct} logs two {@code [DEBUG]} lines through it. A library must not write to
 * stdout (a program's stdout may be its protocol), and no hook in javolution runs before that first
 * message, so tcpip-struct ships this class under the same name: because tcpip-struct comes before
 * javolution on the class path (it depends on javolution), the JVM loads this one. It forwards each
 * message to the SLF4J logger {@code javolution} and starts no thread.
 *
 * <p>{@code dev.tcpip.struct.CStruct} checks at class initialization that this version was loaded and logs a
 * warning naming the fix when javolution's own came first (javolution listed before tcpip-struct).
 * A test in tcpip-struct runs a fresh JVM and asserts that stdout stays empty and no logging thread starts.
 */
public final class LogServiceImpl implements LogService {

    private static final Logger LOG = LoggerFactory.getLogger("javolution");

    /**
     * Created by javolution's service tracker, by reflection.
     */
    public LogServiceImpl() {
        // Nothing to start: messages go straight to SLF4J.
    }

    /**
     * Logs a message at the given OSGi level.
     *
     * @param level   an OSGi {@code LogService.LOG_*} level
     * @param message the message
     */
    @Override
    public void log(int level, String message) {
        log(level, message, null);
    }

    /**
     * Logs a message and an exception at the given OSGi level.
     *
     * @param level     an OSGi {@code LogService.LOG_*} level
     * @param message   the message
     * @param exception the exception, or null
     */
    @Override
    public void log(int level, String message, Throwable exception) {
        switch (level) {
            case LOG_DEBUG:
                LOG.debug(message, exception);
                break;
            case LOG_WARNING:
                LOG.warn(message, exception);
                break;
            case LOG_ERROR:
                LOG.error(message, exception);
                break;
            default:
                LOG.info(message, exception);
                break;
        }
    }

    /**
     * As {@link #log(int, String)}; the service reference is ignored.
     *
     * @param sr      ignored
     * @param level   an OSGi {@code LogService.LOG_*} level
     * @param message the message
     */
    @Override
    @SuppressWarnings("rawtypes")
    public void log(ServiceReference sr, int level, String message) {
        log(level, message, null);
    }

    /**
     * As {@link #log(int, String, Throwable)}; the service reference is ignored.
     *
     * @param sr        ignored
     * @param level     an OSGi {@code LogService.LOG_*} level
     * @param message   the message
     * @param exception the exception, or null
     */
    @Override
    @SuppressWarnings("rawtypes")
    public void log(ServiceReference sr, int level, String message, Throwable exception) {
        log(level, message, exception);
    }
}
