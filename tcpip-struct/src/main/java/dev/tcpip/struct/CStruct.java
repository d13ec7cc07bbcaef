package dev.tcpip.struct;

import javolution.io.Struct;

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
 *   <tr><td>{@code int8_t}</td><td>{@code c_int8}, {@code c_byte}, {@code c_char}</td><td>{@code Signed8}</td><td>1</td></tr>
 *   <tr><td>{@code uint8_t}</td><td>{@code c_uint8}, {@code c_ubyte}</td><td>{@code Unsigned8}</td><td>1</td></tr>
 *   <tr><td>{@code int16_t}</td><td>{@code c_int16}, {@code c_short}</td><td>{@code Signed16}</td><td>2</td></tr>
 *   <tr><td>{@code uint16_t}</td><td>{@code c_uint16}, {@code c_ushort}</td><td>{@code Unsigned16}</td><td>2</td></tr>
 *   <tr><td>{@code int32_t}</td><td>{@code c_int32}, {@code c_int}</td><td>{@code Signed32}</td><td>4</td></tr>
 *   <tr><td>{@code uint32_t}</td><td>{@code c_uint32}, {@code c_uint}</td><td>{@code Unsigned32}</td><td>4</td></tr>
 *   <tr><td>{@code int64_t}</td><td>{@code c_int64}, {@code c_longlong}</td><td>{@code Signed64}</td><td>8</td></tr>
 *   <tr><td>{@code uint64_t}</td><td>{@code c_uint64}, {@code c_ulonglong}</td><td>{@link Unsigned64} (this class's)</td><td>8</td></tr>
 *   <tr><td>{@code float}</td><td>{@code c_float}</td><td>{@code Float32}</td><td>4</td></tr>
 *   <tr><td>{@code double}</td><td>{@code c_double}</td><td>{@code Float64}</td><td>8</td></tr>
 *   <tr><td>{@code char[N]}</td><td>{@code c_char * N}</td><td>{@link UTF8String UTF8String(N)} (this class's: N bytes)</td><td>N</td></tr>
 *   <tr><td>{@code T[N]}</td><td>{@code T * N}</td><td>{@code array(new Float64[N])}</td><td>N &times; size</td></tr>
 *   <tr><td>{@code struct S}</td><td>a {@code Structure} field</td><td>{@code inner(new S())}</td><td>sizeof(S)</td></tr>
 * </table>
 * C's {@code long} is 8 bytes on 64-bit Linux and macOS but 4 on Windows: use the fixed-width types.
 *
 * <p>This class replaces three javolution members whose bytes differ from C: {@link Bool} writes
 * {@code 0x01} for true (javolution writes {@code 0xFF}), {@link UTF8String} counts its size in bytes and
 * never writes past its field (javolution counts characters, so non-ASCII text overran), and
 * {@link Unsigned64} exists (javolution has none). Inside a subclass these names resolve to this class's
 * versions.
 *
 * <p>Layout: override {@link #isPacked()} to return {@code false} for natural alignment (a plain ctypes
 * {@code Structure}: each field aligned to its size, the struct padded to its largest field). Byte order:
 * override {@link #byteOrder()} to return {@link ByteOrder#BIG_ENDIAN} for a ctypes
 * {@code BigEndianStructure} (network order). Both methods must return constants: javolution calls
 * {@code isPacked()} while the fields are being constructed. Packing is each struct's own (as ctypes'
 * {@code _pack_}); byte order is the outermost struct's, for every struct nested in it (javolution keeps one
 * byte order per buffer). A nested struct that does not override {@code byteOrder()} simply takes it; its
 * ctypes twin is then of the same endian class as the outer one (ctypes keeps each struct's own order: a
 * plain {@code Structure} inside a {@code BigEndianStructure} stays little-endian). A nested struct that
 * does override {@code byteOrder()} is written in its declared order or not at all: {@link #inner(Struct)}
 * refuses the mixed orders that ctypes allows and javolution cannot write (they used to come out silently
 * in the outer order). So a big-endian struct nests only in structs that declare big-endian themselves.
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

    /** Whether a struct class chooses its own byte order (overrides byteOrder() below CStruct / Struct). */
    private static final ClassValue<Boolean> DECLARES_BYTE_ORDER = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                Class<?> declaring = type.getMethod("byteOrder").getDeclaringClass();
                return declaring != CStruct.class && declaring != Struct.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    // Set while the fields are laid out, when this struct chooses no byte order but holds one that does.
    private ByteOrder requiredOrder;
    private String requiredBy;

    static {
        // javolution's Struct is initialized before this class; this only reports a wrong class path.
        JavolutionLogCheck.quiet();
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
     * @return the enclosing struct's byte order for a nested struct, else little-endian; override (at the
     *     outermost struct) to return {@link ByteOrder#BIG_ENDIAN} for network order
     */
    @Override
    public ByteOrder byteOrder() {
        Struct outer = outer();
        return outer != null ? outer.byteOrder() : ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * Nests a struct (and, through javolution's {@code array}, each element of a struct array), as javolution's
     * {@code inner}, after checking that its bytes can be written as ctypes writes them. Every nested struct is
     * written in the outermost struct's byte order, so a struct whose class overrides {@link #byteOrder()}, or
     * that holds (at any depth) such a struct, must have the byte order of this struct: this struct's own, or
     * little-endian when it does not override {@code byteOrder()}.
     *
     * @param struct the struct to nest, not yet nested anywhere
     * @param <S>    its type
     * @return the same struct
     * @throws IllegalArgumentException if the struct, or a struct in it, declares another byte order than this
     *     struct's (ctypes would write it in its own order; send structs of different orders separately
     *     instead), or if the struct is already nested
     */
    @Override
    protected <S extends Struct> S inner(S struct) {
        if (struct.outer() == null) {
            ByteOrder required = null;
            String declaredBy = null;      // the struct class that declares the order
            String problem = null;
            if (DECLARES_BYTE_ORDER.get(struct.getClass())) {
                required = struct.byteOrder();          // not nested yet: its own choice
                declaredBy = struct.getClass().getSimpleName();
                problem = declaredBy + " declares " + required;
            } else if (struct instanceof CStruct c && c.requiredOrder != null) {
                required = c.requiredOrder;
                declaredBy = c.requiredBy;
                problem = c.getClass().getSimpleName() + " holds " + declaredBy + ", which declares " + required + ",";
            }
            if (required != null) {
                ByteOrder here = byteOrder();
                String name = getClass().getSimpleName();
                if (!required.equals(here)) {
                    throw new IllegalArgumentException(problem + " but would be written " + here + " inside "
                        + name + ": nested structs take the outermost struct's byte order, so ctypes' mixed orders"
                        + " cannot be written; override byteOrder() in " + name + " to return " + required
                        + " as well (its ctypes twin is then a " + (required.equals(ByteOrder.BIG_ENDIAN)
                        ? "BigEndianStructure" : "LittleEndianStructure") + "), or send the structs separately");
                }
                if (!DECLARES_BYTE_ORDER.get(getClass())) {
                    requiredOrder = required;          // checked again where this struct is nested
                    requiredBy = declaredBy;
                }
            }
        }
        return super.inner(struct);
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
        return super.array(arrayMember);
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
         * @return whether the byte is non-zero
         */
        public boolean get() {
            return getByteBuffer().get(index(this)) != 0;
        }

        /**
         * @param value written as {@code 0x01} or {@code 0x00}
         */
        public void set(boolean value) {
            getByteBuffer().put(index(this), (byte) (value ? 1 : 0));
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

        /**
         * Declares the field at the next position (aligned to 8 bytes when not packed).
         */
        public Unsigned64() {
            super(64, 8);
        }

        /**
         * @return the 64 bits, as a signed {@code long} (values from 2<sup>63</sup> up read as negative)
         */
        public long get() {
            return getByteBuffer().getLong(index(this));
        }

        /**
         * @param bits the 64 bits to write (a negative {@code long} writes a value from 2<sup>63</sup> up)
         */
        public void set(long bits) {
            getByteBuffer().putLong(index(this), bits);
        }

        /**
         * @return the value, 0 to 2<sup>64</sup> &minus; 1
         */
        public BigInteger getUnsigned() {
            long bits = get();
            BigInteger low = BigInteger.valueOf(bits & NO_SIGN);
            return bits < 0 ? low.setBit(63) : low;
        }

        /**
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
     * <p>{@link #set(String)} writes the text's UTF-8 bytes and fills the rest of the field with zeros,
     * as a fresh ctypes struct has them; text of exactly N bytes has no terminating zero (as in ctypes);
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
         * @return the field's size in bytes
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
            ByteBuffer encoded;
            try {
                encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("text is not well-formed Unicode: " + e.getMessage(), e);
            }
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
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
            ByteBuffer buffer = getByteBuffer();
            int start = index(this);
            for (int i = 0; i < size; i++) {
                buffer.put(start + i, i < bytes.length ? bytes[i] : 0);
            }
        }

        /**
         * @return the bytes up to the first zero byte, or all {@link #size()} bytes when there is none
         */
        public byte[] getBytes() {
            ByteBuffer buffer = getByteBuffer();
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
         * @return the text up to the first zero byte, decoded strictly as UTF-8
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
}
