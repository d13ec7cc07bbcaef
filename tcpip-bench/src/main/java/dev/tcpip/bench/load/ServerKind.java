package dev.tcpip.bench.load;

import java.util.Locale;

/**
 * The servers the load program compares, each run in a child JVM by {@link ServerMain}: (a) to (e) echo
 * or sink lines and structs, (f) and (g) echo length-prefixed frames, (h) to (j) echo or count UDP
 * datagrams.
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
    /** (h) This project's {@code DatagramServer} echo, {@code PayloadCodec.bytes()}: {@code reply.send(message, sender)}. */
    DATAGRAM("h", "DatagramServer echo (bytes)", true),
    /** (i) The same with {@code PayloadCodec.string()}: each datagram decoded as UTF-8, each echo encoded. */
    DATAGRAM_TEXT("i", "DatagramServer echo (String)", true),
    /** (j) Bare Vert.x: a {@code DatagramSocket} whose handler sends each packet's data back to its sender. */
    DATAGRAM_SOCKET("j", "bare Vert.x DatagramSocket echo", true);

    private final String letter;
    private final String label;
    private final boolean echo;

    ServerKind(String letter, String label, boolean echo) {
        this.letter = letter;
        this.label = label;
        this.echo = echo;
    }

    /**
     * @return the letter of the list: a to j
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
     * @return true for the echo servers (a), (b), (c), (f) to (j); false for the sinks
     */
    public boolean isEcho() {
        return echo;
    }

    /**
     * @return the name used on command lines: record, bytes, pull, struct, json, message, netty, datagram,
     *     datagram_text, datagram_socket
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
