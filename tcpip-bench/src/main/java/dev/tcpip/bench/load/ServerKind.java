package dev.tcpip.bench.load;

import java.util.Locale;

/**
 * The servers the load program compares: (a) to (e) echo or sink lines and structs, (f) and (g) echo
 * length-prefixed frames, (k) to (m) echo or count UDP datagrams, each run in a child JVM by
 * {@link ServerMain}; (h), (i) and (j) are sender/receiver pairs of the endpoints mode, both ends in the load
 * program's own JVM, and (n) and (o) the publishers of the cluster mode, in the load program's JVM, whose
 * subscriber is a child of its own ({@link ClusterSubscriberMain}) ({@link #inProcess()}). Letters are unique across modes: {@link #parse} and
 * {@code --only} take them.
 */
public enum ServerKind {
    /** (a) Bare Vert.x: a NetServer with {@code RecordParser.newDelimited("\r\n")}, one write per record. */
    RECORD("a", "bare RecordParser echo", true),
    /** (b) Bare Vert.x: every buffer written back as it comes, with {@code socket.pipeTo(socket)}. */
    BYTES("b", "bare byte echo (pipeTo)", true),
    /** (c) This project's {@code dev.tcpip.echo.EchoServer}: {@code readUntil} then {@code write}. */
    PULL("c", "pull-API EchoServer", true),
    /** (d) A one-way sink reading {@code Sample32} structs with {@code Structs.readInto}. */
    STRUCT("d", "struct sink (readInto)", false),
    /** (e) A one-way sink reading JSON lines with {@code readJson()}. */
    JSON("e", "JSON sink (readJson)", false),
    /** (f) This project's {@code MessageListener} frame echo: {@code s.handler(s::send)}, {@code PayloadCodec.bytes()}. */
    MESSAGE("f", "MessageListener frame echo", true),
    /** (g) Raw Netty: {@code LengthFieldBasedFrameDecoder} + {@code LengthFieldPrepender}, one flush per read burst. */
    NETTY("g", "raw Netty frame echo", true),
    /** (h) This project's queue endpoints: a {@code ClientSender} sending to a {@code ServerReceiver}, in this JVM. */
    QUEUE("h", "queue endpoints (ClientSender to ServerReceiver)", false),
    /** (i) Raw Vert.x: a {@code NetClient} writing lines to a {@code NetServer} with a {@code RecordParser}, in this JVM. */
    VERTX("i", "raw Vert.x line pair (NetClient to RecordParser)", false),
    /**
     * (j) The raw Vert.x pair of (i) whose sender gathers its lines into 64 KiB writes itself: not the issue's
     * baseline but a ceiling, what a sender with no queue that batched its own writes would do.
     */
    GATHERED("j", "raw Vert.x lines, 64 KiB writes (a ceiling)", false),
    /** (k) This project's {@code DatagramServer} echo, {@code PayloadCodec.bytes()}: {@code reply.send(message, sender)}. */
    DATAGRAM("k", "DatagramServer echo (bytes)", true),
    /** (l) The same with {@code PayloadCodec.string()}: each datagram decoded as UTF-8, each echo encoded. */
    DATAGRAM_TEXT("l", "DatagramServer echo (String)", true),
    /** (m) Bare Vert.x: a {@code DatagramSocket} whose handler sends each packet's data back to its sender. */
    DATAGRAM_SOCKET("m", "bare Vert.x DatagramSocket echo", true),
    /**
     * (n) Cluster fan-out through this project's relay: an in-process controller speaking the mock controller's
     * protocol sends telemetry to a {@code StructRelay} (with {@code MockControllerCodec}) on this JVM's
     * clustered node, which publishes it; the subscriber is on another JVM.
     */
    RELAY("n", "StructRelay fan-out (controller, relay, clustered bus)", false),
    /**
     * (o) Bare Vert.x: this JVM's clustered node publishes the same {@code {"seq", "body"}} JSON with
     * {@code eventBus().publish}; the same subscriber on another JVM.
     */
    BUS("o", "bare clustered event bus publish", false);

    private final String letter;
    private final String label;
    private final boolean echo;

    ServerKind(String letter, String label, boolean echo) {
        this.letter = letter;
        this.label = label;
        this.echo = echo;
    }

    /**
     * @return the letter of the list: a to o
     */
    public String letter() {
        return letter;
    }

    /**
     * @return a short description for tables
     */
    public String label() {
        return label;
    }

    /**
     * @return "(a) bare RecordParser echo" and so on
     */
    public String title() {
        return "(" + letter + ") " + label;
    }

    /**
     * @return true for the echo servers (a), (b), (c), (f), (g), (k) to (m); false for the sinks and the pairs
     */
    public boolean isEcho() {
        return echo;
    }

    /**
     * @return true for (h), (i) and (j), whose two ends run in the load program's JVM, and for (n) and (o),
     *     whose publishers do: never a {@link ServerMain} child
     */
    public boolean inProcess() {
        return this == QUEUE || this == VERTX || this == GATHERED || this == RELAY || this == BUS;
    }

    /**
     * @return the name used on command lines: record, bytes, pull, struct, json, message, netty, queue, vertx,
     *     gathered, datagram, datagram_text, datagram_socket, relay, bus
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds a kind by letter or by command-line name, ignoring case.
     *
     * @param text "a" or "record", "b" or "bytes", and so on
     * @return the kind
     * @throws IllegalArgumentException if there is none
     */
    public static ServerKind parse(String text) {
        for (ServerKind k : values()) {
            if (k.letter.equalsIgnoreCase(text) || k.cliName().equalsIgnoreCase(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown server: " + text);
    }
}
