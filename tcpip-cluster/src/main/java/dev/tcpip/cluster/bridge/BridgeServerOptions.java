package dev.tcpip.cluster.bridge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Options of a {@link BridgeServer}: where it listens (127.0.0.1 and a free port unless set), the largest frame
 * it reads, and the addresses its clients may use: {@code inbound}, the addresses they may send or publish to;
 * {@code outbound}, the addresses whose messages they may register for. Nothing else is allowed.
 *
 * <p>JSON form: {@code host}, {@code port}, {@code maxFrameLength}, {@code inbound} and {@code outbound}
 * (arrays of addresses).
 */
public class BridgeServerOptions {
    /** The default largest frame payload read from a client: 64 KiB. */
    public static final int DEFAULT_MAX_FRAME_LENGTH = 64 * 1024;

    private String host = "127.0.0.1";
    private int port;
    private int maxFrameLength = DEFAULT_MAX_FRAME_LENGTH;
    private List<String> inbound = List.of();
    private List<String> outbound = List.of();

    /** Options with the defaults: loopback, a free port, 64 KiB, no address allowed. */
    public BridgeServerOptions() {
    }

    /**
     * A copy.
     *
     * @param other the options to copy
     */
    public BridgeServerOptions(BridgeServerOptions other) {
        this.host = other.host;
        this.port = other.port;
        this.maxFrameLength = other.maxFrameLength;
        this.inbound = other.inbound;
        this.outbound = other.outbound;
    }

    /**
     * Options from their JSON form; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @throws IllegalArgumentException for an invalid value
     */
    public BridgeServerOptions(JsonObject json) {
        try {
            this.host = checkHost(json.getString("host", host));
            this.port = checkPort(json.getInteger("port", port));
            this.maxFrameLength = checkMax(json.getInteger("maxFrameLength", maxFrameLength));
            this.inbound = addresses(json.getJsonArray("inbound"), inbound);
            this.outbound = addresses(json.getJsonArray("outbound"), outbound);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("a value of the wrong type in " + json.encode() + ": " + e.getMessage(), e);
        }
    }

    /** {@return the address to listen on} */
    public String getHost() {
        return host;
    }

    /**
     * Sets the address to listen on. The bridge's clients are not authenticated: keep it on loopback, or on
     * an interface only trusted machines reach.
     *
     * @param host an address (default 127.0.0.1)
     * @return these options
     */
    public BridgeServerOptions setHost(String host) {
        this.host = checkHost(host);
        return this;
    }

    /** {@return the port to listen on; 0: picked by the system} */
    public int getPort() {
        return port;
    }

    /**
     * Sets the port to listen on.
     *
     * @param port 0..65535 (default 0: a free one)
     * @return these options
     */
    public BridgeServerOptions setPort(int port) {
        this.port = checkPort(port);
        return this;
    }

    /** {@return the largest frame payload read from a client, in bytes} */
    public int getMaxFrameLength() {
        return maxFrameLength;
    }

    /**
     * Sets the largest frame payload read from a client: a frame that declares more closes its connection
     * before any of it is buffered.
     *
     * @param maxFrameLength at least 64 (default 64 KiB)
     * @return these options
     */
    public BridgeServerOptions setMaxFrameLength(int maxFrameLength) {
        this.maxFrameLength = checkMax(maxFrameLength);
        return this;
    }

    /** {@return the addresses clients may send or publish to} */
    public List<String> getInbound() {
        return inbound;
    }

    /**
     * Sets the addresses clients may send or publish to (exact names); anything else gets
     * {@code {"type": "err", "message": "access_denied"}}.
     *
     * @param inbound the addresses (default none)
     * @return these options
     */
    public BridgeServerOptions setInbound(List<String> inbound) {
        this.inbound = List.copyOf(inbound);
        return this;
    }

    /** {@return the addresses clients may register for} */
    public List<String> getOutbound() {
        return outbound;
    }

    /**
     * Sets the addresses whose messages clients may register for (exact names).
     *
     * @param outbound the addresses (default none)
     * @return these options
     */
    public BridgeServerOptions setOutbound(List<String> outbound) {
        this.outbound = List.copyOf(outbound);
        return this;
    }

    /** {@return the JSON form} */
    public JsonObject toJson() {
        return new JsonObject().put("host", host).put("port", port).put("maxFrameLength", maxFrameLength)
            .put("inbound", new JsonArray(new ArrayList<>(inbound))).put("outbound", new JsonArray(new ArrayList<>(outbound)));
    }

    /** {@return the JSON form} */
    @Override
    public String toString() {
        return "BridgeServerOptions" + toJson().encode();
    }

    private static List<String> addresses(JsonArray array, List<String> otherwise) {
        if (array == null) {
            return otherwise;
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            list.add(Objects.requireNonNull(array.getString(i), "an address"));
        }
        return List.copyOf(list);
    }

    private static String checkHost(String host) {
        if (host == null || host.isBlank()) {
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

    private static int checkMax(int max) {
        if (max < 64) {
            throw new IllegalArgumentException("maxFrameLength must be at least 64, got " + max);
        }
        return max;
    }
}
