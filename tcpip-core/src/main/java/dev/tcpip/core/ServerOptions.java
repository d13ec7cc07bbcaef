package dev.tcpip.core;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link OneClientServer} and {@link OneClientReadLoopServer}: Python's
 * {@code host}, {@code port}, {@code run_heartbeat_monitor_task}, {@code max_heartbeat_interval} and the
 * extra keyword arguments, which are Vert.x's own {@link NetServerOptions} here (TLS, backlog...); by
 * default they have TCP keepalive set as {@link Tcpip#setSocketOptions} does.
 *
 * <p>The host defaults to 127.0.0.1: a server listens on loopback unless told otherwise. Port 0 (the
 * default) picks a free port; {@link OneClientServer#port()} tells which once started.
 *
 * <p>JSON form: the keys of {@link EndpointOptions} plus {@code host}, {@code port},
 * {@code heartbeatMonitor} (boolean), {@code maxHeartbeatInterval} (seconds) and {@code netServerOptions}
 * (Vert.x's JSON form).
 */
public class ServerOptions extends EndpointOptions<ServerOptions> {
    private String host = Tcpip.DEFAULT_LOCALHOST;
    private int port;
    private boolean heartbeatMonitor;
    private Duration maxHeartbeatInterval = Tcpip.DEFAULT_MAX_HEARTBEAT_INTERVAL;
    private NetServerOptions netServerOptions = Tcpip.setSocketOptions(new NetServerOptions());

    /** Options with every default: 127.0.0.1, port 0. */
    public ServerOptions() {
    }

    /**
     * Creates a copy of other options; the Vert.x server options are copied too, so changing one copy does
     * not change the other.
     *
     * @param other options to copy
     */
    public ServerOptions(ServerOptions other) {
        super(other);
        this.host = other.host;
        this.port = other.port;
        this.heartbeatMonitor = other.heartbeatMonitor;
        this.maxHeartbeatInterval = other.maxHeartbeatInterval;
        this.netServerOptions = new NetServerOptions(other.netServerOptions);
    }

    /**
     * Creates options from their JSON form (see the class description).
     *
     * @param json the JSON form; absent keys keep their defaults
     * @throws IllegalArgumentException for an invalid value
     */
    public ServerOptions(JsonObject json) {
        super(json);
        // The private checks the setters use, not the (overridable) setters: see EndpointOptions(JsonObject).
        this.host = checkHost(json.getString("host", host));
        this.port = checkPort(json.getInteger("port", port));
        this.heartbeatMonitor = json.getBoolean("heartbeatMonitor", heartbeatMonitor);
        if (json.containsKey("maxHeartbeatInterval")) {
            this.maxHeartbeatInterval = checkMaxHeartbeatInterval(seconds(json.getNumber("maxHeartbeatInterval")));
        }
        if (json.containsKey("netServerOptions")) {
            this.netServerOptions = checkOptions(new NetServerOptions(json.getJsonObject("netServerOptions")));
        }
    }

    /**
     * {@return the address to listen on}
     */
    public String getHost() {
        return host;
    }

    /**
     * Sets the address to listen on.
     *
     * @param host the address to listen on: "127.0.0.1" (default), "::1", "0.0.0.0" for every interface
     * @return this
     */
    public ServerOptions setHost(String host) {
        this.host = checkHost(host);
        return this;
    }

    private static String checkHost(String host) {
        return Objects.requireNonNull(host, "host");
    }

    /**
     * {@return the port asked for (0: any free port)}
     */
    public int getPort() {
        return port;
    }

    /**
     * Sets the port to listen on.
     *
     * @param port 0..65535; 0 picks a free port
     * @return this
     * @throws IllegalArgumentException if out of range
     */
    public ServerOptions setPort(int port) {
        this.port = checkPort(port);
        return this;
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        return port;
    }

    /**
     * {@return true if the server drops a client that stops sending heartbeats}
     */
    public boolean isHeartbeatMonitor() {
        return heartbeatMonitor;
    }

    /**
     * Turns the heartbeat monitor on or off; off by default.
     *
     * @param heartbeatMonitor true to drop a client when {@link OneClientServer#handleReceivedHeartbeat()}
     *                         is not called for longer than {@link #getMaxHeartbeatInterval()}
     * @return this
     */
    public ServerOptions setHeartbeatMonitor(boolean heartbeatMonitor) {
        this.heartbeatMonitor = heartbeatMonitor;
        return this;
    }

    /**
     * {@return the longest allowed silence between heartbeats; 10 s by default}
     */
    public Duration getMaxHeartbeatInterval() {
        return maxHeartbeatInterval;
    }

    /**
     * Sets the longest silence the {@link #setHeartbeatMonitor(boolean) heartbeat monitor} allows.
     *
     * @param interval the longest allowed silence between heartbeats (at least 1 ms)
     * @return this
     * @throws IllegalArgumentException if shorter than 1 ms
     */
    public ServerOptions setMaxHeartbeatInterval(Duration interval) {
        this.maxHeartbeatInterval = checkMaxHeartbeatInterval(interval);
        return this;
    }

    private static Duration checkMaxHeartbeatInterval(Duration interval) {
        if (interval == null || interval.toMillis() < 1) {
            throw new IllegalArgumentException("maxHeartbeatInterval must be at least 1 ms, got " + interval);
        }
        return interval;
    }

    /**
     * {@return the Vert.x server options (mutable, used as they are when the server starts; their host and
     *     port are ignored in favour of {@link #getHost()} and {@link #getPort()})}
     */
    public NetServerOptions getNetServerOptions() {
        return netServerOptions;
    }

    /**
     * Replaces the Vert.x server options. They are kept as given, not copied, and the default keepalive
     * settings are not added to them: call {@link Tcpip#setSocketOptions} on them to keep those.
     *
     * @param options Vert.x server options: TLS, backlog, keepalive...
     * @return this
     */
    public ServerOptions setNetServerOptions(NetServerOptions options) {
        this.netServerOptions = checkOptions(options);
        return this;
    }

    private static NetServerOptions checkOptions(NetServerOptions options) {
        return Objects.requireNonNull(options, "options");
    }

    @Override
    public JsonObject toJson() {
        return super.toJson()
            .put("host", host)
            .put("port", port)
            .put("heartbeatMonitor", heartbeatMonitor)
            .put("maxHeartbeatInterval", toSeconds(maxHeartbeatInterval))
            .put("netServerOptions", netServerOptions.toJson());
    }
}
