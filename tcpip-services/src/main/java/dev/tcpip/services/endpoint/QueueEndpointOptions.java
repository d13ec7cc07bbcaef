package dev.tcpip.services.endpoint;

import dev.tcpip.core.Tcpip;
import dev.tcpip.core.framing.Delimited;
import dev.tcpip.core.reconnect.ReconnectPolicy;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a queue-backed endpoint ({@link QueueEndpoint}): where, how messages are framed, the queues,
 * reconnecting, heartbeats and the resend window. Setters validate at once and throw
 * {@link IllegalArgumentException} for bad values.
 *
 * <p>Defaults are pysocklib's where it has one: port 12345, messages ending in CR LF, UTF-8, reconnecting
 * (from 0.5 s on). Where it has none, they are bounded: 127.0.0.1, a message at most 64 KiB, queues of 1000
 * messages.
 *
 * <p>JSON form (also what {@link #toJson()} writes): {@code name}, {@code host}, {@code port},
 * {@code delimiter} (a string, its bytes in ISO-8859-1), {@code maxMessageLength} (bytes), {@code charset},
 * {@code inboundCapacity}, {@code outboundCapacity} (messages), {@code reconnect} (a {@link ReconnectPolicy}
 * in its JSON form), {@code heartbeat} (a string, absent for none), {@code heartbeatInterval},
 * {@code idleTimeout}, {@code sendWait}, {@code resendWindow} (seconds, numbers), {@code resendLimit}
 * (messages) and {@code waitingClients}.
 */
public final class QueueEndpointOptions {
    /** pysocklib's port. */
    public static final int DEFAULT_PORT = 12345;
    /** pysocklib's delimiter: CR LF. */
    public static final String DEFAULT_DELIMITER = "\r\n";
    /** The default maximum message length, delimiter excluded: 64 KiB. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = Tcpip.DEFAULT_MAX_LINE_LENGTH;
    /** The default capacity of the queues an endpoint makes. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1000;
    /** pysocklib's {@code ClientReportAlive} interval: 30 s. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    /** How long written messages stay in the resend window by default: 2 s. */
    public static final Duration DEFAULT_RESEND_WINDOW = Duration.ofSeconds(2);
    /** The most messages the resend window holds by default. */
    public static final int DEFAULT_RESEND_LIMIT = 10_000;
    /** How many clients a server holds, unserved, while it serves one, by default: Python's listen backlog. */
    public static final int DEFAULT_WAITING_CLIENTS = 128;

    private String name = "";
    private String host = Tcpip.DEFAULT_LOCALHOST;
    private int port = DEFAULT_PORT;
    private String delimiter = DEFAULT_DELIMITER;
    private int maxMessageLength = DEFAULT_MAX_MESSAGE_LENGTH;
    private Charset charset = StandardCharsets.UTF_8;
    private int inboundCapacity = DEFAULT_QUEUE_CAPACITY;
    private int outboundCapacity = DEFAULT_QUEUE_CAPACITY;
    private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
    private String heartbeat;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private Duration idleTimeout = Duration.ZERO;
    private Duration sendWait = Duration.ZERO;
    private Duration resendWindow = DEFAULT_RESEND_WINDOW;
    private int resendLimit = DEFAULT_RESEND_LIMIT;
    private int waitingClients = DEFAULT_WAITING_CLIENTS;

    /** Options with every default. */
    public QueueEndpointOptions() {
    }

    /**
     * Copies options.
     *
     * @param other the options to copy
     */
    public QueueEndpointOptions(QueueEndpointOptions other) {
        this(other.toJson());
    }

    /**
     * Reads options from JSON; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @throws IllegalArgumentException for an invalid value
     */
    public QueueEndpointOptions(JsonObject json) {
        setName(json.getString("name", name));
        setHost(json.getString("host", host));
        setPort(json.getInteger("port", port));
        setDelimiter(json.getString("delimiter", delimiter));
        setMaxMessageLength(json.getInteger("maxMessageLength", maxMessageLength));
        setCharset(Charset.forName(json.getString("charset", charset.name())));
        setInboundCapacity(json.getInteger("inboundCapacity", inboundCapacity));
        setOutboundCapacity(json.getInteger("outboundCapacity", outboundCapacity));
        JsonObject policy = json.getJsonObject("reconnect");
        if (policy != null) {
            setReconnect(ReconnectPolicy.fromJson(policy));
        }
        setHeartbeat(json.getString("heartbeat"));
        setHeartbeatInterval(seconds(json, "heartbeatInterval", heartbeatInterval));
        setIdleTimeout(seconds(json, "idleTimeout", idleTimeout));
        setSendWait(seconds(json, "sendWait", sendWait));
        setResendWindow(seconds(json, "resendWindow", resendWindow));
        setResendLimit(json.getInteger("resendLimit", resendLimit));
        setWaitingClients(json.getInteger("waitingClients", waitingClients));
    }

    /** {@return the JSON form} */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("name", name).put("host", host).put("port", port)
            .put("delimiter", delimiter).put("maxMessageLength", maxMessageLength).put("charset", charset.name())
            .put("inboundCapacity", inboundCapacity).put("outboundCapacity", outboundCapacity)
            .put("reconnect", reconnect.toJson()).put("heartbeatInterval", seconds(heartbeatInterval))
            .put("idleTimeout", seconds(idleTimeout)).put("sendWait", seconds(sendWait))
            .put("resendWindow", seconds(resendWindow)).put("resendLimit", resendLimit)
            .put("waitingClients", waitingClients);
        if (heartbeat != null) {
            json.put("heartbeat", heartbeat);
        }
        return json;
    }

    /** {@return the name that starts every log line, or empty} */
    public String getName() {
        return name;
    }

    /**
     * Sets the name that starts every log line.
     *
     * @param name the name (empty for none)
     * @return these options
     */
    public QueueEndpointOptions setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** {@return the host: where a server listens, or where a client connects} */
    public String getHost() {
        return host;
    }

    /**
     * Sets the host: where a server listens (127.0.0.1 unless set; 0.0.0.0 for every interface), or where a
     * client connects (pysocklib's {@code address[0]}).
     *
     * @param host a host name or address, not empty
     * @return these options
     */
    public QueueEndpointOptions setHost(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        this.host = host;
        return this;
    }

    /** {@return the port} */
    public int getPort() {
        return port;
    }

    /**
     * Sets the port (pysocklib's {@code address[1]}); 0 lets a server pick one.
     *
     * @param port 0 to 65535
     * @return these options
     */
    public QueueEndpointOptions setPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        this.port = port;
        return this;
    }

    /** {@return the delimiter that ends every message} */
    public String getDelimiter() {
        return delimiter;
    }

    /**
     * Sets the delimiter that ends every message (pysocklib's {@code msg_end}), honoured both when splitting
     * received bytes and when sending. Each character is one byte (ISO-8859-1), so any byte sequence can be
     * written, such as {@code "\n"} or {@code "\u0000"}.
     *
     * @param delimiter one or more characters, each U+0000 to U+00FF
     * @return these options
     */
    public QueueEndpointOptions setDelimiter(String delimiter) {
        if (delimiter == null || delimiter.isEmpty()) {
            throw new IllegalArgumentException("delimiter must not be empty");
        }
        for (int i = 0; i < delimiter.length(); i++) {
            if (delimiter.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("delimiter characters must be bytes (U+0000..U+00FF), got U+"
                    + Integer.toHexString(delimiter.charAt(i)).toUpperCase(java.util.Locale.ROOT));
            }
        }
        if (heartbeat != null && heartbeat.contains(delimiter)) {
            throw new IllegalArgumentException("the heartbeat must not contain the delimiter");
        }
        this.delimiter = delimiter;
        return this;
    }

    /** {@return the most bytes one message may have, delimiter excluded} */
    public int getMaxMessageLength() {
        return maxMessageLength;
    }

    /**
     * Sets the most bytes one message may have, delimiter excluded. A longer message received fails that
     * connection at once with {@link dev.tcpip.core.LineTooLongException} (memory stays bounded); a longer one
     * sent fails its send.
     *
     * @param maxMessageLength at least 1
     * @return these options
     */
    public QueueEndpointOptions setMaxMessageLength(int maxMessageLength) {
        if (maxMessageLength < 1) {
            throw new IllegalArgumentException("maxMessageLength must be at least 1, got " + maxMessageLength);
        }
        this.maxMessageLength = maxMessageLength;
        return this;
    }

    /** {@return the charset of text messages} */
    public Charset getCharset() {
        return charset;
    }

    /**
     * Sets the charset of text messages (pysocklib's {@code encoding}): used by the endpoints' String forms
     * and for the heartbeat.
     *
     * @param charset the charset
     * @return these options
     */
    public QueueEndpointOptions setCharset(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
        return this;
    }

    /** {@return the capacity of the inbound queue an endpoint makes} */
    public int getInboundCapacity() {
        return inboundCapacity;
    }

    /**
     * Sets the capacity of the inbound queue an endpoint makes for itself: once it is full, the endpoint stops
     * reading the socket until a message is taken (backpressure: nothing is dropped).
     *
     * @param capacity at least 1
     * @return these options
     */
    public QueueEndpointOptions setInboundCapacity(int capacity) {
        this.inboundCapacity = positive("inboundCapacity", capacity);
        return this;
    }

    /** {@return the capacity of the outbound queue an endpoint makes} */
    public int getOutboundCapacity() {
        return outboundCapacity;
    }

    /**
     * Sets the capacity of the outbound queue an endpoint makes for itself: once it is full, {@code send}
     * waits and {@code trySend} refuses.
     *
     * @param capacity at least 1
     * @return these options
     */
    public QueueEndpointOptions setOutboundCapacity(int capacity) {
        this.outboundCapacity = positive("outboundCapacity", capacity);
        return this;
    }

    /** {@return when a client tries again, and whether a server serves another client after one leaves} */
    public ReconnectPolicy getReconnect() {
        return reconnect;
    }

    /**
     * Sets the reconnect policy (pysocklib's {@code reconnect} and {@code timeout}): its delays and limits
     * when a client connects, its connect timeout for each attempt. A server only asks whether it
     * {@linkplain ReconnectPolicy#reconnects() reconnects}: if so it serves the next client when one leaves,
     * else it ends with the first.
     *
     * @param policy the policy; {@link ReconnectPolicy#never()} for pysocklib's {@code reconnect=False}
     * @return these options
     */
    public QueueEndpointOptions setReconnect(ReconnectPolicy policy) {
        this.reconnect = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** {@return the heartbeat message, or null for none} */
    public String getHeartbeat() {
        return heartbeat;
    }

    /**
     * Sets a heartbeat message (pysocklib's {@code ClientReportAlive} sends {@code "Alive"}): it is sent after
     * each {@linkplain #setHeartbeatInterval heartbeat interval} in which nothing else was sent, and received
     * ones are counted, not queued.
     *
     * @param heartbeat the text (not containing the delimiter), or null for none
     * @return these options
     */
    public QueueEndpointOptions setHeartbeat(String heartbeat) {
        if (heartbeat != null && heartbeat.contains(delimiter)) {
            throw new IllegalArgumentException("the heartbeat must not contain the delimiter");
        }
        this.heartbeat = heartbeat;
        return this;
    }

    /** {@return the time without sending after which a heartbeat is sent} */
    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    /**
     * Sets the time without sending after which a heartbeat is sent (30 s unless set).
     *
     * @param interval at least 1 ms
     * @return these options
     */
    public QueueEndpointOptions setHeartbeatInterval(Duration interval) {
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("heartbeatInterval must be at least 1 ms, got " + interval);
        }
        this.heartbeatInterval = interval;
        return this;
    }

    /** {@return the time without receiving anything after which a connection counts as dead, or zero for never} */
    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    /**
     * Sets the time without receiving anything (heartbeats included) after which the peer counts as gone: the
     * connection is closed and, as for any lost connection, a client reconnects and a server serves the next
     * client. The clock stops while the endpoint itself does not read (its inbound sink is full): a slow
     * consumer never makes a live peer look gone. Zero (the default) never does: an idle connection is not a lost one (pysocklib's read timeout
     * was, and redialled in a loop). Set it above the peer's heartbeat interval.
     *
     * @param timeout zero or positive
     * @return these options
     */
    public QueueEndpointOptions setIdleTimeout(Duration timeout) {
        this.idleTimeout = notNegative("idleTimeout", timeout);
        return this;
    }

    /** {@return the pause after each message sent} */
    public Duration getSendWait() {
        return sendWait;
    }

    /**
     * Sets a pause after each message sent (pysocklib's {@code send_wait}): a rate limit, on a timer.
     *
     * @param wait zero (the default) or positive
     * @return these options
     */
    public QueueEndpointOptions setSendWait(Duration wait) {
        this.sendWait = notNegative("sendWait", wait);
        return this;
    }

    /** {@return how long a written message stays in the resend window} */
    public Duration getResendWindow() {
        return resendWindow;
    }

    /**
     * Sets how long a message written on a connection stays in its resend window: when the connection is
     * lost, the messages written on it within this time before the loss are sent again, first, on the next
     * connection (see {@link QueueEndpoint}). Zero resends only the message whose write had not completed.
     *
     * @param window zero or positive (2 s unless set)
     * @return these options
     */
    public QueueEndpointOptions setResendWindow(Duration window) {
        this.resendWindow = notNegative("resendWindow", window);
        return this;
    }

    /** {@return the most messages the resend window holds} */
    public int getResendLimit() {
        return resendLimit;
    }

    /**
     * Sets the most messages the resend window holds (its memory bound): the oldest leave it first.
     *
     * @param limit zero or positive (10,000 unless set)
     * @return these options
     */
    public QueueEndpointOptions setResendLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("resendLimit must not be negative, got " + limit);
        }
        this.resendLimit = limit;
        return this;
    }

    /** {@return how many clients a server holds, unserved, while it serves one} */
    public int getWaitingClients() {
        return waitingClients;
    }

    /**
     * Sets how many clients a server accepts and holds while it serves one (pysocklib's listen backlog): they
     * are served in turn, each when the one before has left; one more is closed at once.
     *
     * @param count zero or positive (128 unless set; each holds at most the maximum message length of received
     *              bytes until served)
     * @return these options
     */
    public QueueEndpointOptions setWaitingClients(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("waitingClients must not be negative, got " + count);
        }
        this.waitingClients = count;
        return this;
    }

    /** {@return the framing these options describe: the delimiter, the maximum length} */
    public Delimited framing() {
        return Delimited.of(Buffer.buffer(delimiter.getBytes(StandardCharsets.ISO_8859_1)), maxMessageLength);
    }

    @Override
    public String toString() {
        return toJson().encode();
    }

    private static int positive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
        return value;
    }

    private static Duration notNegative(String what, Duration value) {
        if (Objects.requireNonNull(value, what).isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
        return value;
    }

    private static Duration seconds(JsonObject json, String key, Duration otherwise) {
        Number n = json.getNumber(key);
        return n == null ? otherwise : Duration.ofNanos(Math.round(n.doubleValue() * 1e9));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
