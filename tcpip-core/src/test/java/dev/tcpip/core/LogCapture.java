package dev.tcpip.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the log events of every logger at or above a level while open; for asserting "no noise". */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Level threshold;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    private LogCapture(Level threshold) {
        this.threshold = threshold;
    }

    /** Starts collecting events at {@code threshold} or above, from every logger. */
    static LogCapture atLeast(Level threshold) {
        LogCapture capture = new LogCapture(threshold);
        capture.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
        capture.start();
        root().addAppender(capture);
        return capture;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(threshold)) {
            events.add(event);
        }
    }

    /** The collected events. */
    List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** The collected events, one line each: "LEVEL logger - message". */
    List<String> lines() {
        return events.stream()
            .map(e -> e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage())
            .toList();
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }
}
