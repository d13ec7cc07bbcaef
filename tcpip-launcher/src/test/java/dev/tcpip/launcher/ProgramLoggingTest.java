package dev.tcpip.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ProgramLogging configures a fresh logger context, as logback's initialiser would. */
class ProgramLoggingTest {
    private static final String LEVEL_PROPERTY = "programloggingtest.log.level";
    /** A class loader that finds no resource at all: no logback.xml or logback-test.xml on its class path. */
    private static final ClassLoader NO_USER_CONFIGURATION = new ClassLoader(null) {
    };

    static final class TestLogging extends ProgramLogging {
        TestLogging() {
            super(LEVEL_PROPERTY, "javolution");
        }
    }

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void clear() {
        System.clearProperty(LEVEL_PROPERTY);
        context.stop();
    }

    private ExecutionStatus configure(ClassLoader resources) {
        TestLogging logging = new TestLogging();
        logging.setContext(context);
        return logging.configure(context, resources);
    }

    @Test
    void logsToStderrWithTheProgramsPatternAndQuietLibraries() {
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configure(NO_USER_CONFIGURATION));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            appenders.add(it.next());
        }
        assertEquals(1, appenders.size(), "one appender: " + appenders);
        ConsoleAppender<?> console = assertInstanceOf(ConsoleAppender.class, appenders.get(0));
        assertEquals("System.err", console.getTarget());
        assertTrue(console.isStarted());
        PatternLayoutEncoder encoder = assertInstanceOf(PatternLayoutEncoder.class, console.getEncoder());
        assertEquals(ProgramLogging.PATTERN, encoder.getPattern());
        assertEquals(Level.INFO, context.getLogger("dev.tcpip").getLevel(), "INFO when the property is not set");
        for (String quiet : List.of("io.netty", "io.vertx", "javolution")) {
            assertEquals(Level.WARN, context.getLogger(quiet).getLevel(), quiet);
        }
    }

    @Test
    void thePropertySetsTheProgramsLevelInAnyCase() {
        System.setProperty(LEVEL_PROPERTY, "debug");
        configure(NO_USER_CONFIGURATION);
        assertEquals(Level.DEBUG, context.getLogger("dev.tcpip").getLevel());
        assertEquals(Level.DEBUG, context.getLogger("dev.tcpip.core.Client").getEffectiveLevel());
        assertEquals(Level.WARN, context.getLogger("io.netty.channel").getEffectiveLevel(), "libraries stay quiet");
    }

    @Test
    void aPropertyThatIsNoLevelMeansInfo() {
        System.setProperty(LEVEL_PROPERTY, "loud");
        configure(NO_USER_CONFIGURATION);
        assertEquals(Level.INFO, context.getLogger("dev.tcpip").getLevel());
    }

    @Test
    void aLogbackXmlOnTheClassPathWins() {
        // This module's test class path has a logback-test.xml.
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure(getClass().getClassLoader()));
        assertNull(context.getLogger("dev.tcpip").getLevel(), "nothing configured");
        assertTrue(!context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext(), "no appender added");
    }

    @Test
    void theLogbackConfigurationFilePropertyWins() {
        System.setProperty("logback.configurationFile", "/somewhere/logback.xml");
        try {
            assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configure(NO_USER_CONFIGURATION));
            assertNull(context.getLogger("dev.tcpip").getLevel(), "nothing configured");
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }
}
