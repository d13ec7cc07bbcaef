package dev.tcpip.tasks;

import dev.tcpip.core.Tcpip;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link TaskClient}: the server's address, the token to present (none: AUTH is not sent),
 * how long connecting may take, how long to wait for the replies, the largest frame accepted, and Vert.x's own
 * client options for TLS and the like. Setters
 * check their value at once and throw {@link IllegalArgumentException} for a bad one.
 *
 * <p>JSON form (also what {@link #toJson()} writes): {@code host}, {@code port}, {@code maxFrameLength}
 * (bytes), {@code connectTimeout} and {@code responseTimeout} (seconds, numbers) and {@code netClientOptions}
 * (Vert.x's JSON form of {@link NetClientOptions}). The token is never part of
 * it: {@link #toJson()} leaves it out, the JSON constructor refuses it, and {@link #toString()} shows only
 * whether one is set.
 */
public class TaskClientOptions {
    /** The default connect timeout: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The default time to wait for the replies to a request: 60 seconds. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private String host = "127.0.0.1";
    private int port;
    private String token;
    private int maxFrameLength = TaskServerOptions.DEFAULT_MAX_FRAME_LENGTH;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    private NetClientOptions netClientOptions = Tcpip.setSocketOptions(new NetClientOptions());

    /** Options with every default: 127.0.0.1, port 0 (set one), no token. */
    public TaskClientOptions() {
    }

    /**
     * Copies options, the token included.
     *
     * @param other the options to copy
     */
    public TaskClientOptions(TaskClientOptions other) {
        this.host = other.host;
        this.port = other.port;
        this.token = other.token;
        this.maxFrameLength = other.maxFrameLength;
        this.connectTimeout = other.connectTimeout;
        this.responseTimeout = other.responseTimeout;
        this.netClientOptions = new NetClientOptions(other.netClientOptions);
    }

    /**
     * Reads options from their JSON form; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @throws IllegalArgumentException for an invalid value, or a {@code token} key
     */
    public TaskClientOptions(JsonObject json) {
        OptionChecks.noToken(json);
        try {
            this.host = OptionChecks.host(json.getString("host", host));
            this.port = OptionChecks.port(json.getInteger("port", port));
            this.maxFrameLength = OptionChecks.atLeast("maxFrameLength", json.getInteger("maxFrameLength", maxFrameLength), 1);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("a value of the wrong type in " + json.encode() + ": " + e.getMessage(), e);
        }
        this.connectTimeout = OptionChecks.seconds(json, "connectTimeout", connectTimeout, false);
        this.responseTimeout = OptionChecks.seconds(json, "responseTimeout", responseTimeout, false);
        JsonObject net = json.getJsonObject("netClientOptions");
        if (net != null) {
            this.netClientOptions = new NetClientOptions(net);
        }
    }

    /** {@return the server's host} */
    public String getHost() {
        return host;
    }

    /**
     * Sets the server's host.
     *
     * @param host a host name or address
     * @return these options
     */
    public TaskClientOptions setHost(String host) {
        this.host = OptionChecks.host(host);
        return this;
    }

    /** {@return the server's port} */
    public int getPort() {
        return port;
    }

    /**
     * Sets the server's port.
     *
     * @param port 1..65535 to connect (0 is accepted here, and fails to connect)
     * @return these options
     */
    public TaskClientOptions setPort(int port) {
        this.port = OptionChecks.port(port);
        return this;
    }

    /** {@return the token presented with AUTH, or null to send no AUTH} */
    public String getToken() {
        return token;
    }

    /**
     * Sets the token presented with AUTH at the start of each call; with none, no AUTH is sent (right for a
     * server with open access).
     *
     * @param token the token, or null
     * @return these options
     * @throws IllegalArgumentException if the token is empty
     */
    public TaskClientOptions setToken(String token) {
        this.token = OptionChecks.token(token);
        return this;
    }

    /**
     * Sets the token from characters (read from a console or a file, say); the array is not kept.
     *
     * @param token the token, or null
     * @return these options
     * @throws IllegalArgumentException if the token is empty
     */
    public TaskClientOptions setToken(char[] token) {
        return setToken(token == null ? null : new String(token));
    }

    /** {@return the largest payload of a reply's frame, in bytes} */
    public int getMaxFrameLength() {
        return maxFrameLength;
    }

    /**
     * Sets the largest payload of a frame, sent or received.
     *
     * @param maxFrameLength bytes, &gt;= 1
     * @return these options
     */
    public TaskClientOptions setMaxFrameLength(int maxFrameLength) {
        this.maxFrameLength = OptionChecks.atLeast("maxFrameLength", maxFrameLength, 1);
        return this;
    }

    /** {@return how long connecting may take} */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * Sets how long connecting may take before the call fails with a {@link java.net.ConnectException}.
     *
     * @param connectTimeout positive, in whole milliseconds
     * @return these options
     */
    public TaskClientOptions setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = OptionChecks.duration("connectTimeout", connectTimeout, false);
        return this;
    }

    /** {@return how long a call waits for its replies, once connected} */
    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    /**
     * Sets how long a call waits, once connected, for every reply it needs (AUTH's, the confirmation, and
     * the outcome when asked for) before it fails with a {@link java.util.concurrent.TimeoutException}.
     *
     * @param responseTimeout positive, in whole milliseconds
     * @return these options
     */
    public TaskClientOptions setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = OptionChecks.duration("responseTimeout", responseTimeout, false);
        return this;
    }

    /** {@return Vert.x's client options (mutable; their connect timeout is replaced by {@link #getConnectTimeout()})} */
    public NetClientOptions getNetClientOptions() {
        return netClientOptions;
    }

    /**
     * Replaces Vert.x's client options, for what these options do not wrap: above all TLS ({@code setSsl(true)},
     * the trust options, the hostname verification algorithm). They are kept as given, not copied.
     *
     * @param netClientOptions Vert.x client options
     * @return these options
     */
    public TaskClientOptions setNetClientOptions(NetClientOptions netClientOptions) {
        this.netClientOptions = Objects.requireNonNull(netClientOptions, "netClientOptions");
        return this;
    }

    /** {@return the JSON form, without the token} */
    public JsonObject toJson() {
        return basicJson().put("netClientOptions", netClientOptions.toJson());
    }

    private JsonObject basicJson() {
        return new JsonObject().put("host", host).put("port", port).put("maxFrameLength", maxFrameLength)
            .put("connectTimeout", OptionChecks.toSeconds(connectTimeout))
            .put("responseTimeout", OptionChecks.toSeconds(responseTimeout));
    }

    /**
     * {@return the JSON form without Vert.x's options (which may hold key store passwords), whether TLS is on,
     *     and whether a token is set, never the token}
     */
    @Override
    public String toString() {
        return "TaskClientOptions" + basicJson().put("tls", netClientOptions.isSsl()).encode()
            + (token == null ? " no token" : " token set");
    }
}
