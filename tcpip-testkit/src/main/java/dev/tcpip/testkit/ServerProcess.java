package dev.tcpip.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server program run as a child process, as a user runs it ({@code java -jar server.jar --port 0}), for
 * tests that talk to it, or attack it, from outside: its first stdout line must announce the port it
 * listens on (or a later line, after {@link Builder#skipLinesBeforeRunningLine()}); its stderr (the logs)
 * goes to a file the test can read; its open file descriptors can be counted (on Linux) to catch leaked
 * sockets; a program that answers on stdout what it reads on stdin can be talked to
 * ({@link #awaitStdoutLine}).
 *
 * <pre>{@code
 * try (ServerProcess server = ServerProcess.java(Path.of("target/echo-server.jar"))
 *         .jvmOptions("-Xmx32m")
 *         .args("--port", "0")
 *         .runningLine(Pattern.compile("Echo server running on port (\\d+)"))
 *         .stderrTo(tempDir.resolve("stderr.txt"))
 *         .start()) {
 *     try (Socket s = new Socket("127.0.0.1", server.port())) { ... }
 *     assertTrue(server.isAlive());
 *     assertTrue(server.stderrText().contains("line too long"));
 * }
 * }</pre>
 *
 * <p>Every wait has a deadline ({@link Builder#timeout(Duration)}, 30 s unless set). {@link #close()} kills
 * a process that is still running, so a failing test leaves nothing behind.
 */
public final class ServerProcess implements AutoCloseable {
    /** The default deadline of every wait: 30 s (a JVM starting on a busy machine can be slow). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Put in {@link #unread} when stdout closes (not a line: compared by identity). */
    private static final String END = new String("<stdout closed>");

    private final Process process;
    private final Path stderr;
    private final Duration timeout;
    /** Stdout lines not yet taken by the start or {@link #awaitStdoutLine}, then {@link #END}. */
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final CompletableFuture<List<String>> allLines = new CompletableFuture<>();
    private final int port;

    private ServerProcess(Builder b) throws IOException {
        this.timeout = b.timeout;
        this.stderr = b.stderr != null ? b.stderr : Files.createTempFile("server-process-", ".stderr.txt");
        this.process = new ProcessBuilder(b.command()).redirectError(stderr.toFile()).start();
        Thread reader = new Thread(this::readStdout, "server-process-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        Matcher m;
        try {
            while (true) {
                String line = unread.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    close();
                    throw new AssertionError("no " + (b.skipOtherLines ? "line matching " + b.runningLine : "line")
                        + " on stdout within " + timeout + "; stderr:\n" + stderrText());
                }
                String shown = line == END ? "<stdout closed without a line>" : line;
                m = b.runningLine.matcher(shown);
                if (m.matches()) {
                    break;
                }
                if (line == END || !b.skipOtherLines) {
                    close();
                    throw new AssertionError((b.skipOtherLines ? "stdout closed before a line matching " + b.runningLine
                        : "first stdout line '" + shown + "' does not match " + b.runningLine)
                        + "; stderr:\n" + stderrText());
                }
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the server to start", e);
        }
        this.port = m.groupCount() >= 1 ? Integer.parseInt(m.group(1)) : -1;
    }

    /**
     * Starts describing {@code java [jvmOptions] -jar jar [args]}, with the {@code java} of the JVM running
     * the test.
     *
     * @param jar the program's jar, with a Main-Class
     * @return a builder
     */
    public static Builder java(Path jar) {
        return new Builder(List.of("-jar", Objects.requireNonNull(jar, "jar").toString()));
    }

    /**
     * Starts describing {@code java [jvmOptions] -cp classPath mainClass [args]}, with the {@code java} of
     * the JVM running the test.
     *
     * @param classPath the class path, as the {@code -cp} option takes it
     * @param mainClass the main class's name
     * @return a builder
     */
    public static Builder java(String classPath, String mainClass) {
        return new Builder(List.of("-cp", classPath, mainClass));
    }

    private void readStdout() {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                unread.add(line);
            }
        } catch (IOException e) {
            // the stream closes with the process
        }
        unread.add(END);
        allLines.complete(lines);
    }

    /**
     * {@return the port the first stdout line announced; -1 for a running line without a group (a program
     *     that announces something else, such as {@code joined cluster NAME})}
     */
    public int port() {
        return port;
    }

    /**
     * {@return the process}
     */
    public Process process() {
        return process;
    }

    /**
     * {@return the process id}
     */
    public long pid() {
        return process.pid();
    }

    /**
     * {@return whether the process is still running}
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * {@return the file that receives the process's stderr}
     */
    public Path stderrFile() {
        return stderr;
    }

    /**
     * {@return everything the process wrote to stderr so far}
     *
     * @throws IOException if the file cannot be read
     */
    public String stderrText() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /**
     * Waits until stderr contains {@code text} (logs are written as things happen, not before the peer sees
     * them), at most the timeout.
     *
     * @param text the text to find
     * @return the whole of stderr, once it contains the text
     * @throws IOException if the file cannot be read
     * @throws AssertionError if the text does not appear in time
     */
    public String awaitStderr(String text) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String all = stderrText();
            if (all.contains(text)) {
                return all;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("'" + text + "' not on stderr within " + timeout + ":\n" + all);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /**
     * Counts the process's open file descriptors (sockets included), from {@code /proc/PID/fd}.
     *
     * @return the count, or -1 where {@code /proc} does not list them (not Linux)
     * @throws IOException if the directory exists but cannot be listed
     */
    public int openFileDescriptors() throws IOException {
        Path fds = Path.of("/proc", Long.toString(process.pid()), "fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return (int) list.count();
        }
    }

    /**
     * Waits until the open file descriptor count satisfies {@code condition} (sockets being closed take a
     * moment to go), at most the timeout.
     *
     * @param what      what the condition means, for the failure message
     * @param condition tested on each count
     * @return the count that satisfied it (-1 at once where the count is not available)
     * @throws IOException if {@code /proc/PID/fd} cannot be listed
     * @throws AssertionError if the count does not satisfy it in time
     */
    public int awaitOpenFileDescriptors(String what, IntPredicate condition) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int n = openFileDescriptors();
            if (n < 0 || condition.test(n)) {
                return n;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("open file descriptors: " + n + " after " + timeout + "; expected " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /**
     * Sends SIGTERM (on Unix; {@link ProcessHandle#destroy()}) and waits for the process to exit. What it
     * prints on stdout while it stops is kept: {@link #stdoutLines()} has it.
     *
     * @return its exit status
     * @throws InterruptedException if interrupted while waiting
     * @throws IOException if stderr cannot be read for the failure message
     * @throws AssertionError if it does not exit within the timeout (it is then killed)
     */
    public int terminate() throws InterruptedException, IOException {
        // Through the handle: Process.destroy() also closes our end of the stdout pipe, which loses what the
        // program prints while it stops (its shutdown hook's last lines).
        process.toHandle().destroy();
        return awaitExit();
    }

    /**
     * Waits for the process to exit, at most the timeout.
     *
     * @return its exit status
     * @throws InterruptedException if interrupted while waiting
     * @throws IOException if stderr cannot be read for the failure message
     * @throws AssertionError if it does not exit in time (it is then killed)
     */
    public int awaitExit() throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not exit within " + timeout + "; stderr:\n" + stderrText());
        }
        return process.exitValue();
    }

    /**
     * Waits for the next line on stdout that satisfies a condition, at most the timeout: for a program that
     * answers on stdout what a test writes to its stdin ({@code process().getOutputStream()}). Lines are taken
     * in order, after the running line and after those that earlier calls returned or skipped; lines that do
     * not satisfy the condition are skipped (they stay in {@link #stdoutLines()}).
     *
     * @param what      what the line is, for the failure message (e.g. {@code "the answer to STATS"})
     * @param condition tested on each line
     * @return the first line that satisfies it
     * @throws InterruptedException if interrupted while waiting
     * @throws IOException if stderr cannot be read for the failure message
     * @throws AssertionError if stdout closes (the process exited) or the timeout passes before such a line
     */
    public String awaitStdoutLine(String what, Predicate<String> condition) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = unread.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == END) {
                unread.add(END);                       // for the next call
                throw new AssertionError("stdout closed before " + what + " (exit status "
                    + (process.isAlive() ? "unknown yet" : Integer.toString(process.exitValue())) + "); stderr:\n" + stderrText());
            }
            if (line == null) {
                throw new AssertionError("no " + what + " on stdout within " + timeout + "; stderr:\n" + stderrText());
            }
            if (condition.test(line)) {
                return line;
            }
        }
    }

    /**
     * Every line the process wrote on stdout, once it has closed stdout (exited), at most the timeout.
     *
     * @return the lines
     * @throws Exception if they do not come in time, or the wait is interrupted
     */
    public List<String> stdoutLines() throws Exception {
        return allLines.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Kills the process if it is still running, and waits for it (at most the timeout). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What to run; {@link #start()} runs it. */
    public static final class Builder {
        private final List<String> program;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private Pattern runningLine = Pattern.compile(".*? port (\\d+)");
        private boolean skipOtherLines;
        private Path stderr;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(List<String> program) {
            this.program = program;
        }

        /**
         * Adds options for the child JVM.
         *
         * @param options JVM options, before {@code -jar} or {@code -cp} (e.g. {@code -Xmx32m})
         * @return this builder
         */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /**
         * Adds arguments for the program.
         *
         * @param arguments the program's arguments
         * @return this builder
         */
        public Builder args(String... arguments) {
            args.addAll(List.of(arguments));
            return this;
        }

        /**
         * Sets how the program says it is ready: {@link #start()} waits for the first stdout line and reads
         * the port from it.
         *
         * @param pattern what the first stdout line must match in full; its group 1, if it has one, is the port
         *                (default: any line ending in {@code " port N"})
         * @return this builder
         */
        public Builder runningLine(Pattern pattern) {
            this.runningLine = Objects.requireNonNull(pattern, "pattern");
            return this;
        }

        /**
         * Lets the program print other lines before its running line, such as the JVM's own notices (some
         * {@code -XX} flags, {@code -Xlog}) or a banner: {@link #start()} then waits for the first line that
         * matches the running line, skipping the others, instead of failing on a first line that does not.
         * The skipped lines stay in {@link ServerProcess#stdoutLines()}.
         *
         * @return this builder
         */
        public Builder skipLinesBeforeRunningLine() {
            this.skipOtherLines = true;
            return this;
        }

        /**
         * Sets the file that the child's stderr goes to; failure messages quote it.
         *
         * @param file the file that receives stderr (default: a new temporary file)
         * @return this builder
         */
        public Builder stderrTo(Path file) {
            this.stderr = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Sets the deadline of every wait on the process (its first stdout line, text on its stderr, its exit
         * ...); 30 s by default.
         *
         * @param timeout the deadline of every wait (positive)
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        List<String> command() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(program);
            command.addAll(args);
            return command;
        }

        /**
         * Starts the process and waits for its first stdout line.
         *
         * @return the running process
         * @throws IOException if it cannot be started
         * @throws AssertionError if the first line does not come in time or does not match (the process is
         *     then killed; the message holds its stderr)
         */
        public ServerProcess start() throws IOException {
            return new ServerProcess(this);
        }
    }
}
