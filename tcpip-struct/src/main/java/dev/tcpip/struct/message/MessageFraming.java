package dev.tcpip.struct.message;

import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.framing.FrameDecoder;
import dev.tcpip.core.framing.Framing;
import dev.tcpip.core.framing.ReadBuffer;
import dev.tcpip.struct.Structs;
import io.vertx.core.buffer.Buffer;
import javolution.io.Struct;

/**
 * A {@link MessageProtocol}'s messages as a framing: a header, then the body its id names.
 * <pre>
 * +-----------------------------------+----------------------------------------------+
 * | header: headerSize bytes          | body: the struct registered for the id,       |
 * | (id, declared body size, ...)     | its size (the header's declared size must     |
 * |                                   | match it, when the header has a size field)   |
 * +-----------------------------------+----------------------------------------------+
 * </pre>
 * The header is checked as soon as it has arrived, before any of the body is buffered: a declared size
 * over {@link MessageProtocol#maxBodySize()} fails the read with {@link MessageSizeException} (not
 * skippable), an id with no registered body with {@link UnknownMessageException}, a declared size that is
 * not the registered body's with {@link MessageSizeException}; in each case the header is consumed and the
 * body is not. A message is taken whole: the body is decoded only once all of it has arrived. At end of
 * stream the read fails with {@link IncompleteReadException}: the header's bytes that arrived and the
 * header's size, or, after a whole header, the body's bytes and the body's size.
 *
 * <p>Header and body are decoded straight from the bytes received into their structs. A framing made to
 * reuse structs ({@link MessageChannel#readReusedMessage()}'s, one per channel) decodes every message into
 * the same header and, per id, the same body and {@link Message}; the other makes new ones per message. A
 * header carried by a {@link MessageException} is always a struct of its own.
 *
 * @param <H> the header type
 */
final class MessageFraming<H extends Struct & MessageHeader> implements Framing<Message<H>> {
    private final MessageProtocol<H> protocol;
    /** The header every message is decoded into, when reusing; null otherwise. */
    private final H reusedHeader;
    /** When reusing: per registered id (by its index in the protocol), the message decoded into; else null. */
    private final Message<H>[] reusedMessages;

    @SuppressWarnings("unchecked")
    MessageFraming(MessageProtocol<H> protocol, boolean reuse) {
        this.protocol = protocol;
        this.reusedHeader = reuse ? protocol.newHeader() : null;
        this.reusedMessages = reuse ? (Message<H>[]) new Message<?>[protocol.registeredCount()] : null;
    }

    @Override
    public FrameDecoder<Message<H>> newDecoder() {
        return new Decoder();
    }

    /** Writing needs a stamped header: {@link MessageChannel#writeMessage(Struct)} does it. */
    @Override
    public Buffer encode(Message<H> frame) {
        return Structs.encode(frame.header(), frame.body());
    }

    @Override
    public int maxFrameLength() {
        return protocol.maxBodySize();
    }

    /** The message whose header has been decoded, its body at {@code from}; {@code index} is its id's in the protocol. */
    private Message<H> decodeBody(ReadBuffer in, int from, H header, int index) {
        if (reusedMessages == null) {
            return new Message<>(header, Structs.decode(in, from, protocol.newBodyAt(index)));
        }
        Message<H> message = reusedMessages[index];
        if (message == null) {
            message = new Message<>(header, protocol.newBodyAt(index));
            reusedMessages[index] = message;
        }
        Structs.decode(in, from, message.body());
        return message;
    }

    /** One message read: the header once decoded and checked, then the body. */
    private final class Decoder implements FrameDecoder<Message<H>> {
        private H header;
        private int bodyIndex;
        private int bodySize;

        @Override
        public Message<H> decode(ReadBuffer in) {
            int headerSize = protocol.headerSize();
            if (header == null) {
                if (in.available() < headerSize) {
                    return null;
                }
                H h = Structs.decode(in, 0, reusedHeader != null ? reusedHeader : protocol.newHeader());
                bodySize = check(h, in, headerSize);
                header = h;
            }
            if (in.available() < headerSize + bodySize) {
                return null;
            }
            Message<H> message = decodeBody(in, headerSize, header, bodyIndex);
            in.skip(headerSize + bodySize);
            return message;
        }

        /** The body's size, or the header consumed and the read failed as the class description says. */
        private int check(H h, ReadBuffer in, int headerSize) {
            long id = h.messageId();
            long declared = h.bodySize();
            int index = protocol.indexOf(id);
            int expected = index < 0 ? -1 : protocol.bodySizeAt(index);
            if (declared > protocol.maxBodySize()) {
                // Checked first, whatever the id: a size past the limit is never allocated, read or skipped.
                H own = own(h, in);
                in.skip(headerSize);
                throw new MessageSizeException(own, expected, protocol.maxBodySize(), false);
            }
            if (expected < 0) {
                H own = own(h, in);
                in.skip(headerSize);
                throw new UnknownMessageException(own, declared >= 0);
            }
            if (declared >= 0 && declared != expected) {
                H own = own(h, in);
                in.skip(headerSize);
                throw new MessageSizeException(own, expected, protocol.maxBodySize(), true);
            }
            bodyIndex = index;
            return expected;
        }

        /** The header for an exception: a struct of its own, which the next message cannot overwrite. */
        private H own(H h, ReadBuffer in) {
            return h == reusedHeader ? Structs.decode(in, 0, protocol.newHeader()) : h;
        }

        @Override
        public Message<H> decodeAtEnd(ReadBuffer in) {
            int headerSize = protocol.headerSize();
            if (header == null) {
                throw new IncompleteReadException(in.take(in.available()), headerSize, in.failure());
            }
            in.skip(headerSize);
            throw new IncompleteReadException(in.take(in.available()), bodySize, in.failure());
        }
    }
}
