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
     * @param json the JSON form; absent keys keep their defaults
     * @throws IllegalArgumentException for an invalid value
     */
    public ServerOptions(JsonObject json) {
        super(json);
        setHost(json.getString("host", host));
        setPort(json.getInteger("port", port));
        setHeartbeatMonitor(json.getBoolean("heartbeatMonitor", heartbeatMonitor));
        if (json.containsKey("maxHeartbeatInterval")) {
            setMaxHeartbeatInterval(seconds(json.getNumber("maxHeartbeatInterval")));
        }
        if (json.containsKey("netServerOptions")) {
            setNetServerOptions(new NetServerOptions(json.getJsonObject("netServerOptions")));
        }
    }

    /**
     * @return the address to listen on
     */
    public String getHost() {
        return host;
    }

    /**
     * @param host the address to listen on: "127.0.0.1" (default), "::1", "0.0.0.0" for every interface
     * @return this
     */
    public ServerOptions setHost(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    /**
     * @return the port asked for (0: any free port)
     */
    public int getPort() {
        return port;
    }

    /**
     * @param port 0..65535; 0 picks a free port
     * @return this
     * @throws IllegalArgumentException if out of range
     */
    public ServerOptions setPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        this.port = port;
        return this;
    }

    /**
     * @return true if the server drops a client that stops sending heartbeats
     */
    public boolean isHeartbeatMonitor() {
        return heartbeatMonitor;
    }

    /**
     * @param heartbeatMonitor true to drop a client when {@link OneClientServer#handleReceivedHeartbeat()}
     *                         is not called for longer than {@link #getMaxHeartbeatInterval()}
     * @return this
     */
    public ServerOptions setHeartbeatMonitor(boolean heartbeatMonitor) {
        this.heartbeatMonitor = heartbeatMonitor;
        return this;
    }

    /**
     * @return the longest allowed silence between heartbeats; 10 s by default
     */
    public Duration getMaxHeartbeatInterval() {
        return maxHeartbeatInterval;
    }

    /**
     * @param interval the longest allowed silence between heartbeats (at least 1 ms)
     * @return this
     * @throws IllegalArgumentException if shorter than 1 ms
     */
    public ServerOptions setMaxHeartbeatInterval(Duration interval) {
        if (interval == null || interval.toMillis() < 1) {
            throw new IllegalArgumentException("maxHeartbeatInterval must be at least 1 ms, got " + interval);
        }
        this.maxHeartbeatInterval = interval;
        return this;
    }

    /**
     * @return the Vert.x server options (mutable, used as they are when the server starts; their host and
     *     port are ignored in favour of {@link #getHost()} and {@link #getPort()})
     */
    public NetServerOptions getNetServerOptions() {
        return netServerOptions;
    }

    /**
     * @param options Vert.x server options: TLS, backlog, keepalive...
     * @return this
     */
    public ServerOptions setNetServerOptions(NetServerOptions options) {
        this.netServerOptions = Objects.requireNonNull(options, "options");
        return this;
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
