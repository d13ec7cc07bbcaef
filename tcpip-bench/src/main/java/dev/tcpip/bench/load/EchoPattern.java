package dev.tcpip.bench.load;

import java.util.Arrays;

/**
 * What an echo client sends, as an endless byte stream cut into blocks of equal length, and how it checks
 * what comes back: the echo must be the same stream, byte for byte. Block {@code b} is made by
 * {@link #fill}ing a copy of the {@link #newBlock() template} for {@code b}; the sender and each
 * {@link Checker} keep their own copy, so they never share an array between threads.
 *
 * <p>Two kinds: {@link #constant} (the pipelined lines: one block repeated, nothing to fill, so the client
 * costs nothing per line) and {@link #frames} (length-prefixed frames, each carrying its stream and number
 * at both ends of its payload, so a lost, repeated, reordered or crossed frame, a wrong length or a wrong
 * byte is found).
 */
abstract class EchoPattern {
    /** Bytes of a frame's length header: 4, signed, big-endian. */
    static final int HEADER = 4;

    /** @return the length of a block, in bytes */
    abstract int blockLength();

    /** @return a new block, to be {@link #fill}ed before use */
    abstract byte[] newBlock();

    /**
     * Makes a block the one at {@code index} in the stream.
     *
     * @param block a block from {@link #newBlock()}, filled for any index before
     * @param index the block's index in the stream
     */
    abstract void fill(byte[] block, long index);

    /**
     * @param offset an offset in the stream
     * @return where it is, for an error message: "line 12, column 3", "frame 5, payload byte 60"
     */
    abstract String where(long offset);

    /**
     * @param offset an offset in the stream
     * @return the item it is in: "line 12", "frame 5"
     */
    abstract String item(long offset);

    /**
     * Lines of {@link Items#echoLine}, one per block: block {@code i} is line {@code i}, for ping-pong.
     *
     * @return the pattern
     */
    static EchoPattern numberedLines() {
        return new EchoPattern() {
            @Override
            int blockLength() {
                return Items.LINE_BYTES;
            }

            @Override
            byte[] newBlock() {
                return new byte[Items.LINE_BYTES];
            }

            @Override
            void fill(byte[] block, long index) {
                Items.echoLine(block, 0, index);
            }

            @Override
            String where(long offset) {
                return item(offset) + ", column " + offset % Items.LINE_BYTES;
            }

            @Override
            String item(long offset) {
                return "line " + offset / Items.LINE_BYTES;
            }
        };
    }

    /**
     * One block repeated: the bytes of {@code block} at every offset modulo its length.
     *
     * @param block    the block (not copied; never changed)
     * @param itemSize the size of an item (a line), for {@link #where}
     * @param item     what an item is called: "line"
     * @return the pattern
     */
    static EchoPattern constant(byte[] block, int itemSize, String item) {
        return new EchoPattern() {
            @Override
            int blockLength() {
                return block.length;
            }

            @Override
            byte[] newBlock() {
                return block;
            }

            @Override
            void fill(byte[] b, long index) {
                // the same block every time
            }

            @Override
            String where(long offset) {
                return item(offset) + ", column " + offset % itemSize;
            }

            @Override
            String item(long offset) {
                return item + " " + offset / itemSize;
            }
        };
    }

    /**
     * Frames of {@code payload} bytes each, after a 4-byte big-endian length header; a block holds
     * {@code perBlock} of them. Frame {@code i} of stream {@code s} carries the number {@code s << 40 | i}
     * in its first 8 payload bytes and its complement in its last 8 (payloads of 16 bytes or more), and a
     * fixed printable filler in between.
     *
     * @param payload  payload bytes per frame, at least 8
     * @param perBlock frames per block
     * @param stream   the stream's number (a client's), below 2^23
     * @return the pattern
     */
    static Frames frames(int payload, int perBlock, long stream) {
        return new Frames(payload, perBlock, stream);
    }

    /** Length-prefixed frames that carry their number; see {@link EchoPattern#frames}. */
    static final class Frames extends EchoPattern {
        private final int payload;
        private final int frameLength;
        private final int perBlock;
        private final long base;

        Frames(int payload, int perBlock, long stream) {
            if (payload < 8 || perBlock < 1 || stream < 0 || stream >= 1L << 23) {
                throw new IllegalArgumentException("payload " + payload + ", perBlock " + perBlock + ", stream " + stream);
            }
            this.payload = payload;
            this.frameLength = HEADER + payload;
            this.perBlock = perBlock;
            this.base = stream << 40;
        }

        /** @return payload bytes per frame */
        int payload() {
            return payload;
        }

        /** @return bytes per frame, header included */
        int frameLength() {
            return frameLength;
        }

        /** @return frames per block */
        int perBlock() {
            return perBlock;
        }

        @Override
        int blockLength() {
            return frameLength * perBlock;
        }

        @Override
        byte[] newBlock() {
            byte[] block = new byte[blockLength()];
            for (int f = 0; f < perBlock; f++) {
                int at = f * frameLength;
                putInt(block, at, payload);
                for (int k = 8; k < payload; k++) {
                    block[at + HEADER + k] = (byte) ('!' + (k % 94));
                }
            }
            return block;
        }

        @Override
        void fill(byte[] block, long index) {
            long first = index * perBlock;
            for (int f = 0; f < perBlock; f++) {
                int at = f * frameLength + HEADER;
                long number = base | (first + f);
                putLong(block, at, number);
                if (payload >= 16) {
                    putLong(block, at + payload - 8, ~number);
                }
            }
        }

        @Override
        String where(long offset) {
            int in = (int) (offset % frameLength);
            return item(offset) + (in < HEADER ? ", length header byte " + in : ", payload byte " + (in - HEADER));
        }

        @Override
        String item(long offset) {
            return "frame " + offset / frameLength;
        }

        private static void putInt(byte[] b, int at, int v) {
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
        }

        private static void putLong(byte[] b, int at, long v) {
            for (int i = 0; i < 8; i++) {
                b[at + i] = (byte) (v >>> (56 - 8 * i));
            }
        }
    }

    /**
     * Checks an echo as it arrives, in pieces of any size, against the pattern from offset 0.
     */
    final class Checker {
        private final String what;
        private final byte[] block = newBlock();
        private long blockIndex = -1;
        private long offset;

        /**
         * @param what the run's name, for error messages: "pipelined"
         */
        Checker(String what) {
            this.what = what;
        }

        /** @return the bytes checked so far */
        long offset() {
            return offset;
        }

        /**
         * Checks the next bytes of the echo.
         *
         * @param buf the bytes
         * @param off where they start
         * @param n   how many
         * @throws LoadException at the first byte that differs, saying where it is
         */
        void check(byte[] buf, int off, int n) throws LoadException {
            int len = blockLength();
            int done = 0;
            while (done < n) {
                long index = offset / len;
                if (index != blockIndex) {
                    fill(block, index);
                    blockIndex = index;
                }
                int at = (int) (offset % len);
                int m = Math.min(n - done, len - at);
                int mismatch = Arrays.mismatch(buf, off + done, off + done + m, block, at, at + m);
                if (mismatch >= 0) {
                    long bad = offset + mismatch;
                    throw new LoadException(what + ": echoed byte " + bad + " (" + where(bad) + ") is "
                        + (buf[off + done + mismatch] & 0xFF) + ", sent " + (block[at + mismatch] & 0xFF));
                }
                done += m;
                offset += m;
            }
        }
    }
}
