package dev.tcpip.struct;

import javolution.io.Struct;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Base for structs laid out exactly as C and Python ctypes lay them out: a javolution {@link Struct} whose
 * defaults are those of a ctypes {@code Structure} with {@code _pack_ = 1} on x86-64: packed (no padding)
 * and little-endian.
 *
 * <p>Declare fields in C order as {@code public final} members; the javolution member types map to C and
 * ctypes types as follows (sizes in bytes):
 * <table>
 *   <caption>C / ctypes type to member type</caption>
 *   <tr><th>C</th><th>ctypes</th><th>member</th><th>size</th></tr>
 *   <tr><td>{@code bool}</td><td>{@code c_bool}</td><td>{@link Bool} (this class's: writes 1, not 0xFF)</td><td>1</td></tr>
 *   <tr><td>{@code int8_t}</td><td>{@code c_int8}, {@code c_byte}, {@code c_char}</td><td>{@link Signed8}</td><td>1</td></tr>
 *   <tr><td>{@code uint8_t}</td><td>{@code c_uint8}, {@code c_ubyte}</td><td>{@link Unsigned8}</td><td>1</td></tr>
 *   <tr><td>{@code int16_t}</td><td>{@code c_int16}, {@code c_short}</td><td>{@link Signed16}</td><td>2</td></tr>
 *   <tr><td>{@code uint16_t}</td><td>{@code c_uint16}, {@code c_ushort}</td><td>{@link Unsigned16}</td><td>2</td></tr>
 *   <tr><td>{@code int32_t}</td><td>{@code c_int32}, {@code c_int}</td><td>{@link Signed32}</td><td>4</td></tr>
 *   <tr><td>{@code uint32_t}</td><td>{@code c_uint32}, {@code c_uint}</td><td>{@link Unsigned32}</td><td>4</td></tr>
 *   <tr><td>{@code int64_t}</td><td>{@code c_int64}, {@code c_longlong}</td><td>{@link Signed64}</td><td>8</td></tr>
 *   <tr><td>{@code uint64_t}</td><td>{@code c_uint64}, {@code c_ulonglong}</td><td>{@link Unsigned64} (this class's)</td><td>8</td></tr>
 *   <tr><td>{@code float}</td><td>{@code c_float}</td><td>{@link Float32}</td><td>4</td></tr>
 *   <tr><td>{@code double}</td><td>{@code c_double}</td><td>{@link Float64}</td><td>8</td></tr>
 *   <tr><td>{@code char[N]}</td><td>{@code c_char * N}</td><td>{@link UTF8String UTF8String(N)} (this class's: N bytes)</td><td>N</td></tr>
 *   <tr><td>{@code T[N]}</td><td>{@code T * N}</td><td>{@code array(new Float64[N])}</td><td>N &times; size</td></tr>
 *   <tr><td>{@code struct S}</td><td>a {@code Structure} field</td><td>{@code inner(new S())}</td><td>sizeof(S)</td></tr>
 * </table>
 * C's {@code long} is 8 bytes on 64-bit Linux and macOS but 4 on Windows: use the fixed-width types.
 *
 * <p>This class replaces three javolution members whose bytes differ from C: {@link Bool} writes
 * {@code 0x01} for true (javolution writes {@code 0xFF}), {@link UTF8String} counts its size in bytes and
 * never writes past its field (javolution counts characters, so non-ASCII text overran), and
 * {@link Unsigned64} exists (javolution has none). It also extends javolution's numeric members
 * ({@link Signed8} to {@link Float64}, same bytes, same values) with faster accessors, below. Inside a
 * subclass these names resolve to this class's versions.
 *
 * <p>Backing bytes (javolution allocates a <em>direct</em> {@link ByteBuffer}; this class does not): a top-level
 * struct that has no buffer when it is first used, through one of its members or a {@link Structs} call,
 * gets a <em>heap</em> buffer of exactly {@link #size()} bytes in its byte order, and its members read and
 * write that array directly (about 1 ns per field instead of 1.7 in tcpip-bench's StructCodecBenchmark:
 * javolution's accessors go through the buffer's bounds, scope and byte-order checks and through
 * {@code getByteBuffer()} calls that the JIT cannot inline, being recursive). The one visible change is
 * that {@link #getByteBuffer()} then returns that heap buffer ({@code isDirect()} is false); javolution's
 * behaviour is otherwise kept: a struct given a buffer with
 * {@link #setByteBuffer} before its first use, or nested in another struct, or whose
 * {@code getByteBuffer()} was called first (javolution then allocates its direct buffer), keeps that
 * buffer and javolution's accessors. Setting another buffer later is honoured too: members go back to
 * javolution's accessors.
 *
 * <p>Layout: override {@link #isPacked()} to return {@code false} for natural alignment (a plain ctypes
 * {@code Structure}: each field aligned to its size, the struct padded to its largest field). Byte order:
 * override {@link #byteOrder()} to return {@link ByteOrder#BIG_ENDIAN} for a ctypes
 * {@code BigEndianStructure} (network order). Both methods must return constants: javolution calls
 * {@code isPacked()}, and this class {@code byteOrder()}, while the fields are being constructed. Packing and byte order are each struct's own,
 * as in ctypes; a struct nested in one of the other byte order is refused (javolution cannot mix them), so
 * in a big-endian protocol every struct declares {@code BIG_ENDIAN}, as every ctypes struct would be a
 * {@code BigEndianStructure}.
 *
 * <p>Unions and bit fields are not supported. A struct is not thread-safe: fill it, then send it, on one
 * thread at a time (the send copies its bytes at the call).
 *
 * <pre>{@code
 * public final class Move extends CStruct {      // struct Move { double az; double el; uint32_t flags; };
 *     public final Float64 azimuth = new Float64();
 *     public final Float64 elevation = new Float64();
 *     public final Unsigned32 flags = new Unsigned32();
 * }
 * }</pre>
 */
public abstract class CStruct extends Struct {

    static {
        // javolution's Struct is initialized before this class; this only reports a wrong class path.
        JavolutionLogCheck.quiet();
    }

    private static final VarHandle I16_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I16_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I32_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I64_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** javolution's {@code Struct._byteBuffer}, read to tell whether a struct has a buffer yet; null if unreadable. */
    private static final VarHandle JAVOLUTION_BUFFER = javolutionBuffer();

    /** Backing not chosen yet: no member has been read or written through this class, nor any Structs call. */
    private static final byte UNDECIDED = 0;
    /** Backed by {@link #heap}, which this class created and set. */
    private static final byte OWN_HEAP = 1;
    /** Backed by whatever javolution has (a buffer set before first use, an enclosing struct's): javolution's accessors. */
    private static final byte JAVOLUTION = 2;

    private byte backing = UNDECIDED;
    /** The heap buffer this struct created and set as its own, or null. */
    private ByteBuffer heap;
    /** The array behind {@link #heap}. */
    private byte[] heapBytes;

    private static VarHandle javolutionBuffer() {
        try {
            return MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
                .findVarHandle(Struct.class, "_byteBuffer", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another javolution, or a module layer that does not open it: keep javolution's own buffers.
            return null;
        }
    }

    /**
     * Creates the struct; the subclass's field initializers then lay out its members.
     */
    protected CStruct() {
    }

    /**
     * @return {@code true}: packed, as ctypes with {@code _pack_ = 1}; override to return {@code false} for
     *     natural alignment
     */
    @Override
    public boolean isPacked() {
        return true;
    }

    /**
     * @return little-endian; override to return {@link ByteOrder#BIG_ENDIAN} for network order (a ctypes
     *     {@code BigEndianStructure})
     */
    @Override
    public ByteOrder byteOrder() {
        return ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * Nests a struct, as javolution's {@code inner}, refusing a {@code CStruct} of the other byte order.
     *
     * <p>ctypes keeps each nested struct's own byte order; javolution reads every nested struct in the
     * outermost struct's order. Rather than write bytes that differ from ctypes, mixing orders is refused.
     *
     * @param struct the struct to nest, not yet nested anywhere
     * @param <S>    its type
     * @return the same struct
     * @throws IllegalArgumentException if {@code struct} is a {@code CStruct} whose {@link #byteOrder()}
     *     differs from this struct's (declare the same order in both)
     */
    @Override
    protected <S extends Struct> S inner(S struct) {
        if (struct instanceof CStruct && struct.byteOrder() != byteOrder()) {
            throw new IllegalArgumentException(struct.getClass().getSimpleName() + " is " + struct.byteOrder()
                + " but " + getClass().getSimpleName() + ", which nests it, is " + byteOrder()
                + ": a nested struct must have its enclosing struct's byte order (override byteOrder() in "
                + struct.getClass().getSimpleName() + " too)");
        }
        return super.inner(struct);
    }

    /**
     * Nests an array of structs, as javolution's {@code array}, creating the missing elements with their
     * constructor without arguments (which may be private).
     *
     * @param structs the array; null elements are created here
     * @param <S>     the element type
     * @return the same array
     * @throws IllegalArgumentException if an element must be created and its class is abstract or has no
     *     constructor without arguments (a non-static inner class, for example), or its constructor fails
     */
    @Override
    @SuppressWarnings("unchecked")
    protected <S extends Struct> S[] array(S[] structs) {
        Class<?> type = structs.getClass().getComponentType();
        for (int i = 0; i < structs.length; i++) {
            if (structs[i] == null) {
                structs[i] = (S) newElement(type);
            }
        }
        return super.array(structs);
    }

    private static Object newElement(Class<?> type) {
        String name = type.getName();
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(name + " is abstract: fill the struct array with instances yourself");
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(name + " has no constructor without arguments, so array() cannot "
                + "create its elements (a non-static inner class needs its outer instance: make it static), or "
                + "fill the array yourself", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("creating a " + name + " array element failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot create a " + name + " array element: " + e, e);
        }
    }

    /**
     * @return {@code false}: unions are not supported
     */
    @Override
    public final boolean isUnion() {
        return false;
    }

    /**
     * Fills an array of members, as javolution's {@code array}, and also knows this class's {@link Bool} and
     * {@link Unsigned64}.
     *
     * @param arrayMember the array, its elements created here in order
     * @param <M>         the member type
     * @return the same array
     */
    @Override
    @SuppressWarnings("unchecked")
    protected <M extends Member> M[] array(M[] arrayMember) {
        Class<?> type = arrayMember.getClass().getComponentType();
        if (type == Bool.class) {
            for (int i = 0; i < arrayMember.length; i++) {
                arrayMember[i] = (M) new Bool();
            }
            return arrayMember;
        }
        if (type == Unsigned64.class) {
            for (int i = 0; i < arrayMember.length; i++) {
                arrayMember[i] = (M) new Unsigned64();
            }
            return arrayMember;
        }
        if (type == UTF8String.class) {
            throw new UnsupportedOperationException("use array(new UTF8String[n], sizeInBytes) for string arrays");
        }
        // This class's numeric members (javolution's array() would store its own into the array and fail).
        for (int i = 0; i < arrayMember.length; i++) {
            Member m = newMember(type);
            if (m == null) {
                return super.array(arrayMember);
            }
            arrayMember[i] = (M) m;
        }
        return arrayMember;
    }

    /** A new member of one of this class's numeric member types, or null for any other type. */
    private Member newMember(Class<?> type) {
        if (type == Signed8.class) {
            return new Signed8();
        } else if (type == Unsigned8.class) {
            return new Unsigned8();
        } else if (type == Signed16.class) {
            return new Signed16();
        } else if (type == Unsigned16.class) {
            return new Unsigned16();
        } else if (type == Signed32.class) {
            return new Signed32();
        } else if (type == Unsigned32.class) {
            return new Unsigned32();
        } else if (type == Signed64.class) {
            return new Signed64();
        } else if (type == Float32.class) {
            return new Float32();
        } else if (type == Float64.class) {
            return new Float64();
        }
        return null;
    }

    /**
     * Fills an array of fixed-size strings, C's {@code char name[count][sizeInBytes]}.
     *
     * @param array       the array, its elements created here in order
     * @param sizeInBytes each string's field size in bytes
     * @return the same array
     */
    protected UTF8String[] array(UTF8String[] array, int sizeInBytes) {
        for (int i = 0; i < array.length; i++) {
            array[i] = new UTF8String(sizeInBytes);
        }
        return array;
    }

    private int index(Member member) {
        return getByteBufferPosition() + member.offset();
    }

    /**
     * The array this struct's members read and write directly, or null when they must go through
     * javolution's buffer accessors. Chooses the backing on first use: a top-level struct that has no buffer
     * yet gets a heap buffer of its own (javolution would allocate a direct one).
     */
    final byte[] fastBytes() {
        ByteBuffer own = heap;
        // Still ours unless setByteBuffer was called since, or the struct was nested by javolution's inner().
        return own != null && getByteBuffer() == own ? heapBytes : slowBytes();
    }

    private byte[] slowBytes() {
        return backing == UNDECIDED ? chooseBacking() : null;
    }

    private byte[] chooseBacking() {
        if (JAVOLUTION_BUFFER != null && outer() == null && JAVOLUTION_BUFFER.get(this) == null) {
            byte[] bytes = new byte[size()];
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(byteOrder());
            setByteBuffer(buffer, 0);
            heap = buffer;
            heapBytes = bytes;
            backing = OWN_HEAP;
            return bytes;
        }
        backing = JAVOLUTION;
        return null;
    }

    private boolean bigEndian() {
        return byteOrder() == ByteOrder.BIG_ENDIAN;
    }

    /** This struct's buffer, after choosing the backing (so that javolution does not allocate a direct one). */
    private ByteBuffer buffer() {
        fastBytes();
        return getByteBuffer();
    }

    /**
     * Chooses the backing of a struct about to be copied from or to by {@link Structs}.
     *
     * @return the array its bytes are in, from {@code getByteBufferPosition()}, or null when only its
     *     {@code ByteBuffer} gives them
     */
    static byte[] prepare(Struct struct) {
        return struct instanceof CStruct ? ((CStruct) struct).fastBytes() : null;
    }

    private static short getShort(boolean bigEndian, byte[] a, int i) {
        return bigEndian ? (short) I16_BE.get(a, i) : (short) I16_LE.get(a, i);
    }

    private static void setShort(boolean bigEndian, byte[] a, int i, short v) {
        if (bigEndian) {
            I16_BE.set(a, i, v);
        } else {
            I16_LE.set(a, i, v);
        }
    }

    private static int getInt(boolean bigEndian, byte[] a, int i) {
        return bigEndian ? (int) I32_BE.get(a, i) : (int) I32_LE.get(a, i);
    }

    private static void setInt(boolean bigEndian, byte[] a, int i, int v) {
        if (bigEndian) {
            I32_BE.set(a, i, v);
        } else {
            I32_LE.set(a, i, v);
        }
    }

    private static long getLong(boolean bigEndian, byte[] a, int i) {
        return bigEndian ? (long) I64_BE.get(a, i) : (long) I64_LE.get(a, i);
    }

    private static void setLong(boolean bigEndian, byte[] a, int i, long v) {
        if (bigEndian) {
            I64_BE.set(a, i, v);
        } else {
            I64_LE.set(a, i, v);
        }
    }

    /**
     * C {@code int8_t} / ctypes {@code c_int8}: javolution's member, read and written straight from this
     * struct's heap array when it has one (see the class comment).
     */
    public class Signed8 extends Struct.Signed8 {
        private final boolean whole;

        /**
         * Declares the field at the next position.
         */
        public Signed8() {
            whole = true;
        }

        /**
         * Declares a bit field (javolution's; bit fields are not ctypes-checked, see the class comment).
         *
         * @param nbrOfBits the number of bits
         */
        public Signed8(int nbrOfBits) {
            super(nbrOfBits);
            whole = nbrOfBits == 8;
        }

        @Override
        public byte get() {
            byte[] a = whole ? fastBytes() : null;
            return a == null ? super.get() : a[index(this)];
        }

        @Override
        public void set(byte value) {
            byte[] a = whole ? fastBytes() : null;
            if (a == null) {
                super.set(value);
            } else {
                a[index(this)] = value;
            }
        }
    }

    /**
     * C {@code uint8_t} / ctypes {@code c_uint8}: javolution's member, read and written straight from this
     * struct's heap array when it has one (see the class comment).
     */
    public class Unsigned8 extends Struct.Unsigned8 {
        private final boolean whole;

        /**
         * Declares the field at the next position.
         */
        public Unsigned8() {
            whole = true;
        }

        /**
         * Declares a bit field (javolution's; bit fields are not ctypes-checked, see the class comment).
         *
         * @param nbrOfBits the number of bits
         */
        public Unsigned8(int nbrOfBits) {
            super(nbrOfBits);
            whole = nbrOfBits == 8;
        }

        @Override
        public short get() {
            byte[] a = whole ? fastBytes() : null;
            return a == null ? super.get() : (short) (a[index(this)] & 0xFF);
        }

        @Override
        public void set(short value) {
            byte[] a = whole ? fastBytes() : null;
            if (a == null) {
                super.set(value);
            } else {
                a[index(this)] = (byte) value;
            }
        }
    }

    /**
     * C {@code int16_t} / ctypes {@code c_int16}: javolution's member, read and written straight from this
     * struct's heap array when it has one (see the class comment).
     */
    public class Signed16 extends Struct.Signed16 {
        private final boolean whole;
        /** This struct's byte order (constant, as javolution requires), for the direct reads and writes. */
        private final boolean bigEndian = bigEndian();

        /**
         * Declares the field at the next position (aligned to 2 bytes when not packed).
         */
        public Signed16() {
            whole = true;
        }

        /**
         * Declares a bit field (javolution's; bit fields are not ctypes-checked, see the class comment).
         *
         * @param nbrOfBits the number of bits
         */
        public Signed16(int nbrOfBits) {
            super(nbrOfBits);
            whole = nbrOfBits == 16;
        }

        @Override
        public short get() {
            byte[] a = whole ? fastBytes() : null;
            return a == null ? super.get() : getShort(bigEndian, a, index(this));
        }

        @Override
        public void set(short value) {
            byte[] a = whole ? fastBytes() : null;
            if (a == null) {
                super.set(value);
            } else {
                setShort(bigEndian, a, index(this), value);
            }
        }
    }

    /**
     * C {@code uint16_t} / ctypes {@code c_uint16}: javolution's member, read and written straight from this
     * struct's heap array when it has one (see the class comment).
     */
    public class Unsigned16 extends Struct.Unsigned16 {
        private final boolean whole;
        /** This struct's byte order (constant, as javolution requires), for the direct reads and writes. */
        private final boolean bigEndian = bigEndian();

        /**
         * Declares the field at the next position (aligned to 2 bytes when not packed).
         */
        public Unsigned16() {
            whole = true;
        }

        /**
         * Declares a bit field (javolution's; bit fields are not ctypes-checked, see the class comment).
         *
         * @param nbrOfBits the number of bits
         */
        public Unsigned16(int nbrOfBits) {
            super(nbrOfBits);
            whole = nbrOfBits == 16;
        }

        @Override
        public int get() {
            byte[] a = whole ? fastBytes() : null;
            return a == null ? super.get() : getShort(bigEndian, a, index(this)) & 0xFFFF;
        }

        @Override
        public void set(int value) {
            byte[] a = whole ? fastBytes() : null;
            if (a == null) {
                super.set(value);
            } else {
                setShort(bigEndian, a, index(this), (short) value);
            }
        }
    }

    /**
     * C {@code int32_t} / ctypes {@code c_int32}: javolution's member, read and written straight from this
     * struct's heap array when it has one (see the class comment).
     */
    public class Signed32 extends Struct.Signed32 {
        private final boolean whole;
        /** This struct's byte order (constant, as javolution requires), for the direct reads and writes. */
        private final boolean bigEndian = bigEndian();

        /**
         * Declares the field at the next position (aligned to 4 bytes when not packed).
         */
        public Signed32() {
            whole = true;
        }

        /**
         * Declares a bit field (javolution's; bit fields are not ctypes-checked, see the class comment).
         *
         * @param nbrOfBits the number of bits
         */
        public Signed32(int nbrOfBits) {
            super(nbrOfBits);
            whole = nbrOfBits == 32;
        }

        @Override
        public int get() {
            byte[] a = whole ? fastBytes() : null;
            return a == null ? super.get() : getInt(bigEndian, a, index(this));
        }

        @Override
        public void set(int value) {
            byte[] a = whole ? fastBytes() : null;
            if (a == null) {
                super.set(value);
            } else {
                setInt(bigEndian, a, index(this), value);
            }
        }
    }

    /**
     * C {@code uint32_t} / ctypes {@code c_uint32}: javolution's member, read and written straight from this
     * struct's heap array when it has one (see the class comment).
     */
    public class Unsigned32 extends Struct.Unsigned32 {
        private final boolean whole;
        /** This struct's byte order (constant, as javolution requires), for the direct reads and writes. */
        private final boolean bigEndian = bigEndian();

        /**
         * Declares the field at the next position (aligned to 4 bytes when not packed).
         */
        public Unsigned32() {
            whole = true;
        }

        /**
         * Declares a bit field (javolution's; bit fields are not ctypes-checked, see the class comment).
         *
         * @param nbrOfBits the number of bits
         */
        public Unsigned32(int nbrOfBits) {
            super(nbrOfBits);
            whole = nbrOfBits == 32;
        }

        @Override
        public long get() {
            byte[] a = whole ? fastBytes() : null;
            return a == null ? super.get() : getInt(bigEndian, a, index(this)) & 0xFFFF_FFFFL;
        }

        @Override
        public void set(long value) {
            byte[] a = whole ? fastBytes() : null;
            if (a == null) {
                super.set(value);
            } else {
                setInt(bigEndian, a, index(this), (int) value);
            }
        }
    }

    /**
     * C {@code int64_t} / ctypes {@code c_int64}: javolution's member, read and written straight from this
     * struct's heap array when it has one (see the class comment).
     */
    public class Signed64 extends Struct.Signed64 {
        private final boolean whole;
        /** This struct's byte order (constant, as javolution requires), for the direct reads and writes. */
        private final boolean bigEndian = bigEndian();

        /**
         * Declares the field at the next position (aligned to 8 bytes when not packed).
         */
        public Signed64() {
            whole = true;
        }

        /**
         * Declares a bit field (javolution's; bit fields are not ctypes-checked, see the class comment).
         *
         * @param nbrOfBits the number of bits
         */
        public Signed64(int nbrOfBits) {
            super(nbrOfBits);
            whole = nbrOfBits == 64;
        }

        @Override
        public long get() {
            byte[] a = whole ? fastBytes() : null;
            return a == null ? super.get() : getLong(bigEndian, a, index(this));
        }

        @Override
        public void set(long value) {
            byte[] a = whole ? fastBytes() : null;
            if (a == null) {
                super.set(value);
            } else {
                setLong(bigEndian, a, index(this), value);
            }
        }
    }

    /**
     * C {@code float} / ctypes {@code c_float}: javolution's member, read and written straight from this
     * struct's heap array when it has one (see the class comment). The bits are copied as they are, NaN
     * payloads included.
     */
    public class Float32 extends Struct.Float32 {
        /** This struct's byte order (constant, as javolution requires), for the direct reads and writes. */
        private final boolean bigEndian = bigEndian();

        /**
         * Declares the field at the next position (aligned to 4 bytes when not packed).
         */
        public Float32() {
        }

        @Override
        public float get() {
            byte[] a = fastBytes();
            return a == null ? super.get() : Float.intBitsToFloat(getInt(bigEndian, a, index(this)));
        }

        @Override
        public void set(float value) {
            byte[] a = fastBytes();
            if (a == null) {
                super.set(value);
            } else {
                setInt(bigEndian, a, index(this), Float.floatToRawIntBits(value));
            }
        }
    }

    /**
     * C {@code double} / ctypes {@code c_double}: javolution's member, read and written straight from this
     * struct's heap array when it has one (see the class comment). The bits are copied as they are, NaN
     * payloads included.
     */
    public class Float64 extends Struct.Float64 {
        /** This struct's byte order (constant, as javolution requires), for the direct reads and writes. */
        private final boolean bigEndian = bigEndian();

        /**
         * Declares the field at the next position (aligned to 8 bytes when not packed).
         */
        public Float64() {
        }

        @Override
        public double get() {
            byte[] a = fastBytes();
            return a == null ? super.get() : Double.longBitsToDouble(getLong(bigEndian, a, index(this)));
        }

        @Override
        public void set(double value) {
            byte[] a = fastBytes();
            if (a == null) {
                super.set(value);
            } else {
                setLong(bigEndian, a, index(this), Double.doubleToRawLongBits(value));
            }
        }
    }

    /**
     * C {@code bool} / ctypes {@code c_bool}: one byte, {@code 0x01} for true and {@code 0x00} for false;
     * any non-zero byte reads as true.
     */
    public class Bool extends Member {

        /**
         * Declares the field at the next position.
         */
        public Bool() {
            super(8, 1);
        }

        /**
         * {@return whether the byte is non-zero}
         */
        public boolean get() {
            byte[] a = fastBytes();
            return (a == null ? getByteBuffer().get(index(this)) : a[index(this)]) != 0;
        }

        /**
         * Writes the boolean as one byte.
         *
         * @param value written as {@code 0x01} or {@code 0x00}
         */
        public void set(boolean value) {
            byte[] a = fastBytes();
            if (a == null) {
                getByteBuffer().put(index(this), (byte) (value ? 1 : 0));
            } else {
                a[index(this)] = (byte) (value ? 1 : 0);
            }
        }

        @Override
        public String toString() {
            return String.valueOf(get());
        }
    }

    /**
     * C {@code uint64_t} / ctypes {@code c_uint64}: eight bytes, unsigned. Java has no unsigned
     * {@code long}: {@link #get()} returns the same 64 bits as a signed {@code long} (use
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned(long, long)}), and
     * {@link #getUnsigned()} the exact value.
     */
    public class Unsigned64 extends Member {
        private static final long NO_SIGN = Long.MAX_VALUE;
        /** This struct's byte order (constant, as javolution requires), for the direct reads and writes. */
        private final boolean bigEndian = bigEndian();

        /**
         * Declares the field at the next position (aligned to 8 bytes when not packed).
         */
        public Unsigned64() {
            super(64, 8);
        }

        /**
         * {@return the 64 bits, as a signed {@code long} (values from 2<sup>63</sup> up read as negative)}
         */
        public long get() {
            byte[] a = fastBytes();
            return a == null ? getByteBuffer().getLong(index(this)) : getLong(bigEndian, a, index(this));
        }

        /**
         * Writes the 64 bits as they are, so a {@code long} read from a C {@code uint64_t} writes back
         * unchanged.
         *
         * @param bits the 64 bits to write (a negative {@code long} writes a value from 2<sup>63</sup> up)
         */
        public void set(long bits) {
            byte[] a = fastBytes();
            if (a == null) {
                getByteBuffer().putLong(index(this), bits);
            } else {
                setLong(bigEndian, a, index(this), bits);
            }
        }

        /**
         * {@return the value, 0 to 2<sup>64</sup> &minus; 1}
         */
        public BigInteger getUnsigned() {
            long bits = get();
            BigInteger low = BigInteger.valueOf(bits & NO_SIGN);
            return bits < 0 ? low.setBit(63) : low;
        }

        /**
         * Writes an unsigned value given as a {@code BigInteger}, for values from 2<sup>63</sup> up that a
         * {@code long} shows only as negative.
         *
         * @param value 0 to 2<sup>64</sup> &minus; 1
         * @throws IllegalArgumentException if the value is negative or does not fit in 64 bits
         */
        public void setUnsigned(BigInteger value) {
            if (value.signum() < 0 || value.bitLength() > 64) {
                throw new IllegalArgumentException("not an unsigned 64-bit value: " + value);
            }
            set(value.longValue());
        }

        @Override
        public String toString() {
            return Long.toUnsignedString(get());
        }
    }

    /**
     * C {@code char name[N]} / ctypes {@code c_char * N}: a field of exactly N bytes holding UTF-8 text.
     *
     * <p>{@link #set(String)} writes the text's UTF-8 bytes and fills the rest of the field with zeros, as
     * C's {@code strncpy} does. A fresh ctypes struct has the same bytes; ctypes assigning into a used struct
     * writes one zero after the text and leaves the old bytes behind it (the text read back is the same, and
     * no stale bytes leave this side). Text of exactly N bytes has no terminating zero (as in ctypes);
     * text longer than N bytes is refused (ctypes raises {@code ValueError}), never cut or overrun.
     * {@link #get()} reads up to the first zero byte or the end of the field.
     */
    public class UTF8String extends Member {
        private final int size;

        /**
         * Declares the field at the next position.
         *
         * @param sizeInBytes the field's size in bytes (C's N), at least 1
         * @throws IllegalArgumentException if the size is below 1
         */
        public UTF8String(int sizeInBytes) {
            super(checkSize(sizeInBytes) << 3, 1);
            this.size = sizeInBytes;
        }

        /**
         * {@return the field's size in bytes}
         */
        public int size() {
            return size;
        }

        /**
         * Writes the text's UTF-8 bytes, then zeros to the end of the field.
         *
         * @param text the text (no NUL characters: a C reader would stop there)
         * @throws IllegalArgumentException if the text is longer than the field in UTF-8 bytes, contains a
         *     NUL character, or is not well-formed (an unpaired surrogate)
         */
        public void set(String text) {
            if (text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("text contains a NUL character, which ends a C string");
            }
            byte[] bytes;
            try {
                bytes = utf8Strictly(text);
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("text is not well-formed Unicode: " + e.getMessage(), e);
            }
            setBytes(bytes);
        }

        /**
         * Writes raw bytes, then zeros to the end of the field.
         *
         * @param bytes at most {@link #size()} bytes
         * @throws IllegalArgumentException if there are more bytes than the field holds
         */
        public void setBytes(byte[] bytes) {
            if (bytes.length > size) {
                throw new IllegalArgumentException(
                    "text too long: " + bytes.length + " bytes in UTF-8, the field holds " + size);
            }
            ByteBuffer buffer = buffer();
            int start = index(this);
            for (int i = 0; i < size; i++) {
                buffer.put(start + i, i < bytes.length ? bytes[i] : 0);
            }
        }

        /**
         * {@return the bytes up to the first zero byte, or all {@link #size()} bytes when there is none}
         */
        public byte[] getBytes() {
            ByteBuffer buffer = buffer();
            int start = index(this);
            int length = 0;
            while (length < size && buffer.get(start + length) != 0) {
                length++;
            }
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = buffer.get(start + i);
            }
            return bytes;
        }

        /**
         * {@return the text up to the first zero byte, decoded strictly as UTF-8}
         *
         * @throws IllegalStateException if those bytes are not valid UTF-8 (use {@link #getBytes()} for
         *     other encodings)
         */
        public String get() {
            byte[] bytes = getBytes();
            try {
                return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("field at offset " + offset() + " is not valid UTF-8: "
                    + HexFormat.ofDelimiter(" ").formatHex(bytes), e);
            }
        }

        @Override
        public String toString() {
            return new String(getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int checkSize(int sizeInBytes) {
        if (sizeInBytes < 1) {
            throw new IllegalArgumentException("a string field needs at least 1 byte, got " + sizeInBytes);
        }
        return sizeInBytes;
    }

    /**
     * The text's UTF-8 bytes, strictly: an unpaired surrogate is refused, never replaced by {@code ?}.
     *
     * @param text the text
     * @return its bytes
     * @throws CharacterCodingException if it is not well-formed Unicode
     */
    static byte[] utf8Strictly(String text) throws CharacterCodingException {
        ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .encode(CharBuffer.wrap(text));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }
}
