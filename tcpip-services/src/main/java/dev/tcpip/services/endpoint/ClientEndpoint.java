package dev.tcpip.services.endpoint;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.message.MessageSocket;
import dev.tcpip.core.message.MessageSocketOptions;
import dev.tcpip.core.reconnect.ConnectionState;
import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.core.reconnect.Reconnector;
import dev.tcpip.services.MessageSink;
import dev.tcpip.services.MessageSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * An endpoint that connects to a server and keeps connecting (pysocklib's clients), by the options'
 * {@link ReconnectPolicy}: each attempt has the policy's connect timeout; between failed attempts it waits the
 * policy's delays on a timer (no thread, nothing running); when a connection is lost it starts again from
 * the first delay. Without reconnecting ({@link ReconnectPolicy#never()}) it ends with its first connection:
 * closed when the server closed it normally, failed when it could not connect or the connection broke.
 * When the policy gives up, the state is FAILED and {@link #done()} fails with the last attempt's error.
 *
 * @param <T> the message type
 */
public abstract class ClientEndpoint<T> extends QueueEndpoint<T> {
    private Reconnector<MessageSocket<T>> reconnector;

    /**
     * Creates a client endpoint; see {@link QueueEndpoint}'s constructor.
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
    protected ClientEndpoint(Vertx vertx, QueueEndpointOptions options, PayloadCodec<T> codec,
                             boolean receives, MessageSink<T> inbound, boolean sends, MessageSource<T> outbound, String kind) {
        super(vertx, options, codec, receives, inbound, sends, outbound, kind);
    }

    @Override
    protected final Future<Void> openTransport() {
        QueueEndpointOptions options = optionsHere();
        ReconnectPolicy policy = options.getReconnect();
        reconnector = new Reconnector<>(endpointContext(), policy, timeout -> MessageSocket.connect(vertx(),
            new MessageSocketOptions().setName(options.getName()).setHost(options.getHost()).setPort(options.getPort())
                .setFraming(options.framing()).setConnectTimeout(timeout), codec()),
            MessageSocket::close, logPrefix().substring(0, logPrefix().length() - 2));
        reconnector.stateHandler(this::reconnectorState);
        reconnector.start().onFailure(e -> { });   // FAILED or CLOSED reach reconnectorState
        return Future.succeededFuture();
    }

    private void reconnectorState(ConnectionState next) {
        switch (next) {
            case CONNECTED -> reconnector.connected().onSuccess(this::connected);
            case FAILED -> {
                if (!isClosing()) {
                    Throwable cause = reconnector.lastFailure();
                    fail(cause != null ? cause : new java.net.ConnectException(logPrefix() + "cannot connect"));
                }
            }
            case CLOSED -> { }
            default -> setState(next);
        }
    }

    private void connected(MessageSocket<T> socket) {
        if (isClosing()) {
            socket.close();
            return;
        }
        serve(socket).onComplete(ar -> {
            Throwable cause = ar.result();
            if (isClosing()) {
                return;
            }
            if (optionsHere().getReconnect().reconnects()) {
                reconnector.lost(socket, cause);
            } else if (cause == null) {
                close();
            } else {
                fail(cause);
            }
        });
    }

    @Override
    protected final Future<Void> closeTransport() {
        return reconnector == null ? Future.succeededFuture() : reconnector.close();
    }
}
