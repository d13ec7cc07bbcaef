package dev.tcpip.udp;

import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;

/**
 * Sends datagrams from an endpoint's socket (python-easyservers' {@code send(msg, address)}): a message in
 * the endpoint's codec, or text in its charset whatever the codec, so a String reply always works. Each send
 * is one datagram. May be called from any thread.
 *
 * @param <T> the message type
 */
public interface DatagramReply<T> {
    /**
     * Sends a message as one datagram.
     *
     * @param message the message, encoded by the endpoint's codec
     * @param to      where to send it
     * @return completed once the datagram is handed to the operating system; failed with
     *     {@link IllegalArgumentException} if it encodes to more than the maximum datagram size, with
     *     {@link IllegalStateException} before the endpoint is started or after it is closed, or with the
     *     operating system's error
     */
    Future<Void> send(T message, SocketAddress to);

    /**
     * Sends text as one datagram, in the endpoint's charset, whatever its codec.
     *
     * @param text the text
     * @param to   where to send it
     * @return as {@link #send}
     */
    Future<Void> sendText(String text, SocketAddress to);
}
