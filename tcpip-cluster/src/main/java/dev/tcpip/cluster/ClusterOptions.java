package dev.tcpip.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a clustered node is and whom it joins: the cluster's name, this node's host and Hazelcast port, the
 * members to contact, and the event bus's own port. The defaults keep a node on loopback:
 * cluster {@value #DEFAULT_CLUSTER_NAME}, host {@value #DEFAULT_HOST}, port {@value #DEFAULT_PORT}, members
 * {@code 127.0.0.1:5701}, an event-bus port picked by the system.
 *
 * <p>JSON form ({@link #toJson()}, {@link #ClusterOptions(JsonObject)}): {@code clusterName}, {@code host},
 * {@code port}, {@code members} (an array of {@code "host:port"} strings), {@code eventBusPort} and
 * {@code configFile} (a Hazelcast XML file that replaces the configuration these options make).
 */
public class ClusterOptions {
    /** The default cluster name. */
    public static final String DEFAULT_CLUSTER_NAME = "tcpip";
    /** The default host: this node's Hazelcast interface and event-bus address. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default Hazelcast port of this node. */
    public static final int DEFAULT_PORT = 5701;

    private String clusterName = DEFAULT_CLUSTER_NAME;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private List<String> members = List.of(DEFAULT_HOST + ":" + DEFAULT_PORT);
    private int eventBusPort;
    private Path configFile;

    /** Options with the defaults. */
    public ClusterOptions() {
    }

    /**
     * A copy.
     *
     * @param other the options to copy
     */
    public ClusterOptions(ClusterOptions other) {
        this.clusterName = other.clusterName;
        this.host = other.host;
        this.port = other.port;
        this.members = other.members;
        this.eventBusPort = other.eventBusPort;
        this.configFile = other.configFile;
    }

    /**
     * Options from their JSON form; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @throws IllegalArgumentException for an invalid value
     */
    public ClusterOptions(JsonObject json) {
        try {
            this.clusterName = checkName(json.getString("clusterName", clusterName));
            this.host = checkHost(json.getString("host", host));
            this.port = checkPort("port", json.getInteger("port", port), 1);
            JsonArray list = json.getJsonArray("members");
            if (list != null) {
                List<String> m = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    m.add(list.getString(i));
                }
                this.members = checkMembers(m);
            }
            this.eventBusPort = checkPort("eventBusPort", json.getInteger("eventBusPort", eventBusPort), 0);
            String file = json.getString("configFile");
            this.configFile = file == null ? null : Path.of(file).toAbsolutePath();
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("a value of the wrong type in " + json.encode() + ": " + e.getMessage(), e);
        }
    }

    /** {@return the cluster's name: nodes join only nodes of the same name} */
    public String getClusterName() {
        return clusterName;
    }

    /**
     * Sets the cluster's name. Nodes join only the nodes that have the same name, so a name per
     * installation (or per test run) keeps clusters apart on one network.
     *
     * @param clusterName not empty (default {@value #DEFAULT_CLUSTER_NAME})
     * @return these options
     * @throws IllegalArgumentException if empty
     */
    public ClusterOptions setClusterName(String clusterName) {
        this.clusterName = checkName(clusterName);
        return this;
    }

    /** {@return this node's host: the interface Hazelcast binds and the event bus listens on} */
    public String getHost() {
        return host;
    }

    /**
     * Sets this node's host: an IP address of this machine that the other members can reach. Hazelcast binds
     * only this interface, and the event bus listens on it too (a node advertising an address the others
     * cannot reach joins, but never receives).
     *
     * @param host an IP address (default {@value #DEFAULT_HOST})
     * @return these options
     * @throws IllegalArgumentException if empty
     */
    public ClusterOptions setHost(String host) {
        this.host = checkHost(host);
        return this;
    }

    /** {@return this node's Hazelcast port} */
    public int getPort() {
        return port;
    }

    /**
     * Sets this node's Hazelcast port, exactly: a node whose port is taken does not start (no search for the
     * next free one, so that the members' list stays true).
     *
     * @param port 1..65535 (default {@value #DEFAULT_PORT})
     * @return these options
     * @throws IllegalArgumentException if out of range
     */
    public ClusterOptions setPort(int port) {
        this.port = checkPort("port", port, 1);
        return this;
    }

    /** {@return the members this node contacts to join, as {@code host:port}} */
    public List<String> getMembers() {
        return members;
    }

    /**
     * Sets the members this node contacts to join, each as {@code host:port} (Hazelcast tries only 3 ports
     * of a host given without one). One member that is up is enough; this node may be in the list. Give
     * real addresses when the members are on several machines: 127.0.0.1 then means each machine itself.
     *
     * @param members one or more {@code host:port}
     * @return these options
     * @throws IllegalArgumentException if empty, or a member is not {@code host:port}
     */
    public ClusterOptions setMembers(List<String> members) {
        this.members = checkMembers(members);
        return this;
    }

    /** {@return the event bus's TCP port on this node; 0: picked by the system} */
    public int getEventBusPort() {
        return eventBusPort;
    }

    /**
     * Sets the TCP port the event bus listens on for messages from other nodes (advertised to them through
     * the cluster).
     *
     * @param eventBusPort 0..65535 (default 0: picked by the system)
     * @return these options
     * @throws IllegalArgumentException if out of range
     */
    public ClusterOptions setEventBusPort(int eventBusPort) {
        this.eventBusPort = checkPort("eventBusPort", eventBusPort, 0);
        return this;
    }

    /** {@return the Hazelcast XML configuration that replaces the one these options make, or null} */
    public Path getConfigFile() {
        return configFile;
    }

    /**
     * Sets a Hazelcast XML configuration (a {@code cluster.xml}) to use instead of the one these options
     * make: the file is taken as it is, the cluster name, port and members included; only the event bus's
     * host and port still come from these options. Start from the one {@link ClusteredVertx#hazelcastXml}
     * writes, which keeps the safe defaults.
     *
     * @param configFile the file, made absolute here; null (the default) to use these options
     * @return these options
     */
    public ClusterOptions setConfigFile(Path configFile) {
        this.configFile = configFile == null ? null : configFile.toAbsolutePath();
        return this;
    }

    /** {@return the JSON form} */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("clusterName", clusterName).put("host", host).put("port", port)
            .put("members", new JsonArray(new ArrayList<>(members))).put("eventBusPort", eventBusPort);
        if (configFile != null) {
            json.put("configFile", configFile.toString());
        }
        return json;
    }

    /** {@return the JSON form} */
    @Override
    public String toString() {
        return "ClusterOptions" + toJson().encode();
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the cluster name must not be empty");
        }
        return name;
    }

    private static String checkHost(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        return host;
    }

    private static int checkPort(String what, int port, int min) {
        if (port < min || port > 65535) {
            throw new IllegalArgumentException(what + " must be in " + min + "..65535, got " + port);
        }
        return port;
    }

    /** Each member as {@code host:port}, the port checked; an IPv6 host in brackets: {@code [::1]:5701}. */
    static List<String> checkMembers(List<String> members) {
        Objects.requireNonNull(members, "members");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("members must name at least one host:port");
        }
        for (String m : members) {
            int colon = m == null ? -1 : m.lastIndexOf(':');
            if (colon <= 0 || colon == m.length() - 1) {
                throw new IllegalArgumentException("a member must be host:port, got '" + m + "'");
            }
            int p;
            try {
                p = Integer.parseInt(m.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a member must be host:port, got '" + m + "'", e);
            }
            checkPort("the port of member '" + m + "'", p, 1);
        }
        return List.copyOf(members);
    }
}
