package dev.tcpip.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run of the load program measured: per-round figures of each mode and server, the memory
 * floods, the start-up timings, and the errors (runs that gave no number).
 */
public final class Results {
    /** Ping-pong figure: round trips per second. */
    public static final String ROUND_TRIPS = "round trips/s";
    /** Ping-pong figure: median round-trip latency. */
    public static final String P50 = "p50 latency (µs)";
    /** Ping-pong figure: 99th percentile round-trip latency. */
    public static final String P99 = "p99 latency (µs)";
    /** Pipelined and JSON one-way figure. */
    public static final String LINES = "lines/s";
    /** Struct one-way figure. */
    public static final String STRUCTS = "structs/s";
    /** The server's read system calls per line or item (from /proc; a measure of batching). */
    public static final String READS = "server read calls/item";
    /** The server's write system calls per line or item (from /proc; a measure of write coalescing). */
    public static final String WRITES = "server write calls/item";
    /** The one-way client's (this process's) write system calls per item. */
    public static final String CLIENT_WRITES = "client write calls/item";
    /** Throughput in 10^6 bytes per second, one direction. */
    public static final String MBS = "MB/s";
    /** Frames mode: 64-byte frames per second, pipelined on one connection. */
    public static final String FRAMES_SMALL = "pipelined 64 B: frames/s";
    /** Frames mode: prefix of the 64-byte pipelined run's other figures. */
    public static final String SMALL_PREFIX = "pipelined 64 B: ";
    /** Frames mode: 64 KiB frames per second, pipelined on one connection. */
    public static final String FRAMES_LARGE = "pipelined 64 KiB: frames/s";
    /** Frames mode: payload MB/s of the 64 KiB frames, one direction. */
    public static final String FRAMES_LARGE_MBS = "pipelined 64 KiB: " + MBS;
    /** Frames mode: prefix of the ping-pong figures (one 64-byte frame at a time). */
    public static final String FRAME_PING_PREFIX = "ping-pong 64 B: ";
    /** Frames mode: round trips per second, one 64-byte frame at a time. */
    public static final String FRAME_ROUND_TRIPS = FRAME_PING_PREFIX + ROUND_TRIPS;
    /** Endpoints mode: messages per second, after a size prefix ("64 B: ", "1 KiB: "). */
    public static final String MESSAGES = "messages/s";
    /** Endpoints mode: read system calls per message of the whole process (both ends are in it). */
    public static final String PROCESS_READS = "read calls/message, both ends";
    /** Endpoints mode: write system calls per message of the whole process (both ends are in it). */
    public static final String PROCESS_WRITES = "write calls/message, both ends";
    /** Endpoints mode: CPU time of the receiver's event-loop thread per message (where both ends' work is counted apart). */
    public static final String RECEIVER_CPU = "receiver thread CPU (ns/message)";
    /** Endpoints mode: CPU time of the sender's event-loop thread per message, the producer's work included. */
    public static final String SENDER_CPU = "sender thread CPU (ns/message)";
    /** Endpoints mode, after {@link #restartPrefix}: from the new server listening to the first message it took. */
    public static final String RESTART_TO_FIRST = "restart to first message (ms)";
    /** Endpoints mode, after {@link #restartPrefix}: from the client noticing the loss to the new server listening. */
    public static final String DOWN = "loss to listening (ms)";
    /** Endpoints mode, after {@link #restartPrefix}: which retry of the client connected (1: the first). */
    public static final String RETRY = "retry that connected";
    /** Endpoints mode, after {@link #restartPrefix}: the client's delay before the attempt that connected. */
    public static final String DELAY_IN_EFFECT = "delay in effect (ms)";
    /** Endpoints mode, after {@link #restartPrefix}: the policy's delay for that retry, without jitter. */
    public static final String NOMINAL_DELAY = "nominal delay of that retry (ms)";
    /** Endpoints mode, after {@link #restartPrefix}: from the attempt that connected to the client's CONNECTED. */
    public static final String ATTEMPT_TO_CONNECTED = "attempt to connected (ms)";
    /** Endpoints mode, after {@link #restartPrefix}: how long the old server's close() took. */
    public static final String CLOSE = "server close (ms)";
    /**
     * Endpoints mode, after {@link #restartPrefix}: connections the client made to the old server while it
     * closed (its listener still accepted), before the one to the new server.
     */
    public static final String CLOSING_CONNECTIONS = "connections to the closing server";
    /** Endpoints mode, after {@link #restartPrefix}: from the client's CONNECTED to the first message taken. */
    public static final String CONNECTED_TO_FIRST = "connected to first message (ms)";

    /** Udp mode: the end of a round-trip rate's name. */
    public static final String UDP_ROUND_TRIPS = ROUND_TRIPS;
    /** Udp mode: the end of the figure of echoes that did not come in time during round trips. */
    public static final String UDP_LOST = "echoes lost";
    /** Udp mode: the end of a one-way figure: datagrams the server received per second. */
    public static final String UDP_RECEIVED = "received/s";
    /** Udp mode: the end of a one-way figure: datagrams the client sent per second. */
    public static final String UDP_SENT = "sent/s";
    /** Udp mode: the end of a one-way figure: the datagrams sent that the server never received, in per cent. */
    public static final String UDP_LOSS = "loss %";
    /** Udp mode: the end of the figure of the server's CPU time (every thread of its JVM) per datagram received. */
    public static final String UDP_CPU = "server CPU µs/datagram";

    /** Cluster mode: the prefix of the figures of the windowed fan-out runs. */
    public static final String FANOUT_PREFIX = "fan-out: ";
    /** Cluster mode: the prefix of the figures of the runs with one message at a time. */
    public static final String ONE_AT_A_TIME_PREFIX = "one at a time: ";
    /** Cluster mode: messages per second taken by the subscriber, with a window of unacknowledged messages. */
    public static final String FANOUT_MESSAGES = FANOUT_PREFIX + "messages/s";
    /** Cluster mode, after a prefix: one-way latency from the publisher's wall clock to the subscriber's, p50. */
    public static final String ONE_WAY_P50 = "one-way " + P50;
    /** Cluster mode, after a prefix: one-way latency, p99. */
    public static final String ONE_WAY_P99 = "one-way " + P99;
    /** Cluster mode, after a prefix: from a message sent to its acknowledgement back on the publisher's node, p50. */
    public static final String ROUND_TRIP_P50 = "round-trip " + P50;
    /** Cluster mode, after a prefix: the same round trip, p99. */
    public static final String ROUND_TRIP_P99 = "round-trip " + P99;
    /**
     * Cluster mode, after a prefix: the CPU time of the publishing node's one event-loop thread per message (the
     * relay's reading, converting and publishing, or the bare publisher's; and both write to the subscriber).
     */
    public static final String LOOP_CPU = "node event loop CPU (µs/message)";
    /** Cluster mode, after a prefix: the CPU time of the publishing JVM (every thread) per message. */
    public static final String PUBLISHER_CPU = "publisher JVM CPU (µs/message)";
    /** Cluster mode, after a prefix: the CPU time of the subscriber's JVM (every thread) per message. */
    public static final String SUBSCRIBER_CPU = "subscriber JVM CPU (µs/message)";
    /** Cluster mode, after a prefix: the write system calls of the publishing JVM per message (a measure of batching). */
    public static final String PUBLISHER_WRITES = "publisher JVM write calls/message";
    /** Cluster mode, after a prefix: the read system calls of the subscriber's JVM per message. */
    public static final String SUBSCRIBER_READS = "subscriber JVM read calls/message";

    /**
     * @param bytes a datagram's size
     * @return "64 B" or "1 KiB"
     */
    public static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    /**
     * @param bytes  the datagram's size
     * @param figure {@link #UDP_ROUND_TRIPS}, {@link #P50}, {@link #P99}, {@link #UDP_LOST} or {@link #UDP_CPU}
     * @return the udp mode's round-trip figure of that size, e.g. "ping-pong 64 B: round trips/s"
     */
    public static String udpPing(int bytes, String figure) {
        return "ping-pong " + size(bytes) + ": " + figure;
    }

    /**
     * @param bytes  the datagram's size
     * @param figure {@link #UDP_RECEIVED}, {@link #UDP_SENT}, {@link #UDP_LOSS} or {@link #UDP_CPU}
     * @return the udp mode's one-way figure of that size, e.g. "one-way 64 B: received/s"
     */
    public static String udpOneWay(int bytes, String figure) {
        return "one-way " + size(bytes) + ": " + figure;
    }

    /** The per-round values of one figure of one server in one mode. */
    public static final class Series {
        private final Mode mode;
        private final ServerKind kind;
        private final String figure;
        private final List<Double> values = new ArrayList<>();

        Series(Mode mode, ServerKind kind, String figure) {
            this.mode = mode;
            this.kind = kind;
            this.figure = figure;
        }

        /** @return the mode */
        public Mode mode() {
            return mode;
        }

        /** @return the server */
        public ServerKind kind() {
            return kind;
        }

        /** @return the figure's name, unit included */
        public String figure() {
            return figure;
        }

        /** @return the values, one per measured round, in round order */
        public List<Double> values() {
            return Collections.unmodifiableList(values);
        }

        /** @return the median of the values */
        public double median() {
            return Stats.median(values);
        }
    }

    /** One memory flood: what the server took and what it cost it. */
    public static final class MemoryRow {
        final ServerKind kind;
        final long accepted;
        final long length;
        final String outcome;
        final double mbPerSecond;
        final long peakUsed;
        final long peakAfterGc;
        final long peakRss;
        final long maxHeap;
        final boolean survived;

        /**
         * @param kind        the server
         * @param accepted    bytes the flood got written
         * @param length      bytes the flood would have written
         * @param outcome     "stalled (backpressure)", "all read, checked", ...
         * @param mbPerSecond the rate of the accepted bytes, in 10^6 bytes per second
         * @param peakUsed    the child's peak heap in use, bytes (-1 if unknown)
         * @param peakAfterGc the child's peak heap after a collection, bytes (-1 if unknown)
         * @param peakRss     the child's peak resident set, bytes (-1 if unknown)
         * @param maxHeap     the child's heap cap, bytes (-1 if unknown)
         * @param survived    whether the child was alive and answering afterwards
         */
        public MemoryRow(ServerKind kind, long accepted, long length, String outcome, double mbPerSecond,
                         long peakUsed, long peakAfterGc, long peakRss, long maxHeap, boolean survived) {
            this.kind = kind;
            this.accepted = accepted;
            this.length = length;
            this.outcome = outcome;
            this.mbPerSecond = mbPerSecond;
            this.peakUsed = peakUsed;
            this.peakAfterGc = peakAfterGc;
            this.peakRss = peakRss;
            this.maxHeap = maxHeap;
            this.survived = survived;
        }

        /** @return true if the flood stopped short of its length (backpressure held) */
        boolean stalled() {
            return accepted < length;
        }
    }

    /**
     * @param clients the number of clients
     * @return the frames mode's figure of that many clients pipelining 64-byte frames: total frames/s
     */
    public static String clientsFrames(int clients) {
        return clients + " clients, pipelined 64 B: frames/s";
    }

    /**
     * @param initialDelayMillis the client's reconnect policy's initial delay
     * @param gapMillis          how long the server stayed closed before it was started again
     * @return the prefix of the endpoints mode's restart figures for that policy and gap, e.g.
     *     "restart, delay 50 ms, down 100 ms: "
     */
    public static String restartPrefix(long initialDelayMillis, long gapMillis) {
        return "restart, delay " + initialDelayMillis + " ms, down " + gapMillis + " ms: ";
    }

    private final Map<String, Series> series = new LinkedHashMap<>();
    private final List<MemoryRow> memory = new ArrayList<>();
    private final Map<String, List<Double>> startup = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final Map<String, double[]> codec = new LinkedHashMap<>();

    /**
     * Records one round's value of a figure.
     *
     * @param mode   the mode
     * @param kind   the server
     * @param figure the figure's name (one of this class's constants)
     * @param value  the value
     */
    public void add(Mode mode, ServerKind kind, String figure, double value) {
        series.computeIfAbsent(key(mode, kind, figure), k -> new Series(mode, kind, figure)).values.add(value);
    }

    /**
     * @param mode   the mode
     * @param kind   the server
     * @param figure the figure
     * @return its series, or null if nothing was recorded
     */
    public Series series(Mode mode, ServerKind kind, String figure) {
        return series.get(key(mode, kind, figure));
    }

    /** @return every series, in the order they were first recorded */
    public List<Series> allSeries() {
        return new ArrayList<>(series.values());
    }

    private static String key(Mode mode, ServerKind kind, String figure) {
        return mode + "|" + kind + "|" + figure;
    }

    /**
     * @param row a memory flood's result
     */
    public void memory(MemoryRow row) {
        memory.add(row);
    }

    /** @return the memory floods, in order */
    public List<MemoryRow> memoryRows() {
        return Collections.unmodifiableList(memory);
    }

    /**
     * Records one start-up timing.
     *
     * @param program the program's label
     * @param millis  milliseconds from process start to its "running on port" line
     */
    public void startup(String program, double millis) {
        startup.computeIfAbsent(program, k -> new ArrayList<>()).add(millis);
    }

    /** @return the start-up timings per program */
    public Map<String, List<Double>> startupTimes() {
        return Collections.unmodifiableMap(startup);
    }

    /**
     * Records one JMH benchmark's result.
     *
     * @param benchmark the benchmark method's name, e.g. "decodeJavolution"
     * @param nanos     its score, nanoseconds per operation
     * @param error     its 99.9 % confidence half-width, nanoseconds (NaN if unknown)
     */
    public void codec(String benchmark, double nanos, double error) {
        codec.put(benchmark, new double[] {nanos, error});
    }

    /** @return the JMH results: benchmark name to {nanoseconds per operation, error} */
    public Map<String, double[]> codecResults() {
        return Collections.unmodifiableMap(codec);
    }

    /**
     * Records a run that gave no number.
     *
     * @param message what failed, and where
     */
    public void error(String message) {
        errors.add(message);
    }

    /** @return the errors, in order */
    public List<String> errors() {
        return Collections.unmodifiableList(errors);
    }
}
