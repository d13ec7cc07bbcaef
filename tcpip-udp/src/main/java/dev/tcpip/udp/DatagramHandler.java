package dev.tcpip.udp;

import io.vertx.core.net.SocketAddress;

/**
 * What a datagram endpoint does with each datagram (python-easyservers' {@code handler(message, address,
 * send)}): called with the decoded message, who sent it, and a {@link DatagramReply} that sends to any
 * address. Where it runs is the endpoint's choice ({@link DatagramOptions#setHandlerThreads}): by default in
 * order on the endpoint's context, where it must not block.
 *
 * <p>An exception it throws is caught, logged and counted ({@link DatagramEndpoint#handlerFailures()}); the
 * endpoint goes on with the next datagram.
 *
 * @param <T> the message type
 */
@FunctionalInterface
public interface DatagramHandler<T> {
    /**
     * Handles one datagram.
     *
     * @param message the message, decoded by the endpoint's codec; never a datagram cut short
     * @param sender  the address it came from (UDP sources can be forged: do not trust it for security)
     * @param reply   sends datagrams, to the sender or any address
     * @throws Exception anything; caught, logged and counted
     */
    void handle(T message, SocketAddress sender, DatagramReply<T> reply) throws Exception;
}
