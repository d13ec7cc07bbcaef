package dev.tcpip.core.message;

import dev.tcpip.core.Tcpip;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link MessageListener}: where to listen (127.0.0.1 and a free port unless set), how many
 * connections may be open at once, when an idle one is closed, Vert.x's own server options for the rest
 * (TLS, backlog...), and the options every message socket has ({@link MessageOptions}), which its accepted
 * sockets get.
 *
 * <p>JSON form: that of {@link MessageOptions}, {@code maxConnections}, {@code idleTimeout} (seconds, a
 * number; 0 for none) and {@code netServerOptions} (Vert.x's JSON form of {@link NetServerOptions}).
 */
public class MessageListenerOptions extends MessageOptions<MessageListenerOptions> {
    /** The default maximum number of connections open at once. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration idleTimeout = Duration.ZERO;
    private NetServerOptions netServerOptions = Tcpip.setSocketOptions(new NetServerOptions());

    /** Options with every default: 127.0.0.1, a free port, 1024 connections, no idle timeout. */
    public MessageListenerOptions() {
        super(0);
    }

    /**
     * Copies options.
     *
     * @param other the options to copy
     */
    public MessageListenerOptions(MessageListenerOptions other) {
        super(other);
        this.maxConnections = other.maxConnections;
        this.idleTimeout = other.idleTimeout;
        this.netServerOptions = new NetServerOptions(other.netServerOptions);
    }

    /**
     * Reads options from their JSON form; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @throws IllegalArgumentException for an invalid value
     */
    public MessageListenerOptions(JsonObject json) {
        super(json, 0);
        this.maxConnections = checkMaxConnections(json.getInteger("maxConnections", maxConnections));
        Number seconds = json.getNumber("idleTimeout");
        if (seconds != null) {
            this.idleTimeout = checkIdleTimeout(Duration.ofNanos(Math.round(seconds.doubleValue() * 1e9)));
        }
        JsonObject net = json.getJsonObject("netServerOptions");
        if (net != null) {
            this.netServerOptions = new NetServerOptions(net);
        }
    }

    /** {@return the most connections open at once} */
    public int getMaxConnections() {
        return maxConnections;
    }

    /**
     * Sets the most connections open at once; one more is closed as soon as it is accepted, and counted
     * ({@link MessageListener#rejectedConnections()}).
     *
     * @param maxConnections &gt;= 1
     * @return these options
     */
    public MessageListenerOptions setMaxConnections(int maxConnections) {
        this.maxConnections = checkMaxConnections(maxConnections);
        return this;
    }

    /** {@return how long a connection may stay without reading or writing before it is closed; zero: forever} */
    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    /**
     * Sets how long a connection may go without receiving or sending before it is closed (a normal close:
     * its socket's close hook gets no cause). Zero keeps idle connections open.
     *
     * @param idleTimeout zero or positive, in whole milliseconds
     * @return these options
     */
    public MessageListenerOptions setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = checkIdleTimeout(idleTimeout);
        return this;
    }

    /**
     * {@return Vert.x's server options (mutable, used as they are when the listener starts; their host, port
     *     and idle timeout are replaced by these options' own)}
     */
    public NetServerOptions getNetServerOptions() {
        return netServerOptions;
    }

    /**
     * Replaces Vert.x's server options, for what these options do not wrap: TLS ({@code setSsl(true)} and the
     * key and certificate, client authentication), the accept backlog, buffer sizes. They are kept as given,
     * not copied, and the default keepalive settings are not added to them: call
     * {@link Tcpip#setSocketOptions} on them to keep those.
     *
     * @param options Vert.x server options
     * @return these options
     */
    public MessageListenerOptions setNetServerOptions(NetServerOptions options) {
        this.netServerOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    @Override
    public JsonObject toJson() {
        return super.toJson().put("maxConnections", maxConnections).put("idleTimeout", idleTimeout.toNanos() / 1e9)
            .put("netServerOptions", netServerOptions.toJson());
    }

    private static int checkMaxConnections(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, got " + maxConnections);
        }
        return maxConnections;
    }

    private static Duration checkIdleTimeout(Duration idleTimeout) {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("idleTimeout must be zero or positive, at most "
                + Integer.MAX_VALUE + " ms, got " + idleTimeout);
        }
        return idleTimeout;
    }
}
