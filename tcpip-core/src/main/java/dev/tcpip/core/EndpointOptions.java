package dev.tcpip.core;

import dev.tcpip.core.codec.TextCodec;
import dev.tcpip.core.framing.Framing;
import dev.tcpip.core.framing.Framings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Options every client and server shares: Python's keyword arguments {@code name}, {@code encoding},
 * {@code terminator}, {@code monitor_connection_interval} and the stream {@code limit}.
 * Setters validate at once and throw {@link IllegalArgumentException} for bad values.
 *
 * <p>JSON form (also what {@link #toJson()} writes): {@code name}, {@code encoding},
 * {@code terminator} (a string, one character per byte, ISO-8859-1), {@code monitorConnectionInterval}
 * (seconds, a number), {@code maxLineLength} (bytes) and {@code framing} (the framing of
 * {@code readFrame}/{@code writeFrame}, in {@link Framings}' JSON form; absent means lines through the
 * terminator).
 *
 * @param <S> the concrete options type, returned by the fluent setters
 */
public abstract class EndpointOptions<S extends EndpointOptions<S>> {
    private String name = "";
    private TextCodec encoding = TextCodec.UTF8;
    private byte[] terminator = Tcpip.DEFAULT_TERMINATOR.getBytes(StandardCharsets.ISO_8859_1);
    private Duration monitorConnectionInterval = Tcpip.DEFAULT_MONITOR_CONNECTION_INTERVAL;
    private int maxLineLength = Tcpip.DEFAULT_MAX_LINE_LENGTH;
    /** The framing of readFrame and writeFrame; null means lines through the terminator. */
    private Framing<Buffer> framing;

    /** Options with every default. */
    protected EndpointOptions() {
    }

    /**
     * Copies the shared fields.
     *
     * @param other the options to copy
     */
    protected EndpointOptions(EndpointOptions<?> other) {
        this.name = other.name;
        this.encoding = other.encoding;
        this.terminator = other.terminator.clone();
        this.monitorConnectionInterval = other.monitorConnectionInterval;
        this.maxLineLength = other.maxLineLength;
        this.framing = other.framing;
    }

    /**
     * Reads the shared fields from JSON; absent keys keep their defaults.
     *
     * @param json the JSON form
     * @throws IllegalArgumentException for an invalid value
     */
    protected EndpointOptions(JsonObject json) {
        // Fields are assigned through the same private checks the setters use, never through the
        // (overridable) setters: a subclass's override must not run before the subclass is initialized.
        this.name = checkName(json.getString("name", name));
        this.encoding = TextCodec.forName(json.getString("encoding", encoding.charset().name()));
        if (json.containsKey("terminator")) {
            this.terminator = terminatorBytes(json.getString("terminator"));
        }
        if (json.containsKey("monitorConnectionInterval")) {
            this.monitorConnectionInterval = checkMonitorConnectionInterval(
                seconds(json.getNumber("monitorConnectionInterval")));
        }
        this.maxLineLength = checkMaxLineLength(json.getInteger("maxLineLength", maxLineLength));
        JsonObject framingJson = json.getJsonObject("framing");
        this.framing = framingJson == null ? null : Framings.fromJson(framingJson);
    }

    /**
     * Converts a JSON number of seconds to a duration, to the nearest nanosecond.
     *
     * @param seconds a number of seconds, possibly fractional, or null
     * @return the duration, or null
     */
    protected static Duration seconds(Number seconds) {
        return seconds == null ? null : Duration.ofNanos(Math.round(seconds.doubleValue() * 1e9));
    }

    /**
     * Converts a duration to seconds for the JSON form.
     *
     * @param duration a duration
     * @return it in seconds
     */
    protected static double toSeconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /**
     * {@return this object as its concrete options type, which the fluent setters return}
     */
    @SuppressWarnings("unchecked")
    protected final S self() {
        return (S) this;
    }

    /**
     * {@return the name used in log messages; empty by default}
     */
    public String getName() {
        return name;
    }

    /**
     * Sets the name that log messages and exception messages give this endpoint.
     *
     * @param name the name used in log messages
     * @return this
     */
    public S setName(String name) {
        this.name = checkName(name);
        return self();
    }

    private static String checkName(String name) {
        return Objects.requireNonNull(name, "name");
    }

    /**
     * {@return the text encoding's codec; UTF-8 by default}
     */
    public TextCodec getTextCodec() {
        return encoding;
    }

    /**
     * {@return the text encoding's name}
     */
    public String getEncoding() {
        return encoding.charset().name();
    }

    /**
     * Sets the encoding of the text that {@code writeStr}, {@code readStr} and the JSON methods write and
     * read; UTF-8 by default. Encoding and decoding are strict: bad text fails the call instead of being
     * replaced.
     *
     * @param encoding an encoding name known to the JVM ("utf-8", "UTF-16", "latin-1" ...)
     * @return this
     * @throws IllegalArgumentException for a null or unknown encoding
     */
    public S setEncoding(String encoding) {
        this.encoding = TextCodec.forName(encoding);
        return self();
    }

    /**
     * {@return a copy of the terminator bytes; {@code \r\n} by default}
     */
    public Buffer getTerminator() {
        return Buffer.buffer(terminator.clone());
    }

    /**
     * Sets the bytes that end a line; the buffer is copied.
     *
     * @param terminator the bytes that end each line written by {@code writeStr} and read by {@code readStr}
     * @return this
     * @throws IllegalArgumentException if null or empty
     */
    public S setTerminator(Buffer terminator) {
        if (terminator == null || terminator.length() == 0) {
            throw new IllegalArgumentException("terminator must be a non-empty byte sequence");
        }
        this.terminator = terminator.getBytes();
        return self();
    }

    /**
     * Sets the bytes that end a line, given as text with one character per byte.
     *
     * @param terminator the terminator as a string of one character per byte (ISO-8859-1), e.g. "\r\n"
     * @return this
     * @throws IllegalArgumentException if null, empty, or a character is above U+00FF
     */
    public S setTerminator(String terminator) {
        return setTerminator(Buffer.buffer(terminatorBytes(terminator)));
    }

    private static byte[] terminatorBytes(String terminator) {
        if (terminator == null || terminator.isEmpty()) {
            throw new IllegalArgumentException("terminator must be a non-empty byte sequence");
        }
        if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(terminator)) {
            throw new IllegalArgumentException("terminator string must have one byte per character (U+0000..U+00FF)");
        }
        return terminator.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * {@return the connection monitor's interval; 0.1 s by default}
     */
    public Duration getMonitorConnectionInterval() {
        return monitorConnectionInterval;
    }

    /**
     * With a positive interval the endpoint watches its connection and fires the connect callback as soon
     * as a dropped peer is seen (this port watches socket events rather than polling, so the callback comes
     * at once, never later than one interval). Zero or negative: no monitor; a drop is seen by the next read,
     * close, or (on a server) the next client.
     *
     * @param interval the interval
     * @return this
     */
    public S setMonitorConnectionInterval(Duration interval) {
        this.monitorConnectionInterval = checkMonitorConnectionInterval(interval);
        return self();
    }

    private static Duration checkMonitorConnectionInterval(Duration interval) {
        return Objects.requireNonNull(interval, "interval");
    }

    /**
     * {@return the line limit, in bytes, delimiter excluded; 64 KiB by default}
     */
    public int getMaxLineLength() {
        return maxLineLength;
    }

    /**
     * A delimited read that sees no delimiter within this many bytes fails with
     * {@link LineTooLongException}. The limit is per line, never on what is buffered.
     *
     * @param maxLineLength the limit, in bytes (&gt; 0)
     * @return this
     * @throws IllegalArgumentException if not positive
     */
    public S setMaxLineLength(int maxLineLength) {
        this.maxLineLength = checkMaxLineLength(maxLineLength);
        return self();
    }

    private static int checkMaxLineLength(int maxLineLength) {
        if (maxLineLength <= 0) {
            throw new IllegalArgumentException("maxLineLength must be > 0, got " + maxLineLength);
        }
        return maxLineLength;
    }

    /**
     * {@return the framing of {@code readFrame} and {@code writeFrame}; null (the default) means lines
     *     through the terminator, terminator excluded, at most {@link #getMaxLineLength()} bytes}
     */
    public Framing<Buffer> getFraming() {
        return framing;
    }

    /**
     * Sets the framing of the endpoint's {@code readFrame} and {@code writeFrame}, such as
     * {@code LengthPrefixed.of(4, ByteOrder.BIG_ENDIAN, 1 << 20)}.
     *
     * @param framing the framing, or null for lines through the terminator
     * @return this
     */
    public S setFraming(Framing<Buffer> framing) {
        this.framing = framing;
        return self();
    }

    /**
     * {@return the JSON form of these options}
     *
     * @throws IllegalArgumentException if the framing is not a built-in one (it has no JSON form)
     */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
            .put("name", name)
            .put("encoding", getEncoding())
            .put("terminator", new String(terminator, StandardCharsets.ISO_8859_1))
            .put("monitorConnectionInterval", toSeconds(monitorConnectionInterval))
            .put("maxLineLength", maxLineLength);
        if (framing != null) {
            json.put("framing", Framings.toJson(framing));
        }
        return json;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + toJson().encode();
    }
}
