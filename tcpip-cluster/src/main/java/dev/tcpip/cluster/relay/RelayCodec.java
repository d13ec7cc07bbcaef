package dev.tcpip.cluster.relay;

import dev.tcpip.struct.message.Message;
import dev.tcpip.struct.message.MessageHeader;
import io.vertx.core.json.JsonObject;
import javolution.io.Struct;

/**
 * What a {@link StructRelay} needs to know of a controller's protocol: which messages are the replies to
 * commands (the others are published), how a message reads as JSON, and how a JSON command becomes a struct.
 *
 * <p>The relay reads with {@link dev.tcpip.struct.message.MessageChannel#readReusedMessage()}: a message
 * handed to these methods is filled again with the next message of its id once the method returns, so
 * convert it in the call and keep only the JSON (or a copy), never the message or its structs.
 *
 * @param <H> the protocol's header type
 */
public interface RelayCodec<H extends Struct & MessageHeader> {
    /**
     * {@return whether this message is the controller's reply to the oldest command not yet answered (the
     *     controller answers commands in order); a reply is returned to the command's sender, not published}
     *
     * @param message a message from the controller
     */
    boolean isReply(Message<H> message);

    /**
     * The message as published: JSON, or null for a message that is not published.
     *
     * @param message a message from the controller that is not a reply
     * @return its JSON form, or null to skip it
     */
    JsonObject toEvent(Message<H> message);

    /**
     * A reply as returned to the command's sender.
     *
     * @param reply the controller's reply
     * @return its JSON form
     */
    JsonObject toReply(Message<H> reply);

    /**
     * The command a JSON message asks for.
     *
     * @param command the JSON command sent to the relay's command address
     * @return the body to send (its header is the protocol's, stamped when it is written)
     * @throws IllegalArgumentException if the JSON is not a command; its message goes back to the sender
     */
    Struct toCommand(JsonObject command);
}
