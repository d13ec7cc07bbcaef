package dev.tcpip.bench.load;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets logging to WARN, so that no per-line DEBUG or per-client INFO message runs while measuring (the
 * shaded jar also carries the programs' logging configurators, which set {@code dev.tcpip} to INFO).
 */
final class Quiet {
    private Quiet() {
    }

    /** Sets the root logger and the dev.tcpip, io.vertx and io.netty loggers to WARN. */
    static void logging() {
        for (String name : new String[] {org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.tcpip", "io.vertx", "io.netty"}) {
            org.slf4j.Logger logger = LoggerFactory.getLogger(name);
            if (logger instanceof Logger) {
                ((Logger) logger).setLevel(Level.WARN);
            }
        }
    }
}
