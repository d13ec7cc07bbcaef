package dev.tcpip.bench.load;

import java.util.Locale;

/**
 * What the load program measures.
 */
public enum Mode {
    /** One line, wait for its echo, repeat: servers (a), (b), (c). */
    PING_PONG("ping-pong"),
    /** Lines sent continuously while the echoes are read: servers (a), (b), (c). */
    PIPELINED("pipelined"),
    /** Structs or JSON lines sent, the sink answers once it has them all: servers (d), (e). */
    ONE_WAY("one-way"),
    /** A client floods 1 GB and never reads; the server's heap: servers (c), (d), (e). */
    MEMORY("memory"),
    /** Time from {@code java -jar} to the demo's "running on port" line. */
    STARTUP("start-up"),
    /** JMH: one Sample32 encoded and decoded through tcpip-struct (javolution) and by a hand codec. */
    CODEC("codec"),
    /**
     * Length-prefixed frames echoed by servers (f) and (g): pipelined 64-byte and 64 KiB frames, ping-pong
     * with one 64-byte frame, and many clients pipelining 64-byte frames at once.
     */
    FRAMES("frames"),
    /**
     * Queue endpoints in the load program's JVM: messages/s from a {@code ClientSender} to a
     * {@code ServerReceiver} (h) against a raw Vert.x line pair (i), and the time from a server restart to the
     * first message through it (h).
     */
    ENDPOINTS("endpoints"),
    /**
     * UDP datagrams, servers (k), (l), (m): round trips with one 64-byte or 1 KiB datagram at a time, and
     * one-way datagrams counted by the server.
     */
    UDP("udp"),
    /**
     * Fan-out on the clustered event bus, from this JVM's node to a subscriber on another JVM: telemetry
     * through a {@code StructRelay} from an in-process controller (n) against bare {@code publish} of the same
     * JSON (o): messages/s with a window of unacknowledged messages, and the latency of one message at a time.
     */
    CLUSTER("cluster");

    private final String cliName;

    Mode(String cliName) {
        this.cliName = cliName;
    }

    /**
     * @return the name on the command line and in tables, e.g. "ping-pong"
     */
    public String cliName() {
        return cliName;
    }

    /**
     * Finds a mode by name, ignoring case and hyphens ("pingpong" and "ping-pong" both work).
     *
     * @param text the name
     * @return the mode, or null if there is none
     */
    public static Mode find(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Mode m : values()) {
            if (m.cliName.replace("-", "").equals(t)) {
                return m;
            }
        }
        return null;
    }
}
