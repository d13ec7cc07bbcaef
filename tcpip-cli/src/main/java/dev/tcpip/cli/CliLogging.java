package dev.tcpip.cli;

import dev.tcpip.launcher.ProgramLogging;

/**
 * The CLI's logging (logback finds it through {@code META-INF/services}): everything to stderr, so that
 * stdout carries only the program's output (the messages received, a server's listening line);
 * {@code dev.tcpip} at INFO unless {@code -Dtcpip.log.level=DEBUG} (which also logs each failed connect
 * attempt) or another level is given.
 */
public final class CliLogging extends ProgramLogging {
    /** The system property giving the level of this project's loggers. */
    public static final String LEVEL_PROPERTY = "tcpip.log.level";

    /** The configuration, as logback's service loader makes it. */
    public CliLogging() {
        super(LEVEL_PROPERTY);
    }
}
