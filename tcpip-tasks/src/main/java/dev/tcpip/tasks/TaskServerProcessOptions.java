package dev.tcpip.tasks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How {@link TaskServerProcess#start} launches a task server in a process of its own: which task set, the
 * server's options (token included), where its logs go, and the JVM that runs it.
 *
 * <p>The defaults run the task set {@value #DEFAULT_TASKS} with {@link TaskServerOptions}' defaults (127.0.0.1,
 * port 0, no token), on this JVM's {@code java} and class path (so a task set found here is found there),
 * detached from this process's session, its logs discarded, given {@value #DEFAULT_START_TIMEOUT_SECONDS} s to
 * listen.
 *
 * <p>The JSON form ({@link #toJson()}, {@link #TaskServerProcessOptions(JsonObject)}) has the keys {@code tasks},
 * {@code server} (the {@link TaskServerOptions} JSON form, never with the token), {@code logFile},
 * {@code javaCommand}, {@code classPath}, {@code jvmArguments} (an array of strings), {@code startTimeout}
 * (seconds) and {@code detach}.
 */
public class TaskServerProcessOptions {
    /** The task set run by default: bgpy's example. */
    public static final String DEFAULT_TASKS = "counter";
    /** The default of {@link #setStartTimeout}, in seconds. */
    public static final int DEFAULT_START_TIMEOUT_SECONDS = 60;

    private String tasks = DEFAULT_TASKS;
    private TaskServerOptions server = new TaskServerOptions();
    private Path logFile;
    private String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private String classPath = absoluteClassPath(System.getProperty("java.class.path", ""));
    private List<String> jvmArguments = List.of();
    private Duration startTimeout = Duration.ofSeconds(DEFAULT_START_TIMEOUT_SECONDS);
    private boolean detach = true;

    /** Options with the defaults. */
    public TaskServerProcessOptions() {
    }

    /**
     * A copy.
     *
     * @param other the options to copy (the server's options are copied too)
     */
    public TaskServerProcessOptions(TaskServerProcessOptions other) {
        this.tasks = other.tasks;
        this.server = new TaskServerOptions(other.server);
        this.logFile = other.logFile;
        this.javaCommand = other.javaCommand;
        this.classPath = other.classPath;
        this.jvmArguments = other.jvmArguments;
        this.startTimeout = other.startTimeout;
        this.detach = other.detach;
    }

    /**
     * Options from their JSON form; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @throws IllegalArgumentException for an invalid value, or a token anywhere in it
     */
    public TaskServerProcessOptions(JsonObject json) {
        OptionChecks.noToken(json);
        try {
            tasks = checkTasks(json.getString("tasks", tasks));
            JsonObject serverJson = json.getJsonObject("server");
            if (serverJson != null) {
                server = new TaskServerOptions(serverJson);
            }
            String log = json.getString("logFile");
            logFile = log == null ? null : Path.of(log).toAbsolutePath();
            javaCommand = checkJavaCommand(json.getString("javaCommand", javaCommand));
            classPath = checkClassPath(json.getString("classPath", classPath));
            JsonArray args = json.getJsonArray("jvmArguments");
            if (args != null) {
                List<String> list = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    list.add(args.getString(i));
                }
                jvmArguments = List.copyOf(list);
            }
            detach = json.getBoolean("detach", detach);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("a value of the wrong type in " + json.encode() + ": " + e.getMessage(), e);
        }
        startTimeout = OptionChecks.seconds(json, "startTimeout", startTimeout, false);
    }

    /** {@return the name of the task set to run} */
    public String getTasks() {
        return tasks;
    }

    /**
     * Sets the task set to run, by name; the new process finds it with {@link TaskSets#find(String)} on its
     * class path.
     *
     * @param tasks the name (default {@value #DEFAULT_TASKS})
     * @return these options
     * @throws IllegalArgumentException if the name is empty
     */
    public TaskServerProcessOptions setTasks(String tasks) {
        this.tasks = checkTasks(tasks);
        return this;
    }

    private static String checkTasks(String tasks) {
        if (tasks == null || tasks.isBlank()) {
            throw new IllegalArgumentException("tasks must name a task set");
        }
        return tasks;
    }

    /** {@return the server's options (the same object, not a copy)} */
    public TaskServerOptions getServer() {
        return server;
    }

    /**
     * Sets the server's options: host, port (0 picks one), token, time limits. The token goes to the new
     * process on its stdin, never on its command line or in its environment.
     *
     * @param server the options
     * @return these options
     * @throws NullPointerException if {@code server} is null
     */
    public TaskServerProcessOptions setServer(TaskServerOptions server) {
        this.server = Objects.requireNonNull(server, "server");
        return this;
    }

    /** {@return the file the process's logs (its stderr) are appended to, or null when they are discarded} */
    public Path getLogFile() {
        return logFile;
    }

    /**
     * Sets the file the process's stderr, where its logs go, is appended to (created if absent).
     *
     * @param logFile the file, made absolute here; null (the default) discards the logs
     * @return these options
     */
    public TaskServerProcessOptions setLogFile(Path logFile) {
        this.logFile = logFile == null ? null : logFile.toAbsolutePath();
        return this;
    }

    /** {@return the {@code java} executable the process runs} */
    public String getJavaCommand() {
        return javaCommand;
    }

    /**
     * Sets the {@code java} executable the process runs.
     *
     * @param javaCommand a path or a name found on the PATH (default: this JVM's {@code java.home/bin/java})
     * @return these options
     * @throws IllegalArgumentException if it is empty
     */
    public TaskServerProcessOptions setJavaCommand(String javaCommand) {
        this.javaCommand = checkJavaCommand(javaCommand);
        return this;
    }

    private static String checkJavaCommand(String javaCommand) {
        if (javaCommand == null || javaCommand.isBlank()) {
            throw new IllegalArgumentException("javaCommand must not be empty");
        }
        return javaCommand;
    }

    /** {@return the class path of the process, its entries absolute} */
    public String getClassPath() {
        return classPath;
    }

    /**
     * Sets the class path of the process: it must hold tcpip-tasks, its dependencies, an SLF4J binding if logs
     * are wanted, and the jar of the task set.
     *
     * @param classPath entries separated by {@link File#pathSeparator}, made absolute here (default: this JVM's
     *     {@code java.class.path})
     * @return these options
     * @throws IllegalArgumentException if it is empty
     */
    public TaskServerProcessOptions setClassPath(String classPath) {
        this.classPath = checkClassPath(classPath);
        return this;
    }

    private static String checkClassPath(String classPath) {
        if (classPath == null || classPath.isBlank()) {
            throw new IllegalArgumentException("classPath must not be empty");
        }
        return absoluteClassPath(classPath);
    }

    /** {@return the arguments given to the JVM before the main class} */
    public List<String> getJvmArguments() {
        return jvmArguments;
    }

    /**
     * Sets arguments given to the JVM before the main class: {@code -Xmx64m}, {@code -Dtcpip.log.level=DEBUG}...
     *
     * @param jvmArguments the arguments (default none)
     * @return these options
     * @throws NullPointerException if the list or one of its elements is null
     */
    public TaskServerProcessOptions setJvmArguments(List<String> jvmArguments) {
        this.jvmArguments = List.copyOf(jvmArguments);
        return this;
    }

    /** {@return how long {@link TaskServerProcess#start} waits for the server to listen} */
    public Duration getStartTimeout() {
        return startTimeout;
    }

    /**
     * Sets how long {@link TaskServerProcess#start} waits for the server to listen (the JVM's start-up, the
     * task set's loading, the init task if asked) before it kills the process and fails.
     *
     * @param startTimeout positive (default {@value #DEFAULT_START_TIMEOUT_SECONDS} s)
     * @return these options
     * @throws IllegalArgumentException if not positive
     */
    public TaskServerProcessOptions setStartTimeout(Duration startTimeout) {
        this.startTimeout = OptionChecks.duration("startTimeout", startTimeout, false);
        return this;
    }

    /** {@return whether the process is started in a session of its own} */
    public boolean isDetach() {
        return detach;
    }

    /**
     * Sets whether the process is started in a session of its own (through {@code setsid}, where the system
     * has it), so that a terminal's hang-up or Ctrl-C aimed at the launcher never reaches the server. Either
     * way the server outlives the process that launched it.
     *
     * @param detach true by default
     * @return these options
     */
    public TaskServerProcessOptions setDetach(boolean detach) {
        this.detach = detach;
        return this;
    }

    /** {@return the JSON form, without the token} */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("tasks", tasks).put("server", server.toJson())
            .put("javaCommand", javaCommand).put("classPath", classPath)
            .put("jvmArguments", new JsonArray(new ArrayList<>(jvmArguments)))
            .put("startTimeout", OptionChecks.toSeconds(startTimeout)).put("detach", detach);
        if (logFile != null) {
            json.put("logFile", logFile.toString());
        }
        return json;
    }

    /** {@return the JSON form, never the token} */
    @Override
    public String toString() {
        return "TaskServerProcessOptions" + toJson().encode();
    }

    private static String absoluteClassPath(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator)).filter(s -> !s.isEmpty())
            .map(s -> Path.of(s).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }
}
