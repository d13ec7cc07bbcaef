package dev.tcpip.core.stream;

import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.LineTooLongException;
import dev.tcpip.core.framing.Delimited;
import dev.tcpip.core.framing.ExactLength;
import dev.tcpip.core.framing.FrameDecoder;
import dev.tcpip.core.framing.Framing;
import dev.tcpip.core.framing.UpTo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.ReadStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * Pull reads over one push-based stream of buffers (a {@link NetSocket}, or any {@link ReadStream}): the bridge between asyncio's
 * {@code await reader.readuntil(...)} and Vert.x's data handlers.
 *
 * <p>Each read states its limit and returns a future that completes once the buffered bytes satisfy it.
 * Reads are served strictly in the order they were asked for. While no read is waiting and at least
 * {@link #READ_AHEAD} bytes are buffered, the socket is paused, so a peer that sends faster than the
 * application reads meets TCP backpressure instead of filling the heap. Memory held is bounded by
 * the read-ahead, the line limit, or the size of a pending {@link #readExactly(int)}, whichever is largest,
 * plus one network chunk.
 *
 * <p>End of stream: {@link #read(int)} and {@link #readLine()} return what is left (possibly nothing);
 * {@link #readExactly(int)} and {@link #readUntil(Buffer)} fail with {@link IncompleteReadException}
 * carrying the partial bytes.
 *
 * <p>Why not {@code RecordParser}: it has no "whatever is there" mode for {@code read(n)}, its size limit
 * counts bytes buffered while paused, and at end of stream it hands over the remainder as a record.
 * This class keeps one growable buffer and scans each line once.
 *
 * <p>Threading: not thread safe. Create it, and call it, on the socket's context only; every future it
 * returns completes there. The endpoints of this library do that for you.
 */
public final class StreamReader {
    /** Bytes buffered ahead of the application before the socket is paused. */
    public static final int READ_AHEAD = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);
    /** Most reads served at once from one completed read's continuation; see servedAtOnceInContinuation. */
    private static final int MAX_SERVED_AT_ONCE_IN_CONTINUATION = 32;

    private final ReadStream<Buffer> socket;
    private final int maxLineLength;
    /** Python's readline(): through "\n", included, the partial line at end of stream. */
    private final Delimited lineFraming;
    private final ArrayDeque<PendingRead<?>> pending = new ArrayDeque<>();
    /** The unread bytes, and what framings see of them. */
    private final UnreadBytes bytes = new UnreadBytes(this::failure, this::eofSeen);

    private volatile boolean eof;
    private volatile Throwable error;
    private boolean paused;
    /** Set by readToEnd(): read on to the end, whatever is buffered. */
    private boolean readToEnd;
    /** Set by discardRest(): drop incoming bytes (readToEnd is set too). */
    private boolean discarding;
    private boolean serving;
    /**
     * Reads served at once (submit's fast path) while serve() completes one read, i.e. from that read's
     * continuation. Bounded: a continuation that reads again from each read's callback would otherwise nest
     * one callback per buffered line and overflow the stack; past the bound the read waits for serve()'s
     * loop, which unwinds the stack first.
     */
    private int servedAtOnceInContinuation;
    private Runnable eofListener = () -> { };

    /**
     * Takes over the socket's data, end, exception and close handlers. Call on the socket's context,
     * before returning from the connect handler, or data that arrives first is lost.
     *
     * @param socket        the connected socket (or any stream of buffers that honours pause and resume)
     * @param maxLineLength the most bytes a delimited read may return, delimiter excluded (&gt; 0)
     * @throws IllegalArgumentException if maxLineLength is not positive
     */
    public StreamReader(ReadStream<Buffer> socket, int maxLineLength) {
        if (maxLineLength <= 0) {
            throw new IllegalArgumentException("maxLineLength must be > 0, got " + maxLineLength);
        }
        this.socket = socket;
        this.maxLineLength = maxLineLength;
        this.lineFraming = Delimited.of(Buffer.buffer(new byte[] {'\n'}), maxLineLength).withDelimiterKept().withPartialAtEnd();
        socket.handler(this::onData);
        // End of stream comes from the end handler only: Vert.x queues it behind any data still held while
        // the socket is paused, whereas its close handler runs at once and would cut that data off.
        socket.endHandler(v -> onEnd());
        socket.exceptionHandler(this::onError);
        // The socket may have been paused before it was handed over.
        socket.resume();
    }

    /**
     * Sets the action run once, on the socket's context, when the end of the stream is first seen.
     *
     * @param listener the action
     */
    public void onEof(Runnable listener) {
        this.eofListener = listener;
    }

    /**
     * {@return true once the peer's end of stream (or the socket's close) has been seen}
     */
    public boolean eofSeen() {
        return eof;
    }

    /**
     * Python's {@code StreamReader.at_eof()}.
     *
     * @return true when the end of stream has been seen and no unread bytes remain
     */
    public boolean atEof() {
        return eof && available() == 0;
    }

    /**
     * True once the end of the stream has been seen and the connection had failed (a reset seen by a read,
     * or met by a write, see {@link #connectionFailed}): the connection is over even if unread bytes remain,
     * as asyncio's transport is closing after such an error.
     *
     * @return whether the stream ended in an error
     */
    public boolean endedInError() {
        return eof && error != null;
    }

    /**
     * {@return the error the connection ended in (a reset seen by a read, or met by a write), or null while
     * it has not ended or when it ended normally (the peer closed or half-closed it)}
     */
    public Throwable failure() {
        return eof ? error : null;
    }

    /**
     * {@return the number of bytes received and not yet read}
     */
    public int available() {
        return bytes.available();
    }

    /**
     * Reads at most {@code n} bytes: completes as soon as any byte is buffered, with up to {@code n}
     * of them; the rest stays for the next read. At end of stream it completes with an empty buffer.
     *
     * @param n the most bytes to return (&gt;= 0)
     * @return the bytes read
     */
    public Future<Buffer> read(int n) {
        return read(UpTo.of(n));
    }

    /**
     * Reads exactly {@code n} bytes.
     *
     * @param n the number of bytes (&gt;= 0)
     * @return the bytes; fails with {@link IncompleteReadException} if the stream ends first
     */
    public Future<Buffer> readExactly(int n) {
        return read(ExactLength.of(n));
    }

    /**
     * Reads through the next {@code delimiter}, which is included in the result.
     *
     * @param delimiter a non-empty byte sequence
     * @return the line with its delimiter; fails with {@link IncompleteReadException} (carrying the
     *     partial line) at end of stream, or {@link LineTooLongException} when no delimiter comes within
     *     the line limit
     */
    public Future<Buffer> readUntil(Buffer delimiter) {
        return read(Delimited.of(delimiter, maxLineLength).withDelimiterKept());
    }

    /**
     * Reads through the next {@code \n} (asyncio's {@code readline()}), which is included.
     * At end of stream it returns the partial line, or an empty buffer.
     *
     * @return the line
     */
    public Future<Buffer> readLine() {
        return read(lineFraming);
    }

    /**
     * Reads one frame, after every read asked for before it: the one queue that serves every framing.
     *
     * @param framing how the bytes are cut into frames
     * @param <T>     the frame type
     * @return the frame; fails as the framing's decoder says (at end of stream, usually with
     *     {@link IncompleteReadException})
     */
    public <T> Future<T> read(Framing<T> framing) {
        FrameDecoder<T> decoder = framing.newDecoder();
        if (pending.isEmpty() && !discarding()
                && (!serving || servedAtOnceInContinuation < MAX_SERVED_AT_ONCE_IN_CONTINUATION)) {
            // Fast path: no earlier read waits, so this one may be served from the buffered bytes at once,
            // without a promise (the common case when many lines arrive in one network chunk).
            Future<T> now = decodeNow(decoder);
            if (now != null) {
                if (serving) {
                    servedAtOnceInContinuation++;
                }
                updateFlow();
                return now;
            }
        }
        decoder.beforeWaiting();
        PendingRead<T> request = new PendingRead<>(decoder);
        pending.add(request);
        serve();
        return request.promise.future();
    }

    /** The read's outcome if the buffered bytes (or the end of the stream) decide it now, else null. */
    private <T> Future<T> decodeNow(FrameDecoder<T> decoder) {
        try {
            T frame = decoder.decode(bytes);
            if (frame != null) {
                return Future.succeededFuture(frame);
            }
            return eof && !discarding() ? Future.succeededFuture(decoder.decodeAtEnd(bytes)) : null;
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private boolean discarding() {
        return bytes.discarding();
    }

    private void onData(Buffer data) {
        if (data.length() == 0 || discarding) {
            return;
        }
        bytes.append(data);
        serve();
    }

    private void onEnd() {
        if (eof) {
            return;
        }
        eof = true;
        serve();
        eofListener.run();
    }

    /**
     * Records a failure of the connection seen outside this reader: a write that failed because the peer
     * reset. The kernel reports a reset once, to the first read or write that meets it; after a failed
     * write, reading only finds the end of the stream. Reads that then fail at end of stream carry the
     * error as their cause (a closed-channel error, from a socket closed here, is not taken as the cause).
     * Either way the reader reads on to the end ({@link #readToEnd()}).
     *
     * @param t the error
     */
    public void connectionFailed(Throwable t) {
        if (t instanceof IOException && !(t instanceof ClosedChannelException) && error == null) {
            error = t;
        }
        // A failed write means a reset or a closed channel: the peer can send nothing more, so read what is
        // left, and the end is seen even if nobody reads.
        readToEnd();
    }

    /**
     * Stops pausing the socket: everything still on its way is read into this reader, up to the end of the
     * stream, whatever is buffered. Only for a connection the peer can send nothing more on (it reset, or the
     * socket failed and is closing), where what is left is bounded by the kernel's and Vert.x's buffers: the
     * end of the stream is then seen without waiting for the application to read.
     */
    public void readToEnd() {
        readToEnd = true;
        updateFlow();
    }

    /**
     * For a connection being closed: from now on, bytes that arrive are thrown away instead of buffered, and
     * the socket is never paused again. Reads still waiting fail at the end of the stream with what was
     * buffered before. Resuming matters: Vert.x holds the pooled buffers of a paused socket until it is
     * resumed, so a socket closed while paused would leak them.
     */
    public void discardRest() {
        discarding = true;
        readToEnd();
    }

    private void onError(Throwable t) {
        LOG.debug("socket error on {}: {}",
            socket instanceof NetSocket ? ((NetSocket) socket).remoteAddress() : socket, t.toString());
        if (error == null) {
            error = t;
        }
        // Vert.x closes the socket after an error: what is left to read is bounded by what it already holds.
        readToEnd();
    }

    /**
     * Serves waiting reads in order. Completing a read may run the caller's continuation, which may
     * submit another read and call back in here: the flag turns that recursion into a loop.
     */
    private void serve() {
        if (serving) {
            return;
        }
        serving = true;
        try {
            while (true) {
                bytes.discard(eof);
                if (discarding()) {
                    break;   // the overlong frame's end has not arrived (at end of stream it is all gone)
                }
                // Taken off the queue before it completes: a read its continuation asks for may then be
                // served at once (read's fast path) instead of queueing behind it.
                PendingRead<?> head = pending.poll();
                if (head == null) {
                    break;
                }
                servedAtOnceInContinuation = 0;
                if (!head.tryServe(bytes)) {
                    if (!eof) {
                        pending.addFirst(head);
                        break;
                    }
                    head.atEof(bytes);
                }
            }
        } finally {
            serving = false;
        }
        updateFlow();
    }

    private void updateFlow() {
        boolean wantData = !eof && (readToEnd || !pending.isEmpty() || discarding() || available() < READ_AHEAD);
        if (wantData && paused) {
            paused = false;
            socket.resume();
        } else if (!wantData && !paused && !eof) {
            paused = true;
            socket.pause();
        }
    }
}
