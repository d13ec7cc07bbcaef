package dev.tcpip.echo;

import dev.tcpip.launcher.ProgramLogging;

/**
 * The echo server's logging (logback finds it through {@code META-INF/services}): everything to stderr,
 * {@code dev.tcpip} at INFO unless {@code -Decho.log.level=DEBUG} (which logs every line read) or another
 * level is given.
 */
public final class EchoLogging extends ProgramLogging {
    /** The configuration, as logback's service loader makes it. */
    public EchoLogging() {
        super("echo.log.level");
    }
}
