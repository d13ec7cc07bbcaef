package dev.tcpip.struct.golden;


import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stdlib-only Python script of {@code src/test/python} run as a test peer: python3 from PATH (the test is
 * skipped with a message when there is none), stdout read line by line with deadlines, stderr kept for the
 * failure message, the process killed by {@link #close()} if still alive.
 */
final class PythonProcess implements AutoCloseable {
    private static final String END = "\u0000end of stdout";

    private final Process process;
    private final Path stderrFile;
    private final LinkedBlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();
    private final Thread stdoutReader;

    private PythonProcess(Process process, Path stderrFile) {
        this.process = process;
        this.stderrFile = stderrFile;
        this.stdoutReader = new Thread(this::pumpStdout, "python-stdout");
        stdoutReader.setDaemon(true);
        stdoutReader.start();
    }

    /** The python3 executable on PATH; the test is skipped, saying why, without one. */
    static Path python3() {
        return dev.tcpip.testsupport.Python.python3("a Python ctypes script");
    }

    /** This module's directory (Maven runs tests there). */
    static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** A script of src/test/python. */
    static Path script(String name) {
        Path script = moduleDir().resolve("src/test/python").resolve(name);
        assertTrue(Files.isRegularFile(script), "missing script " + script);
        return script;
    }

    /**
     * Starts {@code python3 src/test/python/<script> args...}.
     *
     * @param workDir where stderr is kept (a test's temporary directory)
     */
    static PythonProcess start(Path workDir, String script, String... args) throws IOException {
        Path python = python3();
        List<String> command = new ArrayList<>(List.of(python.toString(), script(script).toString()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(workDir, "python-", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(script(script).getParent().toFile())
            .redirectError(stderr.toFile());
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = builder.start();
        process.getOutputStream().close();   // no input
        return new PythonProcess(process, stderr);
    }

    private void pumpStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                stdout.add(line);
            }
        } catch (IOException e) {
            stdout.add("(reading stdout failed: " + e + ")");
        } finally {
            stdout.add(END);
        }
    }

    /**
     * @return the next stdout line, or null if the script ended its output or the deadline passed first
     */
    String readLine(Duration timeout) throws InterruptedException {
        String line = stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || line.equals(END)) {
            if (line != null) {
                stdout.add(END);
            }
            return null;
        }
        stdoutSeen.add(line);
        return line;
    }

    /**
     * Waits for the script to exit.
     *
     * @return its exit status, or -1 if it did not exit before the deadline (it is then killed)
     */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        stdoutReader.join(timeout.toMillis());
        String line;
        while ((line = stdout.poll()) != null) {
            if (!line.equals(END)) {
                stdoutSeen.add(line);
            }
        }
        return process.exitValue();
    }

    /** Every stdout line read so far. */
    String stdout() {
        return String.join("\n", stdoutSeen);
    }

    /** What the script wrote on stderr so far. */
    String stderr() {
        try {
            return Files.readString(stderrFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the script said, for a failure message. */
    String output() {
        return "\n--- python stdout ---\n" + stdout() + "\n--- python stderr ---\n" + stderr();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
