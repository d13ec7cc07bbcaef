package dev.tcpip.struct.message;

import javolution.io.Struct;

import java.util.Objects;

/**
 * One message read by {@link MessageChannel#readMessage()}: its header and its typed body, both fresh
 * structs that belong to the caller.
 *
 * @param header the header, as received
 * @param body   the body, an instance of the struct type registered for the header's id
 * @param <H>    the protocol's header type
 */
public record Message<H extends Struct & MessageHeader>(H header, Struct body) {

    /**
     * Creates a message from its two parts; neither may be null.
     *
     * @param header the header
     * @param body   the body
     */
    public Message {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
    }

    /**
     * {@return the header's message id}
     */
    public long id() {
        return header.messageId();
    }

    /**
     * Gives the body as the type the caller expects, for a caller that knows it from {@link #id()}.
     *
     * @param type the expected body type
     * @param <B>  the body type
     * @return the body as that type
     * @throws ClassCastException naming both types, if the body is of another type
     */
    public <B extends Struct> B body(Class<B> type) {
        if (!type.isInstance(body)) {
            throw new ClassCastException("message " + id() + " has a " + body.getClass().getName()
                + " body, not a " + type.getName());
        }
        return type.cast(body);
    }
}
