package dev.tcpip.core;

import dev.tcpip.core.codec.JsonCodec;
import dev.tcpip.core.codec.TextCodec;
import dev.tcpip.core.framing.Delimited;
import dev.tcpip.core.framing.ExactLength;
import dev.tcpip.core.framing.Framing;
import dev.tcpip.core.framing.UpTo;
import dev.tcpip.core.stream.StreamWriter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.Charset;
import java.util.function.Function;

/**
 * The read and write API of a {@link Client} and a {@link OneClientServer}: Python's stream reads and
 * writes, text lines, JSON and frames, each delegated to the endpoint's current {@link Connection}.
 *
 * <p><b>Lifetime and threading</b> are {@link Endpoint}'s: a verticle that starts once; every method may
 * be called from any thread and every returned future completes on the endpoint's context. From a Java 21+
 * virtual-thread verticle, {@code endpoint.readStr().await()} reads like asyncio; from an event-loop
 * verticle, compose the futures ({@code await()} throws on an event-loop thread).
 *
 * <p><b>Reads</b> are served in the order they are asked for, whatever their framing. {@link #read(int)}
 * and {@link #readLine()} return what is left at end of stream; {@link #readExactly(int)},
 * {@link #readUntil(Buffer)}, {@link #readStr()} and {@link #readJson()} fail there with
 * {@link IncompleteReadException}, after closing the connection and firing the connect callback. With no
 * connection at all, reads and writes fail with {@link NotConnectedException}.
 */
public abstract class BaseClientOrServer extends OneConnectionEndpoint {
    private final TextCodec codec;
    private final byte[] terminator;
    /** Lines through the terminator, which is kept (readStr strips it), at most the line limit. */
    private final Delimited lineFraming;
    /** Python's readline(): through "\n", kept, the partial line at end of stream. */
    private final Delimited newlineFraming;
    /** The framing of readFrame and writeFrame. */
    private final Framing<Buffer> frameFraming;

    /**
     * Creates an endpoint that takes its name, encoding, terminator, line limit and connection monitor from
     * the options; it does nothing until deployed.
     *
     * @param options  the shared options (validated by their setters)
     * @param callback the connect callback, or null; called with this endpoint
     */
    protected BaseClientOrServer(EndpointOptions<?> options, ConnectCallback<?> callback) {
        super(options, callback);
        this.codec = options.getTextCodec();
        this.terminator = options.getTerminator().getBytes();
        this.lineFraming = Delimited.of(Buffer.buffer(terminator), options.getMaxLineLength()).withDelimiterKept();
        this.newlineFraming = Delimited.of(Buffer.buffer("\n"), options.getMaxLineLength()).withDelimiterKept().withPartialAtEnd();
        this.frameFraming = options.getFraming() != null ? options.getFraming()
            : Delimited.of(Buffer.buffer(terminator), options.getMaxLineLength());
    }

    /**
     * {@return the text encoding}
     */
    public Charset encoding() {
        return codec.charset();
    }

    /**
     * {@return a copy of the line terminator}
     */
    public Buffer terminator() {
        return Buffer.buffer(terminator.clone());
    }

    // ---------------------------------------------------------------- reads

    private <T> Future<T> readOp(String what, Framing<T> framing) {
        return onContext(() -> {
            Connection c = connection();
            if (c == null) {
                return Future.failedFuture(notConnected(what));
            }
            return afterRead(c, what, c.read(framing));
        });
    }

    /**
     * Reads one frame in the given framing, in order with every other read (one queue serves them all). At
     * end of stream a read that fails with {@link IncompleteReadException} closes the connection first, as
     * {@link #readExactly(int)} does.
     *
     * <pre>{@code
     * LengthPrefixed frames = LengthPrefixed.of(4, ByteOrder.BIG_ENDIAN, 1 << 20);
     * endpoint.read(frames).onSuccess(body -> ...);   // a 4-byte big-endian length, then the body
     * }</pre>
     *
     * @param framing how the bytes are cut into frames (see {@link dev.tcpip.core.framing})
     * @param <T>     the frame type
     * @return the frame; fails as the framing says ({@link dev.tcpip.core.framing.FrameLengthException},
     *     {@link LineTooLongException}, {@link IncompleteReadException}), or with {@link NotConnectedException}
     */
    public <T> Future<T> read(Framing<T> framing) {
        if (framing == null) {
            return Future.failedFuture(new IllegalArgumentException("framing must not be null"));
        }
        return readOp("read", framing);
    }

    /**
     * Reads one frame in the endpoint's framing ({@link EndpointOptions#setFraming}; by default a line
     * through the terminator, without it).
     *
     * @return the frame; fails as {@link #read(Framing)} does
     */
    public Future<Buffer> readFrame() {
        return readOp("readFrame", frameFraming);
    }

    /**
     * Writes one frame in the endpoint's framing: a length-prefixed frame gets its length header, a line
     * its terminator.
     *
     * @param frame the frame's bytes
     * @return as {@link #write(Framing, Object)}
     */
    public Future<Void> writeFrame(Buffer frame) {
        return write(frameFraming, frame);
    }

    /**
     * Writes one frame in the given framing: {@link Framing#encode(Object)}, then {@link #write(Buffer)}.
     *
     * @param framing the framing
     * @param frame   the frame
     * @param <T>     the frame type
     * @return as {@link #write(Buffer)}; fails with {@link IllegalArgumentException} if the framing cannot
     *     encode the frame (too long, say)
     */
    public <T> Future<Void> write(Framing<T> framing, T frame) {
        Buffer data;
        try {
            data = framing.encode(frame);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return write(data);
    }

    /**
     * Python's {@code read(n)}: up to {@code n} bytes, as soon as any are there.
     *
     * @param n the most bytes to return (&gt;= 0)
     * @return the bytes; empty at end of stream (which does not close the connection)
     */
    public Future<Buffer> read(int n) {
        if (n < 0) {
            return Future.failedFuture(new IllegalArgumentException("byte count must be >= 0, got " + n));
        }
        return readOp("read", UpTo.of(n));
    }

    /**
     * Python's {@code readexactly(n)}.
     *
     * @param n the number of bytes (&gt;= 0)
     * @return the bytes; fails with {@link IncompleteReadException} at end of stream
     */
    public Future<Buffer> readExactly(int n) {
        if (n < 0) {
            return Future.failedFuture(new IllegalArgumentException("byte count must be >= 0, got " + n));
        }
        return readOp("readExactly", ExactLength.of(n));
    }

    /**
     * Python's {@code readuntil(separator)}: the bytes through the separator, which is included.
     *
     * @param separator a non-empty byte sequence
     * @return the bytes; fails with {@link IncompleteReadException} at end of stream, or
     *     {@link LineTooLongException} past the line limit
     */
    public Future<Buffer> readUntil(Buffer separator) {
        if (separator == null || separator.length() == 0) {
            return Future.failedFuture(new IllegalArgumentException("separator must be a non-empty byte sequence"));
        }
        // The framing copies the separator now: the read may run later, after the caller changed its buffer.
        return readOp("readUntil", Delimited.of(separator, maxLineLength()).withDelimiterKept());
    }

    /**
     * Python's {@code readline()}: the bytes through the next {@code \n} (not the terminator), included.
     *
     * @return the line; at end of stream the partial line, or empty
     */
    public Future<Buffer> readLine() {
        return readOp("readLine", newlineFraming);
    }

    /**
     * Python's {@code read_str()}: reads through the terminator, strips it, and decodes strictly.
     *
     * @return the text; fails with {@link IncompleteReadException}, {@link LineTooLongException}, or
     *     {@link TextDecodeException} (the line is consumed and the connection stays usable)
     */
    public Future<String> readStr() {
        int tlen = terminator.length;
        return mapNow(readOp("readStr", lineFraming), line -> codec.decode(line, 0, line.length() - tlen));
    }

    /**
     * Python's {@code read_json()}: one line of JSON (see {@link JsonCodec} for what is accepted).
     *
     * @return the value: JsonObject, JsonArray, String, Number, Boolean or null; fails with
     *     {@link JsonLineDecodeException} (message has the line; the line is consumed, the connection
     *     stays usable) or the errors of {@link #readStr()}
     */
    public Future<Object> readJson() {
        // Parsing an ASCII line from its bytes measured no faster than from the decoded String (JMH,
        // docs/performance.md), so there is one path, the strict one.
        return mapNow(readStr(), JsonCodec::decode);
    }

    /**
     * {@code future.map(mapper)}, computed at once when the future is already complete: Vert.x's map would
     * allocate and complete one more future (under a lock) for every line read from buffered bytes.
     */
    private static <T, U> Future<U> mapNow(Future<T> future, Function<? super T, U> mapper) {
        if (!future.isComplete()) {
            return future.map(mapper);
        }
        if (future.failed()) {
            return Future.failedFuture(future.cause());
        }
        try {
            return Future.succeededFuture(mapper.apply(future.result()));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    // ---------------------------------------------------------------- writes

    /**
     * Python's {@code write(data)} followed by {@code await drain()}: the bytes are queued behind every
     * earlier write, and the future completes at once while the socket's write queue is below its
     * high-water mark, or once it has drained (a peer that does not read holds the writer back here).
     * Small writes made in one turn of the event loop go out together, in order (see {@link StreamWriter}).
     * Do not change {@code data} after the call: it may be sent as it is.
     *
     * @param data the bytes, sent as they are
     * @return a future completed as above; fails with {@link NotConnectedException} when not connected or
     *     when the connection closes while waiting, or with the socket's error after a failed write
     */
    public Future<Void> write(Buffer data) {
        return onContext(() -> {
            Connection c = connection();
            if (c == null || !connected()) {
                return Future.failedFuture(notConnected("write"));
            }
            return c.write(data);
        });
    }

    /**
     * Python's {@code writelines(lines)}: the buffers back to back in one write, nothing added.
     *
     * @param lines the buffers
     * @return as {@link #write(Buffer)}
     */
    public Future<Void> writeLines(Iterable<Buffer> lines) {
        Buffer all = Buffer.buffer();
        for (Buffer line : lines) {
            all.appendBuffer(line);
        }
        return write(all);
    }

    /**
     * Python's {@code write_str(s)}: the text encoded strictly, then the terminator, in one write.
     *
     * @param text the text
     * @return as {@link #write(Buffer)}; fails with {@link IllegalArgumentException} if the text cannot
     *     be encoded
     */
    public Future<Void> writeStr(String text) {
        Buffer data;
        try {
            data = codec.encode(text).appendBytes(terminator);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return write(data);
    }

    /**
     * Python's {@code write_json(obj)}: the value as one line of JSON (see {@link JsonCodec}).
     *
     * @param value JsonObject, JsonArray, Map, List, String, Number, Boolean or null
     * @return as {@link #writeStr(String)}; fails with {@code EncodeException} for a value JSON cannot hold
     */
    public Future<Void> writeJson(Object value) {
        if (codec.isAsciiCompatible()) {
            // The JSON text is ASCII, the same bytes in this encoding: write them without a String.
            Buffer line;
            try {
                line = JsonCodec.encodeTo(value, Buffer.buffer(128)).appendBytes(terminator);
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
            return write(line);
        }
        String text;
        try {
            text = JsonCodec.encode(value);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return writeStr(text);
    }
}
