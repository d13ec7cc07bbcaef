package dev.tcpip.struct.message;

import dev.tcpip.core.BaseClientOrServer;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.framing.ExactLength;
import dev.tcpip.struct.Structs;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import javolution.io.Struct;

import java.time.Instant;

/**
 * Reads and writes the messages of a {@link MessageProtocol} on one endpoint. Get one from
 * {@link MessageProtocol#channel(BaseClientOrServer)}.
 *
 * <p>Reads: {@link #readMessage()} reads one message in the protocol's framing
 * ({@link MessageProtocol#framing()}): a header, checked as soon as it has arrived, then the body struct
 * registered for its id, taken whole. Message reads queue with every other read of the endpoint, in the
 * order asked for, so a body always stays with its own header. {@link #readReusedMessage()} reads the same
 * way into structs the channel reuses, for a reader that is done with each message before the next.
 *
 * <p>Writes: {@link #writeMessage(Struct)} stamps a header (id, the next sequence number, the protocol's
 * clock, the body size) and sends header and body in one write. Stamping happens on the endpoint's
 * context, so sequence numbers go out in order even when several threads write.
 *
 * <p>All state is confined to the endpoint's context; methods may be called from any thread.
 *
 * @param <H> the protocol's header type
 */
public final class MessageChannel<H extends Struct & MessageHeader> {

    private final MessageProtocol<H> protocol;
    private final BaseClientOrServer endpoint;
    private final byte[] zeroHeader;
    /** The framing of {@link #readReusedMessage()}: its structs are this channel's. */
    private final MessageFraming<H> reusing;

    // Confined to the endpoint's context.
    private volatile long sequence;   // written on the context only; volatile for lastSequence()
    private H outgoingHeader;

    MessageChannel(MessageProtocol<H> protocol, BaseClientOrServer endpoint) {
        this.protocol = protocol;
        this.endpoint = endpoint;
        this.zeroHeader = new byte[protocol.headerSize()];
        this.reusing = new MessageFraming<>(protocol, true);
    }

    /**
     * {@return the protocol}
     */
    public MessageProtocol<H> protocol() {
        return protocol;
    }

    /**
     * {@return the endpoint this channel reads and writes}
     */
    public BaseClientOrServer endpoint() {
        return endpoint;
    }

    /**
     * Reads one message.
     *
     * @return the header and typed body; fails with {@link MessageSizeException} for a declared size above
     *     {@link MessageProtocol#maxBodySize()}, whatever the id (as soon as the header has arrived: nothing
     *     is allocated or awaited for that size, and it cannot be skipped), with {@link UnknownMessageException}
     *     for an id with no registered body, or {@link MessageSizeException} for a declared size that does not
     *     match the registered body: in each case the header is consumed and the body is not, see
     *     {@link MessageException}. Fails with {@link IncompleteReadException} if the stream ends inside the
     *     header or the body, by a close, a half-close or a reset ({@code partial()} holds the bytes of the
     *     header or of the body that arrived, {@code expected()} the header's or the body's size, and the
     *     cause is the socket error for a reset, null otherwise), after the endpoint has closed the
     *     connection and called its connect callback; and with {@link NotConnectedException} when not
     *     connected.
     */
    public Future<Message<H>> readMessage() {
        return endpoint.read(protocol.framing());
    }

    /**
     * Reads one message as {@link #readMessage()} does, but into structs this channel keeps and fills again at
     * each of these reads: one header, and per message id one body and one {@link Message}. No struct is
     * made per message, which is what a reader that converts or copies each message at once (to JSON, say)
     * wants at a high message rate.
     *
     * <p>So the message is only valid until the next {@code readReusedMessage()} on this channel is decoded:
     * use it, or copy what you keep, before you ask for the next one (a read loop that asks for the next
     * message when it is done with the last does). Several of these reads pending at once would each see
     * the last one's bytes. A {@link MessageException}'s {@code header()} is a struct of its own.
     *
     * <pre>{@code
     * channel.readReusedMessage()   // converted in the callback, before the next read is asked for
     *     .onSuccess(m -> bus.publish("telemetry", StructJson.toJson(m.body())));
     * }</pre>
     *
     * @return the message, in this channel's structs; fails as {@link #readMessage()} does
     */
    public Future<Message<H>> readReusedMessage() {
        return endpoint.read(reusing);
    }

    /**
     * Reads and discards the body of a message that {@link #readMessage()} refused, so that reading can go on.
     *
     * @param refused the error of the refused read
     * @return completes when the body's bytes have been consumed; fails with {@link IllegalStateException} if
     *     the body cannot be skipped ({@link MessageException#skippable()} is false), or with the read errors
     *     of {@link #readMessage()}
     */
    public Future<Void> skipBody(MessageException refused) {
        if (!refused.skippable()) {
            return Future.failedFuture(new IllegalStateException("cannot skip the body: " + refused.getMessage()));
        }
        int size = (int) refused.header().bodySize();
        return endpoint.read(ExactLength.of(size)).mapEmpty();
    }

    /**
     * Sends a body after a freshly stamped header, in one write. The body's bytes are copied at this call.
     *
     * @param body an instance of a registered body type
     * @return the sequence number stamped into the header (to match replies that echo it), once the bytes
     *     are queued, as {@link BaseClientOrServer#write} completes; fails with {@link IllegalArgumentException} if the
     *     body's type is not registered, or {@link NotConnectedException} when not connected
     */
    public Future<Long> writeMessage(Struct body) {
        long id;
        Buffer frame;
        try {
            id = protocol.idOf(body.getClass());
            frame = Buffer.buffer(protocol.headerSize() + body.size()).appendBytes(zeroHeader);
            Structs.appendTo(frame, body);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        int bodySize = frame.length() - zeroHeader.length;
        return endpoint.onContext(() -> {
            if (!endpoint.connected()) {
                // Let write() report it, without spending a sequence number.
                return endpoint.write(frame).map(v -> sequence);
            }
            if (outgoingHeader == null) {
                outgoingHeader = protocol.newHeader();
            }
            long stamped = ++sequence;
            outgoingHeader.stamp(id, stamped, Instant.now(protocol.clock()), bodySize);
            Structs.encodeAt(frame, 0, outgoingHeader);
            Future<Void> written = endpoint.write(frame);
            // Usually queued at once: then no mapping future per message.
            return written.succeeded() ? Future.succeededFuture(stamped) : written.map(v -> stamped);
        });
    }

    /**
     * Starts the sequence again: the next message written is stamped 1. Protocols that count per connection
     * call this when a client connects (a server's channel outlives its clients).
     *
     * @return completes once reset, on the endpoint's context
     */
    public Future<Void> resetSequence() {
        return endpoint.onContext(() -> {
            sequence = 0;
            return Future.succeededFuture();
        });
    }

    /**
     * {@return the sequence number of the last message this channel stamped, 0 before the first (from another
     *     thread, a value that may already be behind; {@link #writeMessage(Struct)} gives each message's own)}
     */
    public long lastSequence() {
        return sequence;
    }
}
