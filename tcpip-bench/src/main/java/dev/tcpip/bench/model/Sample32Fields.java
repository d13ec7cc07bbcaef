package dev.tcpip.bench.model;

/**
 * The five fields of {@link Sample32} as a plain mutable Java object, for {@link Sample32Codec}.
 *
 * <p>Same value ranges as the struct: {@code sequence} holds an unsigned 32-bit value (0 to
 * 2<sup>32</sup> &minus; 1; only its low 32 bits are written), the others their Java types.
 */
public final class Sample32Fields {
    /** A sequence number, unsigned 32-bit (as {@code Sample32.sequence.get()} returns it). */
    public long sequence;
    /** A status code. */
    public int status;
    /** Seconds since the Unix epoch. */
    public double timestamp;
    /** A measured value. */
    public double value;
    /** A running count. */
    public long counter;

    /**
     * Creates an all-zero sample.
     */
    public Sample32Fields() {
    }

    /**
     * Sets all five fields.
     *
     * @param sequence  unsigned 32-bit sequence number
     * @param status    status code
     * @param timestamp seconds since the Unix epoch
     * @param value     measured value
     * @param counter   running count
     * @return this object
     */
    public Sample32Fields set(long sequence, int status, double timestamp, double value, long counter) {
        this.sequence = sequence;
        this.status = status;
        this.timestamp = timestamp;
        this.value = value;
        this.counter = counter;
        return this;
    }

    @Override
    public String toString() {
        return "Sample32Fields[sequence=" + sequence + ", status=" + status + ", timestamp=" + timestamp
            + ", value=" + value + ", counter=" + counter + "]";
    }
}
