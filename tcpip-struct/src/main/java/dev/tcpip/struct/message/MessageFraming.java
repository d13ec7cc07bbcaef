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
 * @param <H> the header type
 */
final class MessageFraming<H extends Struct & MessageHeader> implements Framing<Message<H>> {
    private final MessageProtocol<H> protocol;

    MessageFraming(MessageProtocol<H> protocol) {
        this.protocol = protocol;
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

    /** One message read: the header once decoded and checked, then the body. */
    private final class Decoder implements FrameDecoder<Message<H>> {
        private H header;
        private int bodySize;

        @Override
        public Message<H> decode(ReadBuffer in) {
            int headerSize = protocol.headerSize();
            if (header == null) {
                if (in.available() < headerSize) {
                    return null;
                }
                H h = Structs.decode(in.copy(0, headerSize), 0, protocol.newHeader());
                bodySize = check(h, in, headerSize);
                header = h;
            }
            if (in.available() < headerSize + bodySize) {
                return null;
            }
            in.skip(headerSize);
            Struct body = Structs.decode(in.take(bodySize), 0, protocol.newBody(header.messageId()));
            return new Message<>(header, body);
        }

        /** The body's size, or the header consumed and the read failed as the class description says. */
        private int check(H h, ReadBuffer in, int headerSize) {
            long id = h.messageId();
            long declared = h.bodySize();
            boolean registered = protocol.isRegistered(id);
            if (declared > protocol.maxBodySize()) {
                // Checked first, whatever the id: a size past the limit is never allocated, read or skipped.
                in.skip(headerSize);
                throw new MessageSizeException(h, registered ? protocol.bodySize(id) : -1, protocol.maxBodySize(), false);
            }
            if (!registered) {
                in.skip(headerSize);
                throw new UnknownMessageException(h, declared >= 0);
            }
            int expected = protocol.bodySize(id);
            if (declared >= 0 && declared != expected) {
                in.skip(headerSize);
                throw new MessageSizeException(h, expected, protocol.maxBodySize(), true);
            }
            return expected;
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
