package dev.tcpip.core.message;

import dev.tcpip.core.Tcpip;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link MessageSocket#connect}: where to connect, how long connecting may take, Vert.x's own
 * client options for the rest (TLS, local address...), and the options every message socket has
 * ({@link MessageOptions}).
 *
 * <p>JSON form: that of {@link MessageOptions}, {@code connectTimeout} (seconds, a number) and
 * {@code netClientOptions} (Vert.x's JSON form of {@link NetClientOptions}).
 */
public class MessageSocketOptions extends MessageOptions<MessageSocketOptions> {
    /** The default connect timeout: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private NetClientOptions netClientOptions = Tcpip.setSocketOptions(new NetClientOptions());

    /** Options with every default: 127.0.0.1, port 0 (set one), 10 s to connect. */
    public MessageSocketOptions() {
        super(0);
    }

    /**
     * Copies options.
     *
     * @param other the options to copy
     */
    public MessageSocketOptions(MessageSocketOptions other) {
        super(other);
        this.connectTimeout = other.connectTimeout;
        this.netClientOptions = new NetClientOptions(other.netClientOptions);
    }

    /**
     * Reads options from their JSON form; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @throws IllegalArgumentException for an invalid value
     */
    public MessageSocketOptions(JsonObject json) {
        super(json, 0);
        Number seconds = json.getNumber("connectTimeout");
        if (seconds != null) {
            this.connectTimeout = checkTimeout(Duration.ofNanos(Math.round(seconds.doubleValue() * 1e9)));
        }
        JsonObject net = json.getJsonObject("netClientOptions");
        if (net != null) {
            this.netClientOptions = new NetClientOptions(net);
        }
    }

    /** {@return how long connecting may take} */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * Sets how long connecting may take before it fails.
     *
     * @param timeout positive, at most about 24 days
     * @return these options
     */
    public MessageSocketOptions setConnectTimeout(Duration timeout) {
        this.connectTimeout = checkTimeout(timeout);
        return this;
    }

    /**
     * {@return Vert.x's client options (mutable, used as they are at each connect, except that
     *     {@link #getConnectTimeout()} replaces their connect timeout)}
     */
    public NetClientOptions getNetClientOptions() {
        return netClientOptions;
    }

    /**
     * Replaces Vert.x's client options, for what these options do not wrap: TLS ({@code setSsl(true)}, the
     * trust options, the hostname verification algorithm), the local address, buffer sizes. They are kept as
     * given, not copied, and the default keepalive settings are not added to them: call
     * {@link Tcpip#setSocketOptions} on them to keep those.
     *
     * @param options Vert.x client options
     * @return these options
     */
    public MessageSocketOptions setNetClientOptions(NetClientOptions options) {
        this.netClientOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    @Override
    public JsonObject toJson() {
        return super.toJson().put("connectTimeout", connectTimeout.toNanos() / 1e9)
            .put("netClientOptions", netClientOptions.toJson());
    }

    private static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout must be positive and at most "
                + Integer.MAX_VALUE + " ms, got " + timeout);
        }
        return timeout;
    }
}
