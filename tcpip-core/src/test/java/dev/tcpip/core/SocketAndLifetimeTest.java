package dev.tcpip.core;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import io.vertx.core.internal.net.NetSocketInternal;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.time.Duration;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.assertClosedByPeer;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviours 27 to 29 and the constants: keepalive, IPv4/IPv6, lifetime through deployment. */
class SocketAndLifetimeTest extends TestSupport {

    private static Channel channel(BaseClientOrServer endpoint) {
        return ((NetSocketInternal) endpoint.socket()).channelHandlerContext().channel();
    }

    private static void assertKeepalive(Channel channel) {
        assertEquals(Boolean.TRUE, channel.config().getOption(ChannelOption.SO_KEEPALIVE));
        Assumptions.assumeTrue(channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE)) != null,
            "this platform does not expose TCP_KEEPIDLE");
        assertEquals(60, channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE)));
        assertEquals(15, channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL)));
        assertEquals(4, channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT)));
    }

    @Test
    void b27_acceptedAndConnectedSocketsGetTcpKeepalive() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        Client client = deploy(new Client(new ClientOptions().setPort(server.port())));
        await(server.connectedFuture());
        Channel accepted = await(server.onContext(() -> io.vertx.core.Future.succeededFuture(channel(server))));
        Channel connected = await(client.onContext(() -> io.vertx.core.Future.succeededFuture(channel(client))));
        assertKeepalive(connected);
        assertKeepalive(accepted);
    }

    @Test
    void b28_clientAndServerWorkOverIpv4Loopback() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setHost(Tcpip.LOCALHOST_IPV4)));
        Client client = deploy(new Client(new ClientOptions().setHost(Tcpip.LOCALHOST_IPV4).setPort(server.port())));
        await(server.connectedFuture());   // the client is connected a moment before the server has accepted it
        await(client.writeStr("v4"));
        assertEquals("v4", await(server.readStr()));
        await(server.writeStr("back"));
        assertEquals("back", await(client.readStr()));
    }

    @Test
    void b28_clientAndServerWorkOverIpv6Loopback() throws Exception {
        Assumptions.assumeTrue(ipv6LoopbackAvailable(), "no IPv6 loopback on this machine");
        OneClientServer server = deploy(new OneClientServer(new ServerOptions().setHost(Tcpip.LOCALHOST_IPV6)));
        Client client = deploy(new Client(new ClientOptions().setHost(Tcpip.LOCALHOST_IPV6).setPort(server.port())));
        await(server.connectedFuture());   // the client is connected a moment before the server has accepted it
        await(client.writeStr("v6"));
        assertEquals("v6", await(server.readStr()));
        await(server.writeStr("back"));
        assertEquals("back", await(client.readStr()));
        assertTrue(server.remoteAddress().host().contains(":"), server.remoteAddress().toString());
    }

    private static boolean ipv6LoopbackAvailable() {
        try {
            InetAddress v6 = InetAddress.getByName(Tcpip.LOCALHOST_IPV6);
            if (!(v6 instanceof Inet6Address) || NetworkInterface.getByInetAddress(v6) == null) {
                return false;
            }
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, v6)) {
                return s.isBound();
            }
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void b29_undeployingAServerOrClientClosesIt() throws Exception {
        ConnectLog serverLog = new ConnectLog();
        ConnectLog clientLog = new ConnectLog();
        OneClientServer server = new OneClientServer(new ServerOptions(), serverLog.callback());
        String serverId = await(vertx.deployVerticle(server));
        Client client = new Client(new ClientOptions().setPort(server.port()), clientLog.callback());
        String clientId = await(vertx.deployVerticle(client));
        await(server.connectedFuture());
        await(vertx.undeploy(serverId));
        assertTrue(server.doneFuture().isComplete());
        serverLog.awaitCalls(true, false);
        clientLog.awaitCalls(true, false);
        assertFalse(client.doneFuture().isComplete());
        await(vertx.undeploy(clientId));
        assertTrue(client.doneFuture().isComplete());
        assertFalse(client.shouldBeConnected());
    }

    @Test
    void b29_closingVertxClosesEverything() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        await(vertx.close());
        assertTrue(server.doneFuture().isComplete());
        assertEquals(-1, peer.getInputStream().read());
        peer.close();
        vertx = io.vertx.core.Vertx.vertx();
    }

    @Test
    @SuppressWarnings("deprecation")
    void constantsHaveThePythonValues() {
        assertEquals(java.nio.charset.StandardCharsets.UTF_8, Tcpip.DEFAULT_ENCODING);
        assertEquals("\r\n", Tcpip.DEFAULT_TERMINATOR);
        assertEquals(Tcpip.DEFAULT_TERMINATOR, Tcpip.TERMINATOR);
        assertEquals(Duration.ofMillis(100), Tcpip.DEFAULT_MONITOR_CONNECTION_INTERVAL);
        assertEquals("heartbeat", Tcpip.HEARTBEAT);
        assertEquals("127.0.0.1", Tcpip.LOCALHOST_IPV4);
        assertEquals("127.0.0.1", Tcpip.DEFAULT_LOCALHOST);
        assertEquals("127.0.0.1", Tcpip.LOCAL_HOST);
        assertEquals("::1", Tcpip.LOCALHOST_IPV6);
        assertEquals(Duration.ofSeconds(60), Tcpip.KEEPALIVE_TIME);
        assertEquals(Duration.ofSeconds(15), Tcpip.KEEPALIVE_INTERVAL);
        assertEquals(4, Tcpip.KEEPALIVE_PROBES);
        assertEquals(Duration.ofSeconds(10), Tcpip.DEFAULT_MAX_HEARTBEAT_INTERVAL);
        assertEquals(65536, Tcpip.DEFAULT_MAX_LINE_LENGTH);
    }

    @Test
    void closeSocketIsSafeTwiceAndOnNull() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        var socket = await(server.onContext(() -> io.vertx.core.Future.succeededFuture(server.socket())));
        await(Tcpip.closeSocket(socket));
        await(Tcpip.closeSocket(socket));
        await(Tcpip.closeSocket(null));
        assertEquals(-1, peer.getInputStream().read());
        peer.close();
    }

    @Test
    void keepaliveOnASocketThePeerHasClosedDoesNotThrow() throws Exception {
        // A client that connects while another is served, sends and closes within the 1 ms recheck used to
        // make applyKeepalive throw half-way through admitting it, leaving the server "connected" for good.
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        Socket peer = rawConnect(server.port());
        await(server.connectedFuture());
        var socket = await(server.onContext(() -> io.vertx.core.Future.succeededFuture(server.socket())));
        Channel channel = ((NetSocketInternal) socket).channelHandlerContext().channel();
        peer.close();
        awaitCondition("the server's channel closed", () -> !channel.isOpen());
        await(server.onContext(() -> {
            Tcpip.applyKeepalive(socket, new io.vertx.core.net.NetServerOptions().setTcpKeepAlive(true));
            return io.vertx.core.Future.<Void>succeededFuture();
        }));
    }

    @Test
    void closeFinishesWhileThePeerHasStoppedReading() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            io.vertx.core.buffer.Buffer chunk = io.vertx.core.buffer.Buffer.buffer(new byte[1 << 20]);
            for (int i = 0; i < 64; i++) {
                server.write(chunk);      // far more than the socket buffers hold; the peer never reads
            }
            await(server.close());
            assertTrue(server.doneFuture().isComplete());
            assertClosedByPeer(peer);
        }
    }

    @Test
    void anEndpointClosedBeforeItStartedDoesNotStartLater() throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(server.close());
        IllegalStateException e = awaitFailure(vertx.deployVerticle(server), IllegalStateException.class);
        assertTrue(e.getMessage().contains("closed before it started"), e.getMessage());
        Client client = new Client(new ClientOptions().setPort(1));
        await(client.close());
        awaitFailure(vertx.deployVerticle(client), IllegalStateException.class);
    }
}
