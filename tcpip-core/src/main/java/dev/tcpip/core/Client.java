package dev.tcpip.core;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.net.ConnectException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP client with one connection (Python's {@code Client}). It connects once, when deployed; it does not
 * reconnect by itself. A failed connect fails {@link #startFuture()} (and so the deployment) with the
 * connect error; {@link #doneFuture()} completes only on {@link #close()} or {@link #basicClose()}. A
 * connection that cannot be made (refused, timed out...) gives a {@link ConnectException} that names the
 * address once, with the reason, and keeps the original error as its cause:
 * {@code Client hexapod: cannot connect to 127.0.0.1:5000: Connection refused}. Any other error (a failed
 * TLS handshake, an unknown host...) is passed on as it is. Either way the same text is logged once, at
 * INFO.
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
    /** Netty appends the address to the OS's reason: {@code Connection refused: /127.0.0.1:5000}. */
    private static final Pattern ADDRESS_SUFFIX = Pattern.compile("(.*\\S): \\S*/\\S+:(\\d+)", Pattern.DOTALL);

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
                String what = "cannot connect to " + where() + ": " + reason(ar.cause());
                log.info("{}{}", logPrefix(), what);
                netClient.close();
                return Future.failedFuture(connectError(describe() + ": " + what, ar.cause()));
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

    /** {@code host:port}, an IPv6 literal in brackets. */
    private String where() {
        String host = options.getHost();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + options.getPort();
    }

    /**
     * The reason a connect failed, without the address Netty appends to it (the message names the address
     * once, before the reason).
     */
    private String reason(Throwable cause) {
        String m = cause.getMessage();
        if (m == null || m.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        Matcher suffix = ADDRESS_SUFFIX.matcher(m);
        if (suffix.matches() && suffix.group(2).equals(Integer.toString(options.getPort()))) {
            return suffix.group(1);
        }
        return m;
    }

    /**
     * A {@link ConnectException} (Netty's, which repeats the address) becomes one with the message given and
     * the original as its cause, so callers can still catch {@link ConnectException}; other errors pass as
     * they are.
     */
    private static Throwable connectError(String message, Throwable cause) {
        if (cause instanceof ConnectException) {
            ConnectException e = new ConnectException(message);
            e.initCause(cause);
            return e;
        }
        return cause;
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
