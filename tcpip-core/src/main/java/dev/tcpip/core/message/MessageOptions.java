package dev.tcpip.core.message;

import dev.tcpip.core.Tcpip;
import dev.tcpip.core.framing.Delimited;
import dev.tcpip.core.framing.Framing;
import dev.tcpip.core.framing.Framings;
import dev.tcpip.core.framing.LengthPrefixed;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Options that message sockets and listeners share: where (host, port), a name for the logs, the framing
 * of every message and how many received messages wait for {@code receive()}. Setters validate at once
 * and throw {@link IllegalArgumentException} for bad values.
 *
 * <p>JSON form (also what {@link #toJson()} writes): {@code name}, {@code host}, {@code port},
 * {@code maxFrameLength} (bytes; a shortcut for the framing with another maximum), {@code framing}
 * (a length-prefixed or delimited framing in {@link Framings}' JSON form) and {@code receiveQueueCapacity}.
 *
 * @param <S> the concrete options type, returned by the fluent setters
 */
public abstract class MessageOptions<S extends MessageOptions<S>> {
    /** The default maximum payload: 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;
    /** The default framing: qsocket's, a 4-byte signed big-endian length ({@code "!i"}) then the payload. */
    public static final LengthPrefixed DEFAULT_FRAMING = LengthPrefixed.of(4, ByteOrder.BIG_ENDIAN, DEFAULT_MAX_FRAME_LENGTH);
    /** The default number of received messages that wait for {@code receive()} before the socket is paused. */
    public static final int DEFAULT_RECEIVE_QUEUE_CAPACITY = 64;

    private String name = "";
    private String host = Tcpip.DEFAULT_LOCALHOST;
    private int port;
    private Framing<Buffer> framing = DEFAULT_FRAMING;
    private int receiveQueueCapacity = DEFAULT_RECEIVE_QUEUE_CAPACITY;

    /**
     * Options with every default: 127.0.0.1, port 0, the default framing.
     *
     * @param port the default port
     */
    protected MessageOptions(int port) {
        this.port = port;
    }

    /**
     * Copies the shared fields.
     *
     * @param other the options to copy
     */
    protected MessageOptions(MessageOptions<?> other) {
        this.name = other.name;
        this.host = other.host;
        this.port = other.port;
        this.framing = other.framing;
        this.receiveQueueCapacity = other.receiveQueueCapacity;
    }

    /**
     * Reads the shared fields from JSON; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @param port the default port
     * @throws IllegalArgumentException for an invalid value
     */
    protected MessageOptions(JsonObject json, int port) {
        this.name = Objects.requireNonNull(json.getString("name", name), "name");
        this.host = checkHost(json.getString("host", host));
        this.port = checkPort(json.getInteger("port", port));
        JsonObject framingJson = json.getJsonObject("framing");
        if (framingJson != null) {
            this.framing = checkFraming(Framings.fromJson(framingJson));
        }
        if (json.containsKey("maxFrameLength")) {
            this.framing = withMax(framing, json.getInteger("maxFrameLength"));
        }
        this.receiveQueueCapacity = checkCapacity(json.getInteger("receiveQueueCapacity", receiveQueueCapacity));
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
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
    public S setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return self();
    }

    /** {@return the host: the address to listen on, or to connect to} */
    public String getHost() {
        return host;
    }

    /**
     * Sets the host: the address to listen on (127.0.0.1 unless set; 0.0.0.0 for every interface), or to
     * connect to.
     *
     * @param host a host name or address, not empty
     * @return these options
     */
    public S setHost(String host) {
        this.host = checkHost(host);
        return self();
    }

    /** {@return the port} */
    public int getPort() {
        return port;
    }

    /**
     * Sets the port.
     *
     * @param port 0..65535 (0, to listen, picks a free port)
     * @return these options
     */
    public S setPort(int port) {
        this.port = checkPort(port);
        return self();
    }

    /** {@return the framing of every message} */
    public Framing<Buffer> getFraming() {
        return framing;
    }

    /**
     * Sets the framing of every message: a {@link LengthPrefixed} one (the length header's width and byte
     * order, and the maximum), or a {@link Delimited} one for messages that are lines (pysocklib's
     * {@code \r\n}: a message that contains the delimiter arrives as two, as there).
     *
     * @param framing a length-prefixed or delimited framing
     * @return these options
     */
    public S setFraming(Framing<Buffer> framing) {
        this.framing = checkFraming(framing);
        return self();
    }

    /** {@return the largest payload a message may have, in bytes} */
    public int getMaxFrameLength() {
        return framing.maxFrameLength();
    }

    /**
     * Sets the largest payload a message may have, keeping the framing's header. A peer that announces a
     * longer one is disconnected before any of it is buffered; sending a longer one fails.
     *
     * @param maxFrameLength bytes, &gt;= 0 (and at most what the header can declare)
     * @return these options
     */
    public S setMaxFrameLength(int maxFrameLength) {
        this.framing = withMax(framing, maxFrameLength);
        return self();
    }

    /** {@return how many received messages wait for {@code receive()} before the socket stops being read} */
    public int getReceiveQueueCapacity() {
        return receiveQueueCapacity;
    }

    /**
     * Sets how many received messages wait for {@code receive()} before the socket stops being read (the
     * peer then meets TCP backpressure; nothing is dropped). The queue also stops the reading once the
     * messages in it hold the maximum frame length in bytes, so what a connection has read and not handed
     * over stays below the reader's 64 KiB read-ahead plus twice the maximum frame length.
     *
     * @param capacity &gt;= 1
     * @return these options
     */
    public S setReceiveQueueCapacity(int capacity) {
        this.receiveQueueCapacity = checkCapacity(capacity);
        return self();
    }

    /**
     * {@return the JSON form}
     */
    public JsonObject toJson() {
        return new JsonObject().put("name", name).put("host", host).put("port", port)
            .put("framing", Framings.toJson(framing)).put("receiveQueueCapacity", receiveQueueCapacity);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + toJson().encode();
    }

    private static String checkHost(String host) {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        return host;
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        return port;
    }

    private static int checkCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("receiveQueueCapacity must be >= 1, got " + capacity);
        }
        return capacity;
    }

    private static Framing<Buffer> checkFraming(Framing<Buffer> framing) {
        if (!(framing instanceof LengthPrefixed) && !(framing instanceof Delimited)) {
            throw new IllegalArgumentException("messages need a length-prefixed or delimited framing, got " + framing);
        }
        return framing;
    }

    private static Framing<Buffer> withMax(Framing<Buffer> framing, int max) {
        if (framing instanceof Delimited) {
            return Delimited.of(((Delimited) framing).delimiter(), max);
        }
        LengthPrefixed l = (LengthPrefixed) framing;
        LengthPrefixed f = LengthPrefixed.of(l.lengthWidth(), l.order(), max);
        return l.lengthIncludesHeader() ? f.withLengthIncludingHeader() : f;
    }
}
