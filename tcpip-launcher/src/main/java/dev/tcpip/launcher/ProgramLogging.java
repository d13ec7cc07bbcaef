package dev.tcpip.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * The logging of a program, set up in code for logback: everything to stderr (stdout is the program's, for
 * its running line), one line per event ({@value #PATTERN}), the program's own loggers ({@code dev.tcpip})
 * at the level a system property gives (INFO unless set), and noisy libraries (Netty, Vert.x, and those the
 * program names) at WARN.
 *
 * <p>It does what a five-line {@code logback.xml} would, without logback's XML configurator, whose parsing
 * and the few hundred classes it loads cost a program about 100 ms of start-up. A program registers its
 * subclass for Java's {@link java.util.ServiceLoader}, which is how logback finds configurators: a file
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator} in its jar naming the subclass, which
 * has a public no-argument constructor:
 *
 * <pre>{@code
 * public final class EchoLogging extends ProgramLogging {
 *     public EchoLogging() {
 *         super("echo.log.level");   // java -Decho.log.level=DEBUG -jar echo-server.jar
 *     }
 * }
 * }</pre>
 *
 * <p>A configuration of the user's always wins: when the system property {@code logback.configurationFile}
 * is set, or a {@code logback-test.xml} or {@code logback.xml} is on the class path (a test's, or one put
 * before the jar), this configurator does nothing and logback goes on to its usual XML configuration.
 *
 * <p>Only logback calls this class. tcpip-launcher depends on logback optionally: a program that uses
 * ProgramLogging has logback-classic as its own dependency.
 */
public abstract class ProgramLogging extends ContextAwareBase implements Configurator {
    /** The layout of each line on stderr: time, level, the logger's last name component, the message. */
    public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    /** The logger whose level the program's system property sets: this project's code. */
    public static final String PROGRAM_LOGGER = "dev.tcpip";

    private static final List<String> QUIET_ALWAYS = List.of("io.netty", "io.vertx");
    private static final List<String> USER_CONFIGURATIONS = List.of("logback-test.xml", "logback.xml");

    private final String levelProperty;
    private final List<String> quietLoggers;

    /**
     * A configuration whose {@value #PROGRAM_LOGGER} level is read from a system property.
     *
     * @param levelProperty the system property giving the level of {@value #PROGRAM_LOGGER} (TRACE, DEBUG,
     *     INFO, WARN, ERROR or OFF, in any case); INFO when it is not set or not a level
     * @param quietLoggers the names of further loggers to keep at WARN, besides {@code io.netty} and
     *     {@code io.vertx}
     * @throws NullPointerException if an argument is null
     */
    protected ProgramLogging(String levelProperty, String... quietLoggers) {
        this.levelProperty = Objects.requireNonNull(levelProperty, "levelProperty");
        this.quietLoggers = List.of(quietLoggers);
    }

    /**
     * Configures the logger context, unless the user has a configuration of their own.
     *
     * @param context the logger context to configure
     * @return {@link ExecutionStatus#DO_NOT_INVOKE_NEXT_IF_ANY} once configured;
     *     {@link ExecutionStatus#INVOKE_NEXT_IF_ANY} when the user's configuration must be read instead
     */
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(context, getClass().getClassLoader());
    }

    /** As {@link #configure(LoggerContext)}, looking for the user's XML files with the given class loader. */
    ExecutionStatus configure(LoggerContext context, ClassLoader resources) {
        if (userConfigurationPresent(resources)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        context.getLogger(PROGRAM_LOGGER).setLevel(Level.toLevel(System.getProperty(levelProperty), Level.INFO));
        for (List<String> names : List.of(QUIET_ALWAYS, quietLoggers)) {
            for (String name : names) {
                context.getLogger(name).setLevel(Level.WARN);
            }
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Sends every log line to a file instead of where it went (stderr), in the layout {@value #PATTERN}: a
     * program's {@code --log-file}. The file is created if absent and appended to. Call it early, before the
     * program has much to log; the levels are left as they are.
     *
     * @param file the log file
     * @throws IOException when the file cannot be opened for appending (its reason in the message)
     * @throws IllegalStateException when logback is not the SLF4J binding of this program
     */
    public static void logToFile(Path file) throws IOException {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            throw new IllegalStateException("logs go through " + factory.getClass().getName() + ", not logback");
        }
        Path absolute = file.toAbsolutePath();
        // FileAppender only records a failure to open in logback's status list: open it here for a real error.
        Files.newOutputStream(absolute, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        LoggerContext context = (LoggerContext) factory;
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(absolute.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new IOException("cannot log to " + absolute);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }

    private static boolean userConfigurationPresent(ClassLoader resources) {
        return System.getProperty("logback.configurationFile") != null
            || USER_CONFIGURATIONS.stream().anyMatch(name -> resources.getResource(name) != null);
    }
}
