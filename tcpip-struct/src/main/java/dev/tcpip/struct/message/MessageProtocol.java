package dev.tcpip.struct.message;

import dev.tcpip.core.BaseClientOrServer;
import dev.tcpip.core.framing.Framing;
import javolution.io.Struct;

import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A message protocol: a header struct followed by a body struct whose type depends on the header's id, as
 * telescope and instrument controllers speak. Immutable once built, so one instance serves every
 * connection; {@link #channel(BaseClientOrServer)} gives the per-connection reader and writer.
 *
 * <pre>
 * +----------------------+---------------------------------+
 * | header (H)           | body: the struct registered for |
 * | id, size, sequence.. | header.messageId(), bodySize    |
 * +----------------------+---------------------------------+
 * </pre>
 *
 * <pre>{@code
 * MessageProtocol<StandardHeader> protocol = MessageProtocol.builder(StandardHeader::new)
 *     .register(1, MoveCommand.class, MoveCommand::new)
 *     .register(2, StopCommand.class, StopCommand::new)
 *     .build();
 * }</pre>
 *
 * @param <H> the header struct type
 */
public final class MessageProtocol<H extends Struct & MessageHeader> {

    /** The default limit on a declared body size, when no registered body is larger. */
    public static final int DEFAULT_MAX_BODY_SIZE = 64 * 1024;

    private final Supplier<H> headerFactory;
    private final int headerSize;
    private final Framing<Message<H>> framing;
    /** The registered ids in ascending order, and their entries at the same index: found without boxing. */
    private final long[] ids;
    private final Entry<?>[] entries;
    private final Map<Class<?>, Entry<?>> byType;
    private final int maxBodySize;
    private final Clock clock;

    private MessageProtocol(Builder<H> b) {
        this.headerFactory = b.headerFactory;
        this.headerSize = b.headerSize;
        this.ids = b.byId.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        this.entries = new Entry<?>[ids.length];
        for (int i = 0; i < ids.length; i++) {
            entries[i] = b.byId.get(ids[i]);
        }
        this.byType = Map.copyOf(b.byType);
        int largest = Arrays.stream(entries).mapToInt(e -> e.size).max().orElse(0);
        if (b.maxBodySize >= 0 && b.maxBodySize < largest) {
            throw new IllegalArgumentException("maxBodySize " + b.maxBodySize + " is below the largest registered body ("
                + largest + " bytes)");
        }
        this.maxBodySize = b.maxBodySize >= 0 ? b.maxBodySize : Math.max(DEFAULT_MAX_BODY_SIZE, largest);
        this.clock = b.clock;
        this.framing = new MessageFraming<>(this, false);
    }

    /**
     * Starts a protocol.
     *
     * @param headerFactory makes a new, zeroed header struct
     * @param <H>           the header type
     * @return a builder
     */
    public static <H extends Struct & MessageHeader> Builder<H> builder(Supplier<H> headerFactory) {
        return new Builder<>(headerFactory);
    }

    /**
     * The reader and writer of this protocol on one endpoint. Make one per endpoint and keep it: it holds
     * the sequence counter of the messages it writes, and it keeps each message's header and body together
     * when several reads are pending.
     *
     * @param endpoint a client or server of tcpip-core
     * @return a new channel
     */
    public MessageChannel<H> channel(BaseClientOrServer endpoint) {
        return new MessageChannel<>(this, Objects.requireNonNull(endpoint, "endpoint"));
    }

    /**
     * {@return this protocol's messages as a framing (a header, then the body its id names), for
     *     {@code endpoint.read(protocol.framing())}; {@link MessageChannel#readMessage()} reads with it}
     */
    public Framing<Message<H>> framing() {
        return framing;
    }

    /**
     * {@return the header's size in bytes}
     */
    public int headerSize() {
        return headerSize;
    }

    /**
     * {@return the largest body size a header may declare; larger ones fail with {@link MessageSizeException}
     *     and cannot be skipped}
     */
    public int maxBodySize() {
        return maxBodySize;
    }

    /**
     * {@return the clock that stamps headers}
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Tells whether a body struct is registered for a message id.
     *
     * @param id a message id
     * @return whether a body is registered for it
     */
    public boolean isRegistered(long id) {
        return indexOf(id) >= 0;
    }

    /**
     * Gives the size of the body struct registered for a message id.
     *
     * @param id a registered message id
     * @return the registered body's size in bytes
     * @throws IllegalArgumentException if the id is not registered
     */
    public int bodySize(long id) {
        return entry(id).size;
    }

    /**
     * Gives the message id a body struct type is registered as.
     *
     * @param type a registered body type
     * @return its message id
     * @throws IllegalArgumentException if the type is not registered
     */
    public long idOf(Class<? extends Struct> type) {
        Entry<?> e = byType.get(type);
        if (e == null) {
            throw new IllegalArgumentException(type.getName() + " is not a registered message body; registered: "
                + byType.keySet().stream().map(Class::getSimpleName).sorted().toList());
        }
        return e.id;
    }

    H newHeader() {
        return headerFactory.get();
    }

    /** {@return the index of a registered id among {@link #registeredCount()}, or a negative number: for decoding} */
    int indexOf(long id) {
        return Arrays.binarySearch(ids, id);
    }

    /** {@return how many ids are registered} */
    int registeredCount() {
        return ids.length;
    }

    /** {@return the size of the body of the id at an index of {@link #indexOf}} */
    int bodySizeAt(int index) {
        return entries[index].size;
    }

    /** {@return a new body for the id at an index of {@link #indexOf}} */
    Struct newBodyAt(int index) {
        return entries[index].factory.get();
    }

    private Entry<?> entry(long id) {
        int i = indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("message id " + id + " is not registered; registered: "
                + Arrays.toString(ids));
        }
        return entries[i];
    }

    private static final class Entry<B extends Struct> {
        final long id;
        final Supplier<B> factory;
        final int size;

        Entry(long id, Supplier<B> factory, int size) {
            this.id = id;
            this.factory = factory;
            this.size = size;
        }
    }

    /**
     * Builds a {@link MessageProtocol}.
     *
     * @param <H> the header type
     */
    public static final class Builder<H extends Struct & MessageHeader> {
        private final Supplier<H> headerFactory;
        private final int headerSize;
        private final Map<Long, Entry<?>> byId = new HashMap<>();
        private final Map<Class<?>, Entry<?>> byType = new HashMap<>();
        private int maxBodySize = -1;
        private Clock clock = Clock.systemUTC();

        private Builder(Supplier<H> headerFactory) {
            this.headerFactory = Objects.requireNonNull(headerFactory, "headerFactory");
            H sample = Objects.requireNonNull(headerFactory.get(), "headerFactory returned null");
            this.headerSize = sample.size();
        }

        /**
         * Registers a body struct for an id.
         *
         * @param id      the message id, 0 or more
         * @param type    the body's class (a body's class must map to one id, so writing can find it)
         * @param factory makes a new, zeroed body
         * @param <B>     the body type
         * @return this builder
         * @throws IllegalArgumentException if the id or the type is already registered, the id is negative,
         *     or the factory makes an instance of another class
         */
        public <B extends Struct> Builder<H> register(long id, Class<B> type, Supplier<B> factory) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(factory, "factory");
            if (id < 0) {
                throw new IllegalArgumentException("message id must be 0 or more, got " + id);
            }
            if (byId.containsKey(id)) {
                throw new IllegalArgumentException("message id " + id + " is already registered");
            }
            if (byType.containsKey(type)) {
                throw new IllegalArgumentException(type.getName() + " is already registered, as id " + byType.get(type).id);
            }
            B sample = factory.get();
            if (sample == null || sample.getClass() != type) {
                throw new IllegalArgumentException("the factory for id " + id + " makes "
                    + (sample == null ? "null" : sample.getClass().getName()) + ", not " + type.getName());
            }
            Entry<B> e = new Entry<>(id, factory, sample.size());
            byId.put(id, e);
            byType.put(type, e);
            return this;
        }

        /**
         * Sets the largest body size a header may declare: a header that declares more fails the read with
         * {@link MessageSizeException}, and its body cannot be skipped.
         *
         * @param maxBodySize the largest body size a header may declare (default: the larger of
         *                    {@value #DEFAULT_MAX_BODY_SIZE} and the largest registered body)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder<H> maxBodySize(int maxBodySize) {
            if (maxBodySize < 0) {
                throw new IllegalArgumentException("maxBodySize must be 0 or more, got " + maxBodySize);
            }
            this.maxBodySize = maxBodySize;
            return this;
        }

        /**
         * Sets the clock that stamps the headers of written messages; a test can pass a fixed clock.
         *
         * @param clock the clock that stamps headers (default: {@link Clock#systemUTC()})
         * @return this builder
         */
        public Builder<H> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return the protocol}
         *
         * @throws IllegalArgumentException if {@code maxBodySize} is below the largest registered body
         */
        public MessageProtocol<H> build() {
            return new MessageProtocol<>(this);
        }
    }
}
