package dev.tcpip.cli;

import dev.tcpip.testkit.ServerProcess;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The shaded jar as a child process, {@code java -jar tcpip.jar endpoint ...}, for the *IT tests of this
 * module: a server through the testkit's {@link ServerProcess} (its first stdout line is the listening line),
 * a client through this class (stdout and stderr go to files, stdin is written and closed at once).
 */
final class CliProcess implements AutoCloseable {
    /** A server's first stdout line; group 1 is the port. */
    static final Pattern LISTENING = Pattern.compile("(?:ServerReceiver|ServerSender|Server) listening on port (\\d+)");
    /** The deadline of every wait on a process. */
    static final Duration DEADLINE = Duration.ofSeconds(30);

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String command;

    private CliProcess(Process process, Path stdout, Path stderr, String command) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.command = command;
    }

    /** The jar maven-failsafe names in {@code cli.jar}; the test is skipped, with a message, when it is missing. */
    static Path jar() {
        String configured = System.getProperty("cli.jar");
        Path jar = Path.of(configured != null ? configured : "target/tcpip.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar),
            "tcpip.jar not found at " + jar.toAbsolutePath() + "; build it with 'mvn -pl tcpip-cli -am verify'");
        return jar;
    }

    /** {@code java -jar tcpip.jar endpoint args}, a server, once it has printed its listening line. */
    static ServerProcess server(Path dir, String... args) throws IOException {
        return ServerProcess.java(jar())
            .args("endpoint")
            .args(args)
            .runningLine(LISTENING)
            .stderrTo(Files.createTempFile(dir, "stderr", ".txt"))
            .timeout(DEADLINE)
            .start();
    }

    /**
     * Starts {@code java [jvmOptions] -jar tcpip.jar args}.
     *
     * @param dir        where stdout and stderr go
     * @param jvmOptions options of the child JVM
     * @param stdin      written to its standard input, which is then closed (empty: closed at once)
     * @param args       the program's arguments
     */
    static CliProcess start(Path dir, List<String> jvmOptions, String stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return new CliProcess(p, out, err, "java -jar tcpip.jar " + String.join(" ", args));
    }

    /** {@code java -jar tcpip.jar args}, its standard input empty. */
    static CliProcess start(Path dir, String... args) throws IOException {
        return start(dir, List.of(), "", args);
    }

    /** {@return its exit status}, waiting at most the deadline (then it is killed and the test fails). */
    int awaitExit() throws InterruptedException, IOException {
        if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not exit within " + DEADLINE + "; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** {@return what it wrote on stdout so far} */
    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /** {@return what it wrote on stderr so far} */
    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Waits, at most the deadline, until stdout contains the text (the program writes as things happen). */
    void awaitStdout(String text) throws IOException {
        await("stdout", stdout, text);
    }

    /** Waits, at most the deadline, until stderr contains the text. */
    void awaitStderr(String text) throws IOException {
        await("stderr", stderr, text);
    }

    private void await(String what, Path file, String text) throws IOException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            boolean alive = process.isAlive();   // before the read: once it has exited, the file is complete
            if (Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!alive || System.nanoTime() - deadline > 0) {
                throw new AssertionError("'" + text + "' not on " + what + " of " + command
                    + (alive ? " within " + DEADLINE : " before it exited") + "; stderr:\n" + stderr());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Kills the process if it is still running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Logs are one line each: no stack trace. */
    static void assertNoStackTrace(String stderr) {
        assertFalse(stderr.contains("\tat "), "a stack trace on stderr:\n" + stderr);
    }
}
