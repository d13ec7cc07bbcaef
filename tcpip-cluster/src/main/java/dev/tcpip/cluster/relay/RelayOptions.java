package dev.tcpip.cluster.relay;

import dev.tcpip.core.reconnect.ReconnectPolicy;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link StructRelay}: the controller to connect to, the event-bus address to publish on (and
 * its command address, {@code ADDRESS.commands} unless set), how to reconnect, and how long a command may
 * wait for its reply.
 *
 * <p>JSON form: {@code controllerHost}, {@code controllerPort}, {@code address}, {@code commandAddress},
 * {@code reconnect} ({@link ReconnectPolicy}'s JSON form), {@code commandTimeout} (seconds) and {@code name}.
 */
public class RelayOptions {
    /** The suffix of the default command address: {@code ADDRESS.commands}. */
    public static final String COMMANDS_SUFFIX = ".commands";
    /** The default time a command waits for the controller's reply. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private String controllerHost = "127.0.0.1";
    private int controllerPort;
    private String address;
    private String commandAddress;
    private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private String name = "relay";

    /** Options with the defaults; the controller's port and the address must be set. */
    public RelayOptions() {
    }

    /**
     * A copy.
     *
     * @param other the options to copy
     */
    public RelayOptions(RelayOptions other) {
        this.controllerHost = other.controllerHost;
        this.controllerPort = other.controllerPort;
        this.address = other.address;
        this.commandAddress = other.commandAddress;
        this.reconnect = other.reconnect;
        this.commandTimeout = other.commandTimeout;
        this.name = other.name;
    }

    /**
     * Options from their JSON form; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @throws IllegalArgumentException for an invalid value
     */
    public RelayOptions(JsonObject json) {
        try {
            this.controllerHost = notEmpty("controllerHost", json.getString("controllerHost", controllerHost));
            this.controllerPort = port(json.getInteger("controllerPort", controllerPort));
            String a = json.getString("address");
            this.address = a == null ? null : notEmpty("address", a);
            String c = json.getString("commandAddress");
            this.commandAddress = c == null ? null : notEmpty("commandAddress", c);
            JsonObject r = json.getJsonObject("reconnect");
            this.reconnect = r == null ? reconnect : ReconnectPolicy.fromJson(r);
            Number seconds = json.getNumber("commandTimeout");
            if (seconds != null) {
                this.commandTimeout = positive(Duration.ofNanos(Math.round(seconds.doubleValue() * 1e9)));
            }
            this.name = json.getString("name", name);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("a value of the wrong type in " + json.encode() + ": " + e.getMessage(), e);
        }
    }

    /** {@return the controller's host} */
    public String getControllerHost() {
        return controllerHost;
    }

    /**
     * Sets the controller's host.
     *
     * @param host a name or an address (default 127.0.0.1)
     * @return these options
     */
    public RelayOptions setControllerHost(String host) {
        this.controllerHost = notEmpty("controllerHost", host);
        return this;
    }

    /** {@return the controller's port} */
    public int getControllerPort() {
        return controllerPort;
    }

    /**
     * Sets the controller's port.
     *
     * @param port 1..65535
     * @return these options
     */
    public RelayOptions setControllerPort(int port) {
        this.controllerPort = port(port);
        if (port == 0) {
            throw new IllegalArgumentException("controllerPort must be in 1..65535, got 0");
        }
        return this;
    }

    /** {@return the address the controller's messages are published on} */
    public String getAddress() {
        return address;
    }

    /**
     * Sets the address the controller's messages are published on.
     *
     * @param address not empty
     * @return these options
     */
    public RelayOptions setAddress(String address) {
        this.address = notEmpty("address", address);
        return this;
    }

    /** {@return the address commands are taken from: the one set, or {@code ADDRESS.commands}} */
    public String getCommandAddress() {
        return commandAddress != null ? commandAddress : address == null ? null : address + COMMANDS_SUFFIX;
    }

    /**
     * Sets the address commands are taken from.
     *
     * @param commandAddress not empty (default: the publishing address followed by {@value #COMMANDS_SUFFIX})
     * @return these options
     */
    public RelayOptions setCommandAddress(String commandAddress) {
        this.commandAddress = notEmpty("commandAddress", commandAddress);
        return this;
    }

    /** {@return when to reconnect to the controller} */
    public ReconnectPolicy getReconnect() {
        return reconnect;
    }

    /**
     * Sets when to reconnect to the controller after a failed attempt or a lost connection.
     *
     * @param reconnect the policy (default {@link ReconnectPolicy#defaults()}: 0.5 s doubling to 30 s, forever)
     * @return these options
     */
    public RelayOptions setReconnect(ReconnectPolicy reconnect) {
        this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
        return this;
    }

    /** {@return how long a command waits for the controller's reply} */
    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    /**
     * Sets how long a command waits for the controller's reply before its sender gets a failure.
     *
     * @param commandTimeout positive (default 10 s)
     * @return these options
     */
    public RelayOptions setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = positive(commandTimeout);
        return this;
    }

    /** {@return the name that starts its log lines} */
    public String getName() {
        return name;
    }

    /**
     * Sets the name that starts its log lines.
     *
     * @param name any text (default "relay")
     * @return these options
     */
    public RelayOptions setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** {@return the JSON form} */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("controllerHost", controllerHost).put("controllerPort", controllerPort)
            .put("reconnect", reconnect.toJson()).put("commandTimeout", commandTimeout.toNanos() / 1e9).put("name", name);
        if (address != null) {
            json.put("address", address);
        }
        if (commandAddress != null) {
            json.put("commandAddress", commandAddress);
        }
        return json;
    }

    /** {@return the JSON form} */
    @Override
    public String toString() {
        return "RelayOptions" + toJson().encode();
    }

    private static String notEmpty(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    private static int port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("controllerPort must be in 1..65535, got " + port);
        }
        return port;
    }

    private static Duration positive(Duration d) {
        Objects.requireNonNull(d, "commandTimeout");
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("commandTimeout must be positive, got " + d);
        }
        return d;
    }
}
