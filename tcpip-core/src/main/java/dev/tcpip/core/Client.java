package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

/**
 * A TCP client with one connection (Python's {@code Client}). It connects once, when deployed; it does not
 * reconnect by itself. A failed connect fails {@link #startFuture()} (and so the deployment) with the
 * connect error; {@link #doneFuture()} completes only on {@link #close()} or {@link #basicClose()}.
 *
 * <p>A client made with an empty host starts already closed: start and done complete, it is not
 * connected, and close does nothing.
 *
 * <p>With {@link ClientOptions#setHeartbeatSend(boolean)} it writes {@code heartbeat} + terminator at once
 * after connecting and then at every interval while connected.
 *
 * <pre>{@code
 * Client client = new Client(new ClientOptions().setPort(port));
 * vertx.deployVerticle(client)
 *     .compose(id -> client.writeJson(new JsonObject().put("cmd", "stop")))
 *     .compose(v -> client.readJson());
 * }</pre>
 */
public class Client extends BaseClientOrServer {
    private final ClientOptions options;
    private NetClient netClient;
    private long heartbeatTimer = -1;
    private boolean closed;

    /**
     * Creates a client that will connect as the options say, with no connect callback. It connects when
     * deployed.
     *
     * @param options the options (copied)
     */
    public Client(ClientOptions options) {
        this(options, null);
    }

    /**
     * Creates a client that will connect as the options say and call the callback whenever it connects or
     * disconnects. It connects when deployed.
     *
     * @param options  the options (copied)
     * @param callback called on every change of {@link #connected()}, or null
     */
    public Client(ClientOptions options, ConnectCallback<? super Client> callback) {
        super(options, callback);
        this.options = new ClientOptions(options);
    }

    /**
     * {@return a copy of the options this client was made with}
     */
    public ClientOptions options() {
        return new ClientOptions(options);
    }

    /**
     * {@return the host connected to}
     */
    public String host() {
        return options.getHost();
    }

    /**
     * {@return the port connected to}
     */
    public int port() {
        return options.getPort();
    }

    @Override
    protected Future<Void> doStart() {
        if (closed) {
            return Future.failedFuture(new IllegalStateException(describe() + " was closed before it started"));
        }
        if (options.getHost().isEmpty()) {
            log.info("{}empty host; starting closed", logPrefix());
            closed = true;
            markDone();
            return Future.succeededFuture();
        }
        netClient = vertx.createNetClient(options.getNetClientOptions());
        return netClient.connect(options.getPort(), options.getHost()).transform(ar -> {
            if (ar.failed()) {
                log.info("{}cannot connect to {}:{}: {}", logPrefix(), options.getHost(), options.getPort(), ar.cause().toString());
                netClient.close();
                return Future.failedFuture(ar.cause());
            }
            NetSocket s = ar.result();
            if (closed) {
                return Tcpip.closeSocket(s).compose(v -> Future.failedFuture(
                    new IllegalStateException(describe() + ": closed while connecting")));
            }
            attach(s);
            Tcpip.applyKeepalive(s, options.getNetClientOptions());
            setShouldBeConnected(true);
            log.info("{}connected to {}", logPrefix(), s.remoteAddress());
            startHeartbeats(s);
            return fireConnectCallback();
        });
    }

    private void startHeartbeats(NetSocket s) {
        if (!options.isHeartbeatSend()) {
            return;
        }
        Buffer heartbeat = Buffer.buffer(Tcpip.HEARTBEAT).appendBuffer(terminator());
        sendHeartbeat(s, heartbeat);
        heartbeatTimer = vertx.setPeriodic(options.getHeartbeatSendInterval().toMillis(), id -> sendHeartbeat(s, heartbeat));
    }

    private void sendHeartbeat(NetSocket s, Buffer heartbeat) {
        if (socket() == s && connected()) {
            // Through the endpoint's writer, so a heartbeat goes out after lines gathered before it.
            write(heartbeat.copy()).onFailure(t -> log.debug("{}heartbeat not sent: {}", logPrefix(), t.toString()));
        } else {
            stopHeartbeats();   // the connection went unnoticed (no monitor): no point in a timer
        }
    }

    private void stopHeartbeats() {
        if (heartbeatTimer != -1) {
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = -1;
        }
    }

    @Override
    protected void onConnectionLost() {
        stopHeartbeats();
    }

    /**
     * Python's {@code close()}: {@link #shouldBeConnected()} false, heartbeats stopped, socket closed,
     * callback with {@code false} if it was connected, {@link #doneFuture()} completed. Idempotent.
     *
     * @return {@link #doneFuture()}
     */
    @Override
    public Future<Void> close() {
        return onContext(() -> {
            setShouldBeConnected(false);
            return closeAll();
        });
    }

    /**
     * Python's {@code basic_close()}: as {@link #close()} but leaves {@link #shouldBeConnected()} as it is.
     *
     * @return {@link #doneFuture()}
     */
    public Future<Void> basicClose() {
        return onContext(this::closeAll);
    }

    private Future<Void> closeAll() {
        if (closed && doneFuture().isComplete()) {
            return doneFuture();
        }
        closed = true;
        Future<Void> connection = dropConnection();
        Future<Void> client = netClient == null ? Future.succeededFuture() : netClient.close();
        return Future.join(connection, client).transform(ar -> {
            log.info("{}closed", logPrefix());
            markDone();
            return doneFuture();
        });
    }

    /** {@return "server": log lines say how the server left} */
    @Override
    protected String peerName() {
        return "server";
    }
}
