package dev.tcpip.udp;

import dev.tcpip.core.Tcpip;
import io.vertx.core.json.JsonObject;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link DatagramServer} or {@link DatagramClient}: where to bind, the largest datagram, where
 * handlers run, the kernel's receive queue, the charset of text replies. Setters validate at once and throw
 * {@link IllegalArgumentException} for bad values.
 *
 * <p>JSON form (also what {@link #toJson()} writes): {@code name}, {@code host}, {@code port},
 * {@code maxDatagramSize} (bytes), {@code handlerThreads}, {@code maxPendingHandlers},
 * {@code receiveBufferSize} (bytes, 0 for the kernel's default), {@code oversizeLogInterval} (seconds, a
 * number) and {@code charset}.
 */
public final class DatagramOptions {
    /** python-easyservers' {@code MSGLEN}: 2048 bytes. */
    public static final int DEFAULT_MAX_DATAGRAM_SIZE = 2048;
    /** The largest UDP payload over IPv4: 65,507 bytes. */
    public static final int MAX_DATAGRAM_SIZE = 65_507;
    /** How many datagrams wait for a worker thread at most, by default. */
    public static final int DEFAULT_MAX_PENDING_HANDLERS = 1024;
    /** The kernel receive queue asked for by default: 1 MiB (the kernel may cap it at net.core.rmem_max). */
    public static final int DEFAULT_RECEIVE_BUFFER_SIZE = 1024 * 1024;
    /** How often an oversize datagram from one sender is logged, at most, by default: every 10 s. */
    public static final Duration DEFAULT_OVERSIZE_LOG_INTERVAL = Duration.ofSeconds(10);

    private String name = "";
    private String host = Tcpip.DEFAULT_LOCALHOST;
    private int port;
    private int maxDatagramSize = DEFAULT_MAX_DATAGRAM_SIZE;
    private int handlerThreads;
    private int maxPendingHandlers = DEFAULT_MAX_PENDING_HANDLERS;
    private int receiveBufferSize = DEFAULT_RECEIVE_BUFFER_SIZE;
    private Duration oversizeLogInterval = DEFAULT_OVERSIZE_LOG_INTERVAL;
    private Charset charset = StandardCharsets.UTF_8;

    /** Options with every default: 127.0.0.1, port 0 (the system picks one). */
    public DatagramOptions() {
    }

    /**
     * Copies options.
     *
     * @param other the options to copy
     */
    public DatagramOptions(DatagramOptions other) {
        this(other.toJson());
    }

    /**
     * Reads options from JSON; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @throws IllegalArgumentException for an invalid value
     */
    public DatagramOptions(JsonObject json) {
        setName(json.getString("name", name));
        setHost(json.getString("host", host));
        setPort(json.getInteger("port", port));
        setMaxDatagramSize(json.getInteger("maxDatagramSize", maxDatagramSize));
        setHandlerThreads(json.getInteger("handlerThreads", handlerThreads));
        setMaxPendingHandlers(json.getInteger("maxPendingHandlers", maxPendingHandlers));
        setReceiveBufferSize(json.getInteger("receiveBufferSize", receiveBufferSize));
        Number interval = json.getNumber("oversizeLogInterval");
        if (interval != null) {
            setOversizeLogInterval(Duration.ofNanos(Math.round(interval.doubleValue() * 1e9)));
        }
        setCharset(Charset.forName(json.getString("charset", charset.name())));
    }

    /** {@return the JSON form} */
    public JsonObject toJson() {
        return new JsonObject().put("name", name).put("host", host).put("port", port)
            .put("maxDatagramSize", maxDatagramSize).put("handlerThreads", handlerThreads)
            .put("maxPendingHandlers", maxPendingHandlers).put("receiveBufferSize", receiveBufferSize)
            .put("oversizeLogInterval", oversizeLogInterval.toNanos() / 1e9).put("charset", charset.name());
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
    public DatagramOptions setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** {@return the address to bind} */
    public String getHost() {
        return host;
    }

    /**
     * Sets the address to bind: 127.0.0.1 unless set; 0.0.0.0 for every interface (easyservers always bound
     * 0.0.0.0).
     *
     * @param host a host name or address, not empty
     * @return these options
     */
    public DatagramOptions setHost(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        this.host = host;
        return this;
    }

    /** {@return the port to bind; 0 lets the system pick one} */
    public int getPort() {
        return port;
    }

    /**
     * Sets the port to bind.
     *
     * @param port 0 (the system picks one) to 65535
     * @return these options
     */
    public DatagramOptions setPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        this.port = port;
        return this;
    }

    /** {@return the largest datagram handled, in bytes} */
    public int getMaxDatagramSize() {
        return maxDatagramSize;
    }

    /**
     * Sets the largest datagram handled. A longer one received is counted and logged (once per sender per
     * {@linkplain #setOversizeLogInterval interval}), never handed to the handler cut short; a longer one sent
     * fails its send.
     *
     * @param size 1 to {@value #MAX_DATAGRAM_SIZE} (2048 unless set)
     * @return these options
     */
    public DatagramOptions setMaxDatagramSize(int size) {
        if (size < 1 || size > MAX_DATAGRAM_SIZE) {
            throw new IllegalArgumentException("maxDatagramSize must be 1.." + MAX_DATAGRAM_SIZE + ", got " + size);
        }
        this.maxDatagramSize = size;
        return this;
    }

    /** {@return how many worker threads run handlers; 0: in order, on the endpoint's context} */
    public int getHandlerThreads() {
        return handlerThreads;
    }

    /**
     * Sets where handlers run: 0 (the default) in order, one at a time, on the endpoint's context
     * (easyservers' {@code threaded=False}); a positive count on a pool of that many worker threads, so a
     * handler may block (easyservers' {@code threaded=True}, without a thread per datagram).
     *
     * @param threads 0 to 1024
     * @return these options
     */
    public DatagramOptions setHandlerThreads(int threads) {
        if (threads < 0 || threads > 1024) {
            throw new IllegalArgumentException("handlerThreads must be 0..1024, got " + threads);
        }
        this.handlerThreads = threads;
        return this;
    }

    /** {@return how many datagrams may be with the worker pool at once, running or waiting} */
    public int getMaxPendingHandlers() {
        return maxPendingHandlers;
    }

    /**
     * Sets how many datagrams may be with the worker pool at once, running or waiting for a thread (with
     * {@link #setHandlerThreads} above 0): one more is dropped and counted ({@link DatagramEndpoint#droppedDatagrams()}), as the kernel drops datagrams when
     * its queue is full, so memory stays bounded under a flood.
     *
     * @param max at least 1
     * @return these options
     */
    public DatagramOptions setMaxPendingHandlers(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxPendingHandlers must be at least 1, got " + max);
        }
        this.maxPendingHandlers = max;
        return this;
    }

    /** {@return the kernel receive queue asked for, in bytes; 0 for the kernel's default} */
    public int getReceiveBufferSize() {
        return receiveBufferSize;
    }

    /**
     * Sets the kernel's receive queue (SO_RCVBUF): datagrams that arrive while it is full are dropped by the
     * kernel, so a larger one rides out bursts.
     *
     * @param bytes 0 (the kernel's default) or positive (1 MiB unless set)
     * @return these options
     */
    public DatagramOptions setReceiveBufferSize(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("receiveBufferSize must not be negative, got " + bytes);
        }
        this.receiveBufferSize = bytes;
        return this;
    }

    /** {@return the least time between two log lines about oversize datagrams from one sender} */
    public Duration getOversizeLogInterval() {
        return oversizeLogInterval;
    }

    /**
     * Sets the least time between two log lines about oversize datagrams from one sender (every one is
     * counted).
     *
     * @param interval zero or positive
     * @return these options
     */
    public DatagramOptions setOversizeLogInterval(Duration interval) {
        if (Objects.requireNonNull(interval, "interval").isNegative()) {
            throw new IllegalArgumentException("oversizeLogInterval must not be negative, got " + interval);
        }
        this.oversizeLogInterval = interval;
        return this;
    }

    /** {@return the charset of text sent with {@link DatagramReply#sendText}} */
    public Charset getCharset() {
        return charset;
    }

    /**
     * Sets the charset of text sent with {@link DatagramReply#sendText} (UTF-8 unless set).
     *
     * @param charset the charset
     * @return these options
     */
    public DatagramOptions setCharset(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
        return this;
    }

    @Override
    public String toString() {
        return toJson().encode();
    }
}
