package dev.tcpip.services.endpoint;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.message.MessageListener;
import dev.tcpip.core.message.MessageListenerOptions;
import dev.tcpip.core.message.MessageSocket;
import dev.tcpip.core.reconnect.ConnectionState;
import dev.tcpip.services.MessageSink;
import dev.tcpip.services.MessageSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;

/**
 * An endpoint that listens and serves one client at a time (pysocklib's servers), without their refused
 * window: the listening socket stays open for the endpoint's whole life, so a client that connects while
 * another is served is accepted and held (up to {@link QueueEndpointOptions#getWaitingClients()}; one more is
 * closed at once), then served when the one before has left. While it waits for a client its state is
 * CONNECTING; while it serves one, CONNECTED. Unless the options' reconnect policy reconnects, it ends once
 * its first client has left.
 *
 * @param <T> the message type
 */
public abstract class ServerEndpoint<T> extends QueueEndpoint<T> {
    private MessageListener<MessageSocket<T>> listener;
    private ReadStream<MessageSocket<T>> clients;
    private volatile int port = -1;

    /**
     * Creates a server endpoint; see {@link QueueEndpoint}'s constructor.
     *
     * @param vertx    the Vert.x instance
     * @param options  the options (copied)
     * @param codec    the message codec
     * @param receives whether it receives
     * @param inbound  where received messages go, or null for its own queue
     * @param sends    whether it sends
     * @param outbound what to send, or null for its own queue
     * @param kind     what it is, for logs
     */
    protected ServerEndpoint(Vertx vertx, QueueEndpointOptions options, PayloadCodec<T> codec,
                             boolean receives, MessageSink<T> inbound, boolean sends, MessageSource<T> outbound, String kind) {
        super(vertx, options, codec, receives, inbound, sends, outbound, kind);
    }

    /** {@return the port listened on (the one picked, for port 0), or -1 before it is bound} */
    public int port() {
        return port;
    }

    @Override
    protected final Future<Void> openTransport() {
        QueueEndpointOptions options = optionsHere();
        listener = MessageListener.create(vertx(), new MessageListenerOptions().setName(options.getName())
            .setHost(options.getHost()).setPort(options.getPort()).setFraming(options.framing())
            .setMaxConnections(1 + options.getWaitingClients()), codec());
        clients = listener.connections();
        clients.handler(this::accepted);
        return listener.listen().map(bound -> {
            port = bound;
            setState(ConnectionState.CONNECTING);
            return null;
        });
    }

    private void accepted(MessageSocket<T> socket) {
        // One client at a time: the next ones wait in the listener until this one has left.
        clients.pause();
        if (isClosing()) {
            socket.close();
            return;
        }
        serve(socket).onComplete(ar -> {
            if (isClosing()) {
                return;
            }
            Throwable cause = ar.result();
            if (!optionsHere().getReconnect().reconnects()) {
                if (cause == null) {
                    close();
                } else {
                    fail(cause);
                }
                return;
            }
            setState(ConnectionState.CONNECTING);
            clients.resume();
        });
    }

    @Override
    protected final Future<Void> closeTransport() {
        return listener == null ? Future.succeededFuture() : listener.close();
    }
}
