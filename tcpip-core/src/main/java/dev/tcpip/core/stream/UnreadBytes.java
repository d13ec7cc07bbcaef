package dev.tcpip.core.stream;

import dev.tcpip.core.framing.ReadBuffer;
import dev.tcpip.core.internal.VertxInternals;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A {@link StreamReader}'s received bytes that no read has taken: one growable buffer that never mutates
 * the buffers Vert.x hands over, a delimiter search that scans each byte once, and the state of an overlong
 * frame being thrown away as it arrives. What framings see, as a {@link ReadBuffer}. Not thread safe.
 */
final class UnreadBytes implements ReadBuffer {
    /** Placeholder for "nothing buffered"; never handed out (take(0) makes a fresh buffer). */
    private static final Buffer EMPTY = Buffer.buffer(0);

    private final Supplier<Throwable> failure;
    private final BooleanSupplier ended;
    /** Unread bytes are buf[pos, buf.length()). */
    private Buffer buf = EMPTY;
    private int pos;
    /** True when buf was allocated here, so it may be appended to; incoming buffers are never mutated. */
    private boolean owned;
    /** Non-null while the rest of an overlong frame is being thrown away, up to this delimiter. */
    private Buffer discardThrough;
    /** Bytes still to throw away of an overlong frame whose length was declared. */
    private long discardCount;

    UnreadBytes(Supplier<Throwable> failure, BooleanSupplier ended) {
        this.failure = failure;
        this.ended = ended;
    }

    @Override
    public int available() {
        return buf.length() - pos;
    }

    void append(Buffer data) {
        int remaining = available();
        if (remaining == 0) {
            buf = data;
            pos = 0;
            owned = false;
            return;
        }
        if (!owned || pos > buf.length() / 2) {
            // Copy the unread tail into a buffer of our own: never mutate Vert.x's, and drop read bytes.
            Buffer fresh = Buffer.buffer(Math.max(2 * (remaining + data.length()), 4096));
            fresh.appendBuffer(buf, pos, remaining);
            buf = fresh;
            pos = 0;
            owned = true;
        }
        buf.appendBuffer(data);
    }

    @Override
    public byte getByte(int index) {
        if (index < 0 || index >= available()) {
            throw new IndexOutOfBoundsException("index " + index + " outside the " + available() + " unread bytes");
        }
        return buf.getByte(pos + index);
    }

    @Override
    public Buffer copy(int from, int to) {
        if (from < 0 || to > available() || from > to) {
            throw new IndexOutOfBoundsException("cannot copy [" + from + ", " + to + ") of the " + available() + " unread bytes");
        }
        return buf.getBuffer(pos + from, pos + to);
    }

    @Override
    public void getBytes(int from, int to, byte[] dst, int dstIndex) {
        if (from < 0 || to > available() || from > to) {
            throw new IndexOutOfBoundsException("cannot copy [" + from + ", " + to + ") of the " + available() + " unread bytes");
        }
        if (dstIndex < 0 || dstIndex > dst.length - (to - from)) {
            throw new IndexOutOfBoundsException("cannot copy " + (to - from) + " bytes into an array of " + dst.length
                + " at index " + dstIndex);
        }
        buf.getBytes(pos + from, pos + to, dst, dstIndex);
    }

    @Override
    public Buffer take(int n) {
        if (n < 0 || n > available()) {
            throw new IndexOutOfBoundsException("cannot take " + n + " of the " + available() + " unread bytes");
        }
        if (n == 0) {
            return Buffer.buffer(0);
        }
        Buffer out;
        if (pos == 0 && n == buf.length() && !owned) {
            out = buf;
        } else {
            out = buf.getBuffer(pos, pos + n);
        }
        drop(n);
        return out;
    }

    /** Takes {@code n} buffered bytes (at most {@link #available()}) without copying them out. */
    private void drop(int n) {
        pos += n;
        if (pos == buf.length()) {
            buf = EMPTY;
            pos = 0;
            owned = false;
        }
    }

    /** Index of delimiter in the unread bytes, relative to pos, searching from {@code from}; or -1. */
    @Override
    public int indexOf(Buffer delimiter, int from) {
        int dlen = delimiter.length();
        byte first = delimiter.getByte(0);
        // Netty's search for one byte reads eight at a time (SWAR); only its hits are compared in full.
        ByteBuf bytes = VertxInternals.unwrap(buf);
        if (bytes == null) {
            bytes = Unpooled.wrappedBuffer(buf.getBytes());   // not a buffer of Vert.x's: search a copy
        }
        int base = bytes.readerIndex();
        int end = base + buf.length() - dlen + 1;
        int i = base + pos + from;
        while (i < end) {
            int at = bytes.indexOf(i, end, first);
            if (at < 0) {
                return -1;
            }
            if (matchesAt(bytes, at, delimiter, dlen)) {
                return at - base - pos;
            }
            i = at + 1;
        }
        return -1;
    }

    private static boolean matchesAt(ByteBuf bytes, int at, Buffer delimiter, int dlen) {
        for (int j = 1; j < dlen; j++) {
            if (bytes.getByte(at + j) != delimiter.getByte(j)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void skip(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("byte count must be >= 0, got " + n);
        }
        int now = (int) Math.min(n, available());
        drop(now);
        discardCount = ended.getAsBoolean() ? 0 : n - now;
    }

    @Override
    public void skipThrough(Buffer delimiter) {
        discardThrough = delimiter.copy();
        discard(ended.getAsBoolean());
    }

    @Override
    public Throwable failure() {
        return failure.get();
    }

    /** True while an overlong frame is being thrown away: reads wait until it is gone. */
    boolean discarding() {
        return discardThrough != null || discardCount > 0;
    }

    /**
     * Throws away buffered bytes of an overlong frame: a declared count, or through a delimiter.
     *
     * @param eof whether the stream has ended: then nothing more will come, and the discarding ends too
     */
    void discard(boolean eof) {
        if (discardCount > 0) {
            int n = (int) Math.min(discardCount, available());
            drop(n);
            discardCount = eof ? 0 : discardCount - n;
            return;
        }
        if (discardThrough == null) {
            return;
        }
        int dlen = discardThrough.length();
        int at = indexOf(discardThrough, 0);
        if (at >= 0) {
            drop(at + dlen);
            discardThrough = null;
        } else if (eof) {
            drop(available());
            discardThrough = null;
        } else if (available() >= dlen) {
            // Keep the last dlen-1 bytes: they may be the start of a split delimiter.
            drop(available() - (dlen - 1));
        }
    }
}
