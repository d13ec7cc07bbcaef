package dev.tcpip.bench.load;

/**
 * The text messages of the endpoints mode: {@value #POOL} distinct ASCII messages of one length, made once;
 * message {@code i} of a run is {@code get(i)}, so that the receiver checks every message it takes against
 * the one sent at that place, and neither side formats a message while measuring. Message {@code i} is "M",
 * {@code i mod POOL} in 12 decimal digits, a space, then letters up to the length; on the wire it is followed by
 * CR LF.
 */
public final class LineMessages {
    /** Distinct messages; message {@code i} repeats every this many. A power of two. */
    public static final int POOL = 4096;

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final String[] pool;
    private final int wireBytes;

    /**
     * @param wireBytes the bytes of a message on the wire, CR LF included (64 for a 62-character message); at least 16
     */
    public LineMessages(int wireBytes) {
        if (wireBytes < 16) {
            throw new IllegalArgumentException("a message needs at least 16 bytes on the wire, got " + wireBytes);
        }
        this.wireBytes = wireBytes;
        this.pool = new String[POOL];
        char[] text = new char[wireBytes - 2];
        for (int i = 0; i < POOL; i++) {
            text[0] = 'M';
            long v = i;
            for (int k = 12; k >= 1; k--) {
                text[k] = (char) ('0' + (v % 10));
                v /= 10;
            }
            text[13] = ' ';
            for (int k = 14; k < text.length; k++) {
                text[k] = ALPHABET[(k + i) % ALPHABET.length];
            }
            pool[i] = new String(text);
        }
    }

    /** {@return the bytes of a message on the wire, CR LF included} */
    public int wireBytes() {
        return wireBytes;
    }

    /**
     * @param i the message's place in the run, from 0
     * @return the message (without CR LF)
     */
    public String get(long i) {
        return pool[(int) (i & (POOL - 1))];
    }

    /**
     * Checks a received message.
     *
     * @param i   its place in the run, from 0
     * @param got what was received
     * @return null if it is the message sent at that place, else what is wrong
     */
    public String check(long i, String got) {
        String sent = get(i);
        if (sent.equals(got)) {
            return null;
        }
        return "message " + i + " is " + shorten(got) + ", sent " + shorten(sent);
    }

    private static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        return "\"" + (s.length() <= 40 ? s : s.substring(0, 40) + "...\" (" + s.length() + " characters)")
            + (s.length() <= 40 ? "\"" : "");
    }
}
