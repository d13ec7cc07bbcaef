package dev.tcpip.core;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link Client}: Python's {@code Client(host, port, ..., run_heartbeat_send_task,
 * heartbeat_send_sleep, **kwargs)}. Vert.x's own {@link NetClientOptions} stand for the extra keyword
 * arguments (TLS, timeouts, local address...); by default they have TCP keepalive set as
 * {@link Tcpip#setSocketOptions} does.
 *
 * <p>JSON form: the keys of {@link EndpointOptions} plus {@code host}, {@code port},
 * {@code heartbeatSend} (boolean), {@code heartbeatSendInterval} (seconds) and {@code netClientOptions}
 * (Vert.x's JSON form).
 */
public class ClientOptions extends EndpointOptions<ClientOptions> {
    /** Default interval between heartbeats: 1 s. */
    public static final Duration DEFAULT_HEARTBEAT_SEND_INTERVAL = Duration.ofSeconds(1);

    private String host = Tcpip.DEFAULT_LOCALHOST;
    private int port;
    private boolean heartbeatSend;
    private Duration heartbeatSendInterval = DEFAULT_HEARTBEAT_SEND_INTERVAL;
    private NetClientOptions netClientOptions = Tcpip.setSocketOptions(new NetClientOptions());

    /** Options with every default: host 127.0.0.1, port 0 (set one before connecting). */
    public ClientOptions() {
    }

    /**
     * Creates a copy of other options; the Vert.x client options are copied too, so changing one copy does
     * not change the other.
     *
     * @param other options to copy
     */
    public ClientOptions(ClientOptions other) {
        super(other);
        this.host = other.host;
        this.port = other.port;
        this.heartbeatSend = other.heartbeatSend;
        this.heartbeatSendInterval = other.heartbeatSendInterval;
        this.netClientOptions = new NetClientOptions(other.netClientOptions);
    }

    /**
     * Creates options from their JSON form (see the class description).
     *
     * @param json the JSON form; absent keys keep their defaults
     * @throws IllegalArgumentException for an invalid value
     */
    public ClientOptions(JsonObject json) {
        super(json);
        // The private checks the setters use, not the (overridable) setters: see EndpointOptions(JsonObject).
        this.host = checkHost(json.getString("host", host));
        this.port = checkPort(json.getInteger("port", port));
        this.heartbeatSend = json.getBoolean("heartbeatSend", heartbeatSend);
        if (json.containsKey("heartbeatSendInterval")) {
            this.heartbeatSendInterval = checkHeartbeatSendInterval(seconds(json.getNumber("heartbeatSendInterval")));
        }
        if (json.containsKey("netClientOptions")) {
            this.netClientOptions = checkOptions(new NetClientOptions(json.getJsonObject("netClientOptions")));
        }
    }

    /**
     * {@return the host to connect to}
     */
    public String getHost() {
        return host;
    }

    /**
     * Sets the host to connect to.
     *
     * @param host host name or address; empty makes a client that starts already closed (as in Python)
     * @return this
     */
    public ClientOptions setHost(String host) {
        this.host = checkHost(host);
        return this;
    }

    private static String checkHost(String host) {
        return Objects.requireNonNull(host, "host");
    }

    /**
     * {@return the port to connect to}
     */
    public int getPort() {
        return port;
    }

    /**
     * Sets the port to connect to; the default, 0, must be replaced before the client is deployed.
     *
     * @param port the server's port, 0..65535
     * @return this
     * @throws IllegalArgumentException if out of range
     */
    public ClientOptions setPort(int port) {
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
     * {@return true if the client sends heartbeats}
     */
    public boolean isHeartbeatSend() {
        return heartbeatSend;
    }

    /**
     * Turns sending heartbeats on or off; off by default.
     *
     * @param heartbeatSend true to send {@code heartbeat} + terminator at once after connecting and then
     *                      every {@link #getHeartbeatSendInterval()} while connected
     * @return this
     */
    public ClientOptions setHeartbeatSend(boolean heartbeatSend) {
        this.heartbeatSend = heartbeatSend;
        return this;
    }

    /**
     * {@return the interval between heartbeats; 1 s by default}
     */
    public Duration getHeartbeatSendInterval() {
        return heartbeatSendInterval;
    }

    /**
     * Sets the interval between heartbeats, used when {@link #setHeartbeatSend(boolean) heartbeats are on}.
     *
     * @param interval the interval between heartbeats (at least 1 ms)
     * @return this
     * @throws IllegalArgumentException if shorter than 1 ms
     */
    public ClientOptions setHeartbeatSendInterval(Duration interval) {
        this.heartbeatSendInterval = checkHeartbeatSendInterval(interval);
        return this;
    }

    private static Duration checkHeartbeatSendInterval(Duration interval) {
        if (interval == null || interval.toMillis() < 1) {
            throw new IllegalArgumentException("heartbeatSendInterval must be at least 1 ms, got " + interval);
        }
        return interval;
    }

    /**
     * {@return the Vert.x client options (mutable, used as they are when the client starts)}
     */
    public NetClientOptions getNetClientOptions() {
        return netClientOptions;
    }

    /**
     * Replaces the Vert.x client options. They are kept as given, not copied, and the default keepalive
     * settings are not added to them: call {@link Tcpip#setSocketOptions} on them to keep those.
     *
     * @param options Vert.x client options: TLS, connect timeout, keepalive, local address...
     * @return this
     */
    public ClientOptions setNetClientOptions(NetClientOptions options) {
        this.netClientOptions = checkOptions(options);
        return this;
    }

    private static NetClientOptions checkOptions(NetClientOptions options) {
        return Objects.requireNonNull(options, "options");
    }

    @Override
    public JsonObject toJson() {
        return super.toJson()
            .put("host", host)
            .put("port", port)
            .put("heartbeatSend", heartbeatSend)
            .put("heartbeatSendInterval", toSeconds(heartbeatSendInterval))
            .put("netClientOptions", netClientOptions.toJson());
    }
}
