package dev.tcpip.core;

import dev.tcpip.core.framing.Framing;
import dev.tcpip.core.internal.VertxInternals;
import dev.tcpip.core.stream.InboundStream;
import dev.tcpip.core.stream.StreamReader;
import dev.tcpip.core.stream.StreamWriter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;

/**
 * One accepted or dialled socket with its reader and its writer, and its end: the unit an endpoint holds.
 * Made by the endpoint when the socket connects; immutable; ended once, by {@link #close(Throwable)}.
 *
 * <p>Reads of any framing are served in order by one queue ({@link #read(Framing)}); writes made during
 * one turn of the event loop are flushed together ({@link #write(Buffer)}). Call its methods on the
 * endpoint's context, as the endpoints do; {@link #end()}, {@link #remoteAddress()} and
 * {@link #localAddress()} may be called from anywhere.
 */
public final class Connection {
    private final NetSocket socket;
    private final StreamReader reader;
    private final StreamWriter writer;
    private final Promise<Void> end = Promise.promise();
    private boolean closing;

    private Connection(NetSocket socket, StreamReader reader, StreamWriter writer) {
        this.socket = socket;
        this.reader = reader;
        this.writer = writer;
    }

    /**
     * Takes over a freshly connected socket. Call on its context, from the connect handler, before it
     * returns, or data that arrives first is lost.
     *
     * @param socket        the socket
     * @param maxLineLength the line limit of delimited reads, delimiter excluded
     * @param context       the endpoint's context, where writes complete
     * @return the connection
     */
    public static Connection open(NetSocket socket, int maxLineLength, Context context) {
        VertxInternals.keepReadingAfterAWriteError(socket);
        StreamReader reader = new StreamReader(socket, maxLineLength);
        StreamWriter writer = new StreamWriter(socket, context);
        writer.onWriteError(reader::connectionFailed);
        return new Connection(socket, reader, writer);
    }

    /**
     * True while the peer's end of stream has not been seen, or unread data remains, and the connection has
     * not failed (after a reset it is closing, as in Python, even with unread data) nor been closed here.
     *
     * @return whether the connection is usable
     */
    public boolean isOpen() {
        return !closing && !reader.atEof() && !reader.endedInError();
    }

    /**
     * Reads one frame, after every read asked for before it.
     *
     * @param framing how the bytes are cut into frames
     * @param <T>     the frame type
     * @return the frame, or the framing's failure
     */
    public <T> Future<T> read(Framing<T> framing) {
        return reader.read(framing);
    }

    /**
     * Queues bytes behind every earlier write; see {@link StreamWriter#write(Buffer)}.
     *
     * @param data the bytes, sent as they are
     * @return completed at once below the write queue's high-water mark, else once it has drained
     */
    public Future<Void> write(Buffer data) {
        return writer.write(data);
    }

    /**
     * The connection's inbound bytes as a push-style Vert.x stream, with backpressure, for code written the
     * Vert.x way: {@code RecordParser.newDelimited("\r\n", connection.inbound())}. Bytes come after those of
     * any read asked for before; pausing the stream pauses the socket once the reader's read-ahead is full.
     * Call on the endpoint's context, once per connection, and read the connection no other way meanwhile.
     *
     * @return a new stream over this connection's bytes
     */
    public ReadStream<Buffer> inbound() {
        return new InboundStream(reader);
    }

    /**
     * {@return the number of received bytes no read has taken yet}
     */
    public int bufferedBytes() {
        return reader.available();
    }

    /**
     * {@return the error the connection ended in (a reset), or null while it has not, or when it ended
     *     normally}
     */
    public Throwable failure() {
        return reader.failure();
    }

    /**
     * {@return the peer's address}
     */
    public SocketAddress remoteAddress() {
        return socket.remoteAddress();
    }

    /**
     * {@return this end's address}
     */
    public SocketAddress localAddress() {
        return socket.localAddress();
    }

    /**
     * {@return the socket, for Vert.x features not wrapped here (do not read from it or close it directly)}
     */
    public NetSocket socket() {
        return socket;
    }

    /**
     * The connection's end: completed once it is closed, successfully after a normal end (the peer closed,
     * or it was closed here), failed with the error after a loss (the peer reset it).
     *
     * @return the future of the end
     */
    public Future<Void> end() {
        return end.future();
    }

    /**
     * Sets the action run once, on the context, when the peer's end of stream is first seen.
     *
     * @param listener the action
     */
    void onEndOfStream(Runnable listener) {
        reader.onEof(listener);
    }

    /**
     * True if {@code t} is the error a write on this connection failed with (the peer reset or the
     * connection broke), not an error of the application's own.
     */
    boolean isWriteError(Throwable t) {
        return t != null && writer.failure() == t;
    }

    /**
     * Closes the connection: bytes still arriving are dropped, gathered writes go out first, writes still
     * waiting for the queue to drain fail with {@code pendingWrites}. Idempotent.
     *
     * @param pendingWrites the error for writes still waiting
     * @return a future completed when the socket is closed; never failed ({@link #end()} tells how it ended)
     */
    public Future<Void> close(Throwable pendingWrites) {
        if (closing) {
            return end.future().otherwiseEmpty();
        }
        closing = true;
        Throwable cause = reader.failure();
        // A paused socket would leave Vert.x holding its pooled buffers: read on and throw the bytes away.
        reader.discardRest();
        // Every byte handed to the socket is written before the close (at most CLOSE_TIMEOUT, as closeSocket's
        // own bound): Vert.x's close would throw away what still waits in its outbound queue.
        Future<Void> written = writer.written();
        writer.close(pendingWrites);
        return Tcpip.writtenWithinCloseTimeout(socket, written).compose(v -> Tcpip.closeSocket(socket)).onComplete(ar -> {
            if (cause == null) {
                end.tryComplete();
            } else {
                end.tryFail(cause);
            }
        });
    }

    /** The reader, for this package's tests. */
    StreamReader reader() {
        return reader;
    }
}
