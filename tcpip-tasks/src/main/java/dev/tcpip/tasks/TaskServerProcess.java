package dev.tcpip.tasks;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task server running in a process of its own (bgpy's {@code run_background}, without its fixed one-second
 * sleep): {@link #start} launches a new JVM that runs {@link TaskServerMain}, and returns once that server
 * really listens, with its port and pid; the server goes on after the launching program ends, until a
 * client's EXIT ({@link TaskClient#terminate}, {@code tasks terminate}), {@link #stop} or a signal ends it.
 *
 * <pre>{@code
 * TaskServerProcess server = TaskServerProcess.start(new TaskServerProcessOptions()
 *     .setServer(new TaskServerOptions().setPort(0).setToken(token))
 *     .setLogFile(Path.of("tasks.log")));
 * System.out.println("port " + server.port() + ", pid " + server.pid());
 * ...
 * server.stop(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>The new process gets its configuration, token included, on its stdin, never on its command line or
 * in its environment, and answers with one line on its stdout; its stderr (its logs) goes to
 * {@link TaskServerProcessOptions#getLogFile() the log file}, or nowhere. {@link #start} blocks: never call
 * it on an event loop.
 */
public final class TaskServerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(TaskServerProcess.class);
    private static final Pattern RUNNING = Pattern.compile(
        Pattern.quote(TaskServerMain.RUNNING) + "(\\d+) \\(pid (\\d+)\\)");
    /** The most bytes read from the new process's stdout: its one line. */
    private static final int MAX_ANSWER = 8192;
    /** How long a process that failed to start is given to exit, to read its status. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    private final ProcessHandle handle;
    private final String host;
    private final int port;

    private TaskServerProcess(ProcessHandle handle, String host, int port) {
        this.handle = handle;
        this.host = host;
        this.port = port;
    }

    /**
     * Launches a task server in a new process and waits until it listens.
     *
     * @param options the task set, the server's options (its token included), the log file, the JVM
     * @return the running server
     * @throws IOException when the process cannot be launched, or its server does not listen within the start
     *     timeout (the process is then killed), or the process ends first; the message gives its reason
     *     ({@code cannot start on 127.0.0.1:5000: Address already in use}, {@code bad configuration: no task
     *     set 'x'...}) and its exit status
     * @throws InterruptedIOException when the calling thread is interrupted (the process is killed)
     * @throws NullPointerException if {@code options} is null
     */
    public static TaskServerProcess start(TaskServerProcessOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        TaskServerProcessOptions o = new TaskServerProcessOptions(options);
        ProcessBuilder builder = new ProcessBuilder(command(o))
            .redirectInput(Redirect.PIPE)
            .redirectOutput(Redirect.PIPE)
            .redirectError(o.getLogFile() == null ? Redirect.DISCARD : Redirect.appendTo(o.getLogFile().toFile()));
        Process process = builder.start();
        CompletableFuture<String> answer = new CompletableFuture<>();
        Thread reader = new Thread(() -> readAnswer(process.getInputStream(), answer), "tcpip-task-server-launch");
        reader.setDaemon(true);
        reader.start();
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(configuration(o).encode().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The process has ended already (it is not a task server, or died at once): what it said and
                // its exit status, read below, tell more than "Broken pipe".
                LOG.debug("cannot write the configuration to the task server process: {}", e.toString());
            }
            String text = answer.get(o.getStartTimeout().toNanos(), TimeUnit.NANOSECONDS).strip();
            // One line is expected; a class path whose logging writes to stdout can put log lines before it.
            Matcher running = text.lines().map(RUNNING::matcher).filter(Matcher::matches).findFirst().orElse(null);
            if (running != null) {
                long pid = Long.parseLong(running.group(2));
                Optional<ProcessHandle> handle = ProcessHandle.of(pid);
                if (handle.isEmpty()) {
                    throw new IOException("the task server process " + pid + " said it listens but has already ended");
                }
                int port = Integer.parseInt(running.group(1));
                LOG.info("task server '{}' running in process {} on {}:{}", o.getTasks(), pid, o.getServer().getHost(), port);
                return new TaskServerProcess(handle.get(), o.getServer().getHost(), port);
            }
            throw new IOException(failure(process, text, o));
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the task server process did not listen within " + seconds(o.getStartTimeout())
                + " s; killed it" + logHint(o));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the task server process was starting; killed it");
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IOException("cannot read the task server process's answer: " + e.getCause().getMessage(), e.getCause());
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** {@return the host the server listens on} */
    public String host() {
        return host;
    }

    /** {@return the port the server listens on} */
    public int port() {
        return port;
    }

    /** {@return the process id of the server's JVM} */
    public long pid() {
        return handle.pid();
    }

    /** {@return the server's process, to watch or signal} */
    public ProcessHandle handle() {
        return handle;
    }

    /** {@return whether the server's process is still running} */
    public boolean isAlive() {
        return handle.isAlive();
    }

    /** {@return completed when the server's process has ended, whatever ended it} */
    public CompletableFuture<ProcessHandle> onExit() {
        return handle.onExit();
    }

    /**
     * Stops the server with SIGTERM: it closes its port and connections (queued requests answered with ERROR
     * "Server is shutting down.") and its process exits. When the process has not ended within the timeout, it
     * is killed. A server that has already ended is left as it is. Blocks up to twice the timeout.
     *
     * @param timeout how long to wait for a clean exit
     * @return true when the process ended within the timeout (or had already ended), false when it was killed
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        if (!handle.isAlive()) {
            return true;
        }
        handle.destroy();
        if (waitFor(timeout)) {
            return true;
        }
        LOG.warn("task server process {} did not end within {} s of SIGTERM; killing it", pid(), seconds(timeout));
        handle.destroyForcibly();
        waitFor(timeout);
        return false;
    }

    /** {@return the server's process id, host and port} */
    @Override
    public String toString() {
        return "TaskServerProcess[pid " + pid() + ", " + host + ":" + port + "]";
    }

    private boolean waitFor(Duration timeout) throws InterruptedException {
        try {
            handle.onExit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("onExit failed", e);   // never: onExit completes normally
        }
    }

    private static List<String> command(TaskServerProcessOptions o) {
        List<String> command = new ArrayList<>();
        if (o.isDetach()) {
            setsid().ifPresent(command::add);
        }
        command.add(o.getJavaCommand());
        command.addAll(o.getJvmArguments());
        command.add("-cp");
        command.add(o.getClassPath());
        command.add(TaskServerMain.class.getName());
        return command;
    }

    /** {@return the system's {@code setsid}, which starts a program in a new session, if it has one} */
    private static Optional<String> setsid() {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path p = Path.of(dir, "setsid");
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    private static JsonObject configuration(TaskServerProcessOptions o) {
        JsonObject config = new JsonObject().put("tasks", o.getTasks()).put("options", o.getServer().toJson());
        if (o.getServer().getToken() != null) {
            config.put("token", o.getServer().getToken());
        }
        return config;
    }

    private static void readAnswer(InputStream stdout, CompletableFuture<String> answer) {
        try (InputStream in = stdout) {
            answer.complete(new String(in.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8));
        } catch (IOException e) {
            answer.completeExceptionally(e);
        }
    }

    /** The reason a process that answered something other than its running line gives, with its exit status. */
    private static String failure(Process process, String text, TaskServerProcessOptions o) throws InterruptedException {
        String error = text.lines().filter(l -> l.startsWith(TaskServerMain.ERROR)).findFirst().orElse(null);
        String reason = error != null ? error.substring(TaskServerMain.ERROR.length())
            : text.isEmpty() ? "it ended without a word" + logHint(o) : "it answered '" + text + "'";
        String status = process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)
            ? " (exit status " + process.exitValue() + ")" : "";
        return "the task server process did not start: " + reason + status;
    }

    private static String logHint(TaskServerProcessOptions o) {
        return o.getLogFile() == null ? " (its logs were discarded: set a log file to see them)"
            : " (its logs: " + o.getLogFile() + ")";
    }

    private static long seconds(Duration d) {
        return Math.max(1, d.toSeconds());
    }
}
