package dev.tcpip.cluster.bridge;

import dev.tcpip.core.internal.VertxInternals;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Vert.x's TCP event-bus bridge, for programs that are not on the JVM (a Python script with nothing but
 * {@code socket}, {@code struct} and {@code json}), with what it lacks: a maximum frame size in front of it
 * (its parser has none, so a bogus length would make it buffer without end), allowlists that are always set,
 * and loopback unless told otherwise.
 *
 * <p>The wire, both ways: frames of a 4-byte big-endian unsigned length and that many bytes of UTF-8 JSON.
 * A client sends {@code {"type": "register", "address": A, "headers": {}}} to receive what is published or
 * sent on A (an {@code outbound} address), {@code {"type": "unregister", "address": A}},
 * {@code {"type": "send" | "publish", "address": A, "body": ..., "replyAddress": R?, "headers": {}}} to an
 * {@code inbound} address, and {@code {"type": "ping"}}; it receives {@code {"type": "message", "address": A,
 * "body": ..., "headers": {...}, "send": false}}, {@code {"type": "pong"}} and
 * {@code {"type": "err", "message": "access_denied"}}. A frame of an unknown type, or over the maximum, closes
 * the connection.
 */
public final class BridgeServer {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeServer.class);

    private final TcpEventBusBridge bridge;
    private final int port;

    private BridgeServer(TcpEventBusBridge bridge, int port) {
        this.bridge = bridge;
        this.port = port;
    }

    /**
     * Starts a bridge on a Vert.x's event bus.
     *
     * @param vertx   the Vert.x (clustered, for its clients to reach the whole cluster)
     * @param options where to listen, the maximum frame, the allowed addresses
     * @return the bridge, once listening; failed if it cannot listen
     */
    public static Future<BridgeServer> start(Vertx vertx, BridgeServerOptions options) {
        Objects.requireNonNull(vertx, "vertx");
        BridgeServerOptions o = new BridgeServerOptions(options);
        BridgeOptions permitted = new BridgeOptions();
        o.getInbound().forEach(a -> permitted.addInboundPermitted(new PermittedOptions().setAddress(a)));
        o.getOutbound().forEach(a -> permitted.addOutboundPermitted(new PermittedOptions().setAddress(a)));
        String what = "event-bus bridge on " + o.getHost();
        TcpEventBusBridge bridge = TcpEventBusBridge.create(vertx, permitted, new NetServerOptions());
        NetServer server = VertxInternals.netServerField(bridge, "server");
        if (server == null || server.connectHandler() == null) {
            return Future.failedFuture(new IllegalStateException("cannot put a frame limit in front of this version of"
                + " the TCP event-bus bridge (no NetServer field 'server' with a connect handler): refusing to start"
                + " a bridge that would buffer any length a client declares"));
        }
        // Before the bridge reads a socket: only whole frames within the maximum reach its parser.
        Handler<NetSocket> bridgeHandler = server.connectHandler();
        server.connectHandler(socket -> {
            if (VertxInternals.limitLengthPrefixedFrames(socket, o.getMaxFrameLength(), what)) {
                bridgeHandler.handle(socket);
            }
        });
        return bridge.listen(o.getPort(), o.getHost()).map(b -> {
            BridgeServer started = new BridgeServer(bridge, server.actualPort());
            LOG.info("event-bus bridge listening on {}:{} (inbound {}, outbound {}, frames up to {} bytes)",
                o.getHost(), started.port(), o.getInbound(), o.getOutbound(), o.getMaxFrameLength());
            return started;
        });
    }

    /** {@return the port listened on} */
    public int port() {
        return port;
    }

    /**
     * Stops listening and closes the clients' connections.
     *
     * @return completed once closed
     */
    public Future<Void> close() {
        return bridge.close();
    }
}
