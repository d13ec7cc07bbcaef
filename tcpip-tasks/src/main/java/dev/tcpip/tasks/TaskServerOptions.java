package dev.tcpip.tasks;

import dev.tcpip.core.Tcpip;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link TaskServer}: where it listens (127.0.0.1 and a free port unless set), the token clients
 * must present (none: open access), the limits (largest frame, clients at once), the timeouts (idle
 * connections, tasks), whether the init task runs at start-up, and Vert.x's own server options for TLS and
 * the like. Setters check their value at once and throw {@link IllegalArgumentException} for a bad one.
 *
 * <p>JSON form (also what {@link #toJson()} writes): {@code host}, {@code port}, {@code maxFrameLength}
 * (bytes), {@code maxClients}, {@code idleTimeout} and {@code taskTimeout} (seconds, numbers; an idle
 * timeout of 0 means none), {@code initAtStart} and {@code netServerOptions} (Vert.x's JSON form of
 * {@link NetServerOptions}). The token is never part of it: {@link #toJson()} leaves
 * it out, the JSON constructor refuses it, and {@link #toString()} shows only whether one is set.
 */
public class TaskServerOptions {
    /** The default largest payload of a frame: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1024 * 1024;
    /** The default most clients connected at once: 64. */
    public static final int DEFAULT_MAX_CLIENTS = 64;
    /** The default time a connection may stay without reading or writing before it is closed: 5 minutes. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** The default time limit of each task: 60 seconds. */
    public static final Duration DEFAULT_TASK_TIMEOUT = Duration.ofSeconds(60);

    private String host = "127.0.0.1";
    private int port;
    private String token;
    private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
    private int maxClients = DEFAULT_MAX_CLIENTS;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration taskTimeout = DEFAULT_TASK_TIMEOUT;
    private boolean initAtStart;
    private NetServerOptions netServerOptions = Tcpip.setSocketOptions(new NetServerOptions());

    /** Options with every default: 127.0.0.1, a free port, no token (open access). */
    public TaskServerOptions() {
    }

    /**
     * Copies options, the token included.
     *
     * @param other the options to copy
     */
    public TaskServerOptions(TaskServerOptions other) {
        this.host = other.host;
        this.port = other.port;
        this.token = other.token;
        this.maxFrameLength = other.maxFrameLength;
        this.maxClients = other.maxClients;
        this.idleTimeout = other.idleTimeout;
        this.taskTimeout = other.taskTimeout;
        this.initAtStart = other.initAtStart;
        this.netServerOptions = new NetServerOptions(other.netServerOptions);
    }

    /**
     * Reads options from their JSON form; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @throws IllegalArgumentException for an invalid value, or a {@code token} key
     */
    public TaskServerOptions(JsonObject json) {
        OptionChecks.noToken(json);
        try {
            this.host = OptionChecks.host(json.getString("host", host));
            this.port = OptionChecks.port(json.getInteger("port", port));
            this.maxFrameLength = OptionChecks.atLeast("maxFrameLength", json.getInteger("maxFrameLength", maxFrameLength), 1);
            this.maxClients = OptionChecks.atLeast("maxClients", json.getInteger("maxClients", maxClients), 1);
            this.initAtStart = json.getBoolean("initAtStart", initAtStart);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("a value of the wrong type in " + json.encode() + ": " + e.getMessage(), e);
        }
        this.idleTimeout = OptionChecks.seconds(json, "idleTimeout", idleTimeout, true);
        this.taskTimeout = OptionChecks.seconds(json, "taskTimeout", taskTimeout, false);
        JsonObject net = json.getJsonObject("netServerOptions");
        if (net != null) {
            this.netServerOptions = new NetServerOptions(net);
        }
    }

    /** {@return the address to listen on} */
    public String getHost() {
        return host;
    }

    /**
     * Sets the address to listen on: 127.0.0.1 unless set; 0.0.0.0 for every interface (then set a token,
     * and think of TLS: the token crosses the network in clear).
     *
     * @param host a host name or address
     * @return these options
     */
    public TaskServerOptions setHost(String host) {
        this.host = OptionChecks.host(host);
        return this;
    }

    /** {@return the port to listen on; 0 picks a free one} */
    public int getPort() {
        return port;
    }

    /**
     * Sets the port to listen on.
     *
     * @param port 0..65535; 0 picks a free port ({@link TaskServer#start()} gives it)
     * @return these options
     */
    public TaskServerOptions setPort(int port) {
        this.port = OptionChecks.port(port);
        return this;
    }

    /** {@return the token clients must present with AUTH, or null for open access} */
    public String getToken() {
        return token;
    }

    /**
     * Sets the token clients must present with AUTH before any other request. Null (the default) means
     * open access: every connection counts as authenticated, and the server says so in its log, at WARN,
     * when it starts.
     *
     * @param token the token (see {@link TaskTokens#create()}), or null for open access
     * @return these options
     * @throws IllegalArgumentException if the token is empty
     */
    public TaskServerOptions setToken(String token) {
        this.token = OptionChecks.token(token);
        return this;
    }

    /**
     * Sets the token from characters (read from a console or a file, say); the array is not kept.
     *
     * @param token the token, or null for open access
     * @return these options
     * @throws IllegalArgumentException if the token is empty
     */
    public TaskServerOptions setToken(char[] token) {
        return setToken(token == null ? null : new String(token));
    }

    /** {@return whether access is open: no token is set, so every connection counts as authenticated} */
    public boolean isOpenAccess() {
        return token == null;
    }

    /** {@return the largest payload of a frame, in bytes} */
    public int getMaxFrameLength() {
        return maxFrameLength;
    }

    /**
     * Sets the largest payload of a frame. A client that announces a longer one is disconnected before any
     * of it is read; the others go on.
     *
     * @param maxFrameLength bytes, &gt;= 1
     * @return these options
     */
    public TaskServerOptions setMaxFrameLength(int maxFrameLength) {
        this.maxFrameLength = OptionChecks.atLeast("maxFrameLength", maxFrameLength, 1);
        return this;
    }

    /** {@return the most clients connected at once} */
    public int getMaxClients() {
        return maxClients;
    }

    /**
     * Sets the most clients connected at once; one more is disconnected as soon as it is accepted.
     *
     * @param maxClients &gt;= 1
     * @return these options
     */
    public TaskServerOptions setMaxClients(int maxClients) {
        this.maxClients = OptionChecks.atLeast("maxClients", maxClients, 1);
        return this;
    }

    /** {@return how long a connection may go without reading or writing before it is closed; zero: forever} */
    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    /**
     * Sets how long a connection may go without receiving or sending a byte before the server closes it:
     * this is also the read timeout, so a client that stalls in the middle of a frame is dropped after it.
     * Keep it longer than the task timeout, or a client awaiting a slow task's outcome may be dropped.
     *
     * @param idleTimeout zero (never) or positive, in whole milliseconds
     * @return these options
     */
    public TaskServerOptions setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = OptionChecks.duration("idleTimeout", idleTimeout, true);
        return this;
    }

    /** {@return the time limit of each task} */
    public Duration getTaskTimeout() {
        return taskTimeout;
    }

    /**
     * Sets the time limit of each task. A task that runs longer is abandoned: its client gets ERROR
     * "&lt;Type&gt; task timed out after N s.", its thread is interrupted, the state stays as it was, and
     * the next task runs on a fresh thread.
     *
     * @param taskTimeout positive, in whole milliseconds
     * @return these options
     */
    public TaskServerOptions setTaskTimeout(Duration taskTimeout) {
        this.taskTimeout = OptionChecks.duration("taskTimeout", taskTimeout, false);
        return this;
    }

    /** {@return whether the init task runs (with arguments {@code {}}) when the server starts} */
    public boolean isInitAtStart() {
        return initAtStart;
    }

    /**
     * Sets whether the init task runs, with arguments {@code {}}, when the server starts, before it listens
     * (bgpy's {@code init_file}); a client's INIT then gets ERROR "Already initialized.".
     *
     * @param initAtStart whether to initialise at start-up
     * @return these options
     */
    public TaskServerOptions setInitAtStart(boolean initAtStart) {
        this.initAtStart = initAtStart;
        return this;
    }

    /** {@return Vert.x's server options (mutable; their host, port and idle timeout are replaced by these options' own)} */
    public NetServerOptions getNetServerOptions() {
        return netServerOptions;
    }

    /**
     * Replaces Vert.x's server options, for what these options do not wrap: above all TLS
     * ({@code setSsl(true)} and the key and certificate), so that the token and the tasks' data do not cross
     * the network in clear. They are kept as given, not copied.
     *
     * @param netServerOptions Vert.x server options
     * @return these options
     */
    public TaskServerOptions setNetServerOptions(NetServerOptions netServerOptions) {
        this.netServerOptions = Objects.requireNonNull(netServerOptions, "netServerOptions");
        return this;
    }

    /** {@return the JSON form, without the token} */
    public JsonObject toJson() {
        return basicJson().put("netServerOptions", netServerOptions.toJson());
    }

    private JsonObject basicJson() {
        return new JsonObject().put("host", host).put("port", port).put("maxFrameLength", maxFrameLength)
            .put("maxClients", maxClients).put("idleTimeout", OptionChecks.toSeconds(idleTimeout))
            .put("taskTimeout", OptionChecks.toSeconds(taskTimeout)).put("initAtStart", initAtStart);
    }

    /**
     * {@return the JSON form without Vert.x's options (which may hold key store passwords), whether TLS is on,
     *     and whether a token is set ("token set" or "no token: open access"), never the token}
     */
    @Override
    public String toString() {
        return "TaskServerOptions" + basicJson().put("tls", netServerOptions.isSsl()).encode()
            + (token == null ? " no token: open access" : " token set");
    }
}
