package dev.tcpip.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent's handle on one server child JVM ({@link ServerMain}): starts it, reads its port, asks it
 * for heap statistics, and kills it. Every child ever started is killed by a shutdown hook, whatever
 * happens. The child's stderr is copied to this process's stderr, each line prefixed with its kind.
 */
final class ChildServer implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long ANSWER_TIMEOUT_SECONDS = 30;
    private static final long EXIT_TIMEOUT_SECONDS = 10;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildServer::killAll, "kill-children"));
    }

    private final ServerKind kind;
    /** The child's stderr and stray start-up lines, relayed under the logger {@code child.<kind>}. */
    private final Logger childLog;
    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final int port;

    private ChildServer(ServerKind kind, List<String> jvmFlags) throws LoadException {
        this.kind = kind;
        this.childLog = LoggerFactory.getLogger("child." + kind.cliName());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ServerMain.class.getName());
        command.add("--kind");
        command.add(kind.cliName());
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new LoadException("cannot start the child for " + kind.title() + ": " + e.getMessage(), e);
        }
        LIVE.add(process);
        stdin = process.getOutputStream();
        copyLines(process, false);
        copyLines(process, true);
        // The JVM itself may print first (a -XX flag's notice): skip to the PORT line.
        String line = next(START_TIMEOUT_SECONDS, "its port");
        while (!line.startsWith(ServerMain.PORT + " ")) {
            childLog.info("{}", line);
            line = next(START_TIMEOUT_SECONDS, "its port");
        }
        String[] words = line.split(" ");
        port = Integer.parseInt(words[1]);
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
        return new ChildServer(kind, jvmFlags);
    }

    private void copyLines(Process p, boolean stderr) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                stderr ? p.getErrorStream() : p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (stderr) {
                        childLog.info("{}", line);
                    } else {
                        stdout.add(line);
                    }
                }
            } catch (IOException e) {
                // the child has gone; isAlive() tells
            }
        }, "child-" + kind.cliName() + (stderr ? "-stderr" : "-stdout"));
        t.setDaemon(true);
        t.start();
    }

    private String next(long timeoutSeconds, String what) throws LoadException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            while (true) {
                String line = stdout.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    return line;
                }
                if (!process.isAlive() && stdout.isEmpty()) {
                    throw new LoadException(kind.title() + ": the child died (exit status " + process.exitValue()
                        + ") before giving " + what);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new LoadException(kind.title() + ": the child gave no " + what + " within "
                        + timeoutSeconds + " s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted", e);
        }
    }

    /**
     * @return the server's kind
     */
    ServerKind kind() {
        return kind;
    }

    /**
     * @return the server's port on 127.0.0.1
     */
    int port() {
        return port;
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
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /**
     * Fails unless the child is running.
     *
     * @throws LoadException if it has died
     */
    void checkAlive() throws LoadException {
        if (!process.isAlive()) {
            throw new LoadException(kind.title() + ": the server child died (exit status " + process.exitValue() + ")");
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

    private String command(String command, String answerPrefix) throws LoadException {
        checkAlive();
        stdout.clear();
        try {
            stdin.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        } catch (IOException e) {
            throw new LoadException(kind.title() + ": cannot talk to the child: " + e.getMessage(), e);
        }
        while (true) {
            String line = next(ANSWER_TIMEOUT_SECONDS, "answer to " + command);
            if (line.startsWith(answerPrefix)) {
                return line;
            }
        }
    }

    /**
     * Stops the child: closes its stdin, at which it exits (running its shutdown hooks, so that a
     * profiler given with {@code --child-jvm-flag} writes its recording), and kills it if it has not
     * exited within a few seconds.
     */
    @Override
    public void close() {
        try {
            stdin.close();
            if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LIVE.remove(process);
    }

    /**
     * Adds a process to those the shutdown hook kills.
     *
     * @param p the process
     */
    static void track(Process p) {
        LIVE.add(p);
    }

    /**
     * Removes a process that has been stopped from those the shutdown hook kills.
     *
     * @param p the process
     */
    static void untrack(Process p) {
        LIVE.remove(p);
    }

    /** Kills every child still running; the shutdown hook. */
    static void killAll() {
        for (Process p : LIVE) {
            p.destroyForcibly();
        }
    }
}
