package dev.tcpip.bench.load;

import dev.tcpip.testkit.ServerProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The parent's handle on one server child JVM ({@link ServerMain}), run by the testkit's
 * {@link ServerProcess}: starts it, reads its port, asks it for heap statistics, and stops it. Every child
 * process of this JVM still running at exit (server children, and the jars whose start-up is timed) is
 * killed by the load program's shutdown hook ({@link #killAll()}), whatever happens, even one whose start
 * was under way. When the child is closed, what it wrote on
 * stderr, and any stray stdout line (a JVM notice), is relayed through SLF4J, each line under the logger
 * {@code child.<kind>} (or the name given to {@link #start(String, String, String, List, Pattern, List)}).
 */
final class ChildServer implements AutoCloseable {
    /** The deadline of every wait on a child: its port, an answer. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long EXIT_TIMEOUT_SECONDS = 10;
    private static final Pattern PORT_LINE = Pattern.compile(Pattern.quote(ServerMain.PORT) + " (\\d+)");

    /** What the child is, in messages: "(a) bare RecordParser echo", "cluster subscriber"... */
    private final String title;
    /** The child's running line: the first stdout line that matters, not relayed at close. */
    private final Pattern runningLine;
    /** The child's stderr and stray stdout lines, relayed under the logger {@code child.<name>}. */
    private final Logger childLog;
    private final Path stderr;
    private final ServerProcess process;

    private ChildServer(String name, String title, String mainClass, List<String> args, Pattern runningLine,
                        List<String> jvmFlags) throws LoadException {
        this.title = title;
        this.runningLine = runningLine;
        this.childLog = LoggerFactory.getLogger("child." + name);
        try {
            stderr = Files.createTempFile("tcpip-bench-" + name + "-", ".stderr.txt");
        } catch (IOException e) {
            throw new LoadException("cannot create a file for the child's stderr: " + e.getMessage(), e);
        }
        stderr.toFile().deleteOnExit();
        try {
            process = ServerProcess.java(System.getProperty("java.class.path"), mainClass)
                .jvmOptions(jvmFlags.toArray(new String[0]))
                .args(args.toArray(new String[0]))
                .runningLine(runningLine)
                .skipLinesBeforeRunningLine()          // the JVM itself may print first (a -XX flag's notice)
                .stderrTo(stderr)
                .timeout(TIMEOUT)
                .start();
        } catch (IOException e) {
            relayStderr();
            throw new LoadException("cannot start the child for " + title + ": " + e.getMessage(), e);
        } catch (AssertionError e) {
            relayStderr();
            throw new LoadException(title + ": the child did not start: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Starts a child and waits for its port.
     *
     * @param kind     the server to run
     * @param jvmFlags JVM options for the child, e.g. {@code -Xmx64m}
     * @return the running child
     * @throws LoadException if it cannot start or does not print its port in time
     */
    static ChildServer start(ServerKind kind, List<String> jvmFlags) throws LoadException {
        return new ChildServer(kind.cliName(), kind.title(), ServerMain.class.getName(), List.of("--kind", kind.cliName()),
            PORT_LINE, jvmFlags);
    }

    /**
     * Starts another program of this jar as a child, one that answers {@code STATS} (and perhaps other
     * commands) on stdin as {@link ServerMain} does, and waits for its running line.
     *
     * @param name        short name: the logger {@code child.<name>} relays its stderr
     * @param title       what it is, for messages
     * @param mainClass   its main class, on this JVM's class path
     * @param args        its arguments
     * @param runningLine the stdout line that says it is ready
     * @param jvmFlags    JVM options for the child
     * @return the running child
     * @throws LoadException if it cannot start or does not print its running line in time
     */
    static ChildServer start(String name, String title, String mainClass, List<String> args, Pattern runningLine,
                             List<String> jvmFlags) throws LoadException {
        return new ChildServer(name, title, mainClass, args, runningLine, jvmFlags);
    }

    /**
     * @return the server's port on 127.0.0.1
     */
    int port() {
        return process.port();
    }

    /**
     * @return whether the child process is still running
     */
    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * @return the child's exit status once it has ended
     */
    Optional<Integer> exitStatus() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.process().exitValue());
    }

    /**
     * Fails unless the child is running.
     *
     * @throws LoadException if it has died
     */
    void checkAlive() throws LoadException {
        if (!process.isAlive()) {
            throw new LoadException(title + ": the server child died (exit status "
                + process.process().exitValue() + ")");
        }
    }

    /**
     * Asks the child for its heap statistics.
     *
     * @return the STATS line's key=value pairs, in bytes
     * @throws LoadException if the child is dead or does not answer
     */
    Map<String, Long> stats() throws LoadException {
        String line = command("STATS", "STATS ");
        Map<String, Long> values = new LinkedHashMap<>();
        for (String word : line.substring("STATS ".length()).trim().split(" ")) {
            int eq = word.indexOf('=');
            values.put(word.substring(0, eq), Long.parseLong(word.substring(eq + 1)));
        }
        return values;
    }

    /**
     * Makes the child forget its heap peaks.
     *
     * @throws LoadException if the child is dead or does not answer
     */
    void resetStats() throws LoadException {
        command("RESET", "RESET OK");
    }

    /**
     * Sends the child one command and waits for its answer.
     *
     * @param command      the command line, without its line end
     * @param answerPrefix how the answer starts; other lines are skipped
     * @return the answer
     * @throws LoadException if the child is dead or does not answer in time
     */
    String command(String command, String answerPrefix) throws LoadException {
        checkAlive();
        try {
            OutputStream stdin = process.process().getOutputStream();
            stdin.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            return process.awaitStdoutLine("the answer to " + command, line -> line.startsWith(answerPrefix));
        } catch (IOException e) {
            throw new LoadException(title + ": cannot talk to the child: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted", e);
        } catch (AssertionError e) {
            throw new LoadException(title + (process.isAlive()
                ? ": the child gave no answer to " + command + " within " + TIMEOUT.toSeconds() + " s"
                : ": the child died (exit status " + process.process().exitValue() + ") before answering " + command), e);
        }
    }

    /**
     * Stops the child: closes its stdin, at which it exits (running its shutdown hooks, so that a
     * profiler given with {@code --child-jvm-flag} writes its recording), kills it if it has not exited
     * within a few seconds, then relays what it wrote on stderr.
     */
    @Override
    public void close() {
        try {
            process.process().getOutputStream().close();
            process.process().waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException e) {
            // killed below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.close();                            // kills it if it is still running
        try {
            for (String line : process.stdoutLines()) {
                if (!runningLine.matcher(line).matches() && !line.startsWith("STATS ") && !line.endsWith(" OK")) {
                    childLog.info("{}", line);
                }
            }
        } catch (Exception e) {
            // stdout did not close: nothing more to relay
        }
        relayStderr();
    }

    /** Logs the child's stderr, line by line, and deletes the file. */
    private void relayStderr() {
        try {
            for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
                childLog.info("{}", line);
            }
            Files.deleteIfExists(stderr);
        } catch (IOException e) {
            childLog.warn("cannot read the child's stderr in {}: {}", stderr, e.getMessage());
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    /** Kills every child process of this JVM that is still running; the load program's shutdown hook. */
    static void killAll() {
        ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
    }
}
