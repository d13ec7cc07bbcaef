package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.core.Tcpip;
import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The examples and claims of docs/connecting.md. */
@ExtendWith(VertxExtension.class)
class ConnectingTest {
    private static final Logger log = LoggerFactory.getLogger(ConnectingTest.class);

    /** Answers each line a client sends with "ok " + the line, on the server's own futures. */
    static void answerWithOk(OneClientServer server) {
        server.connectedFuture()
            .compose(v -> server.readStr())
            .compose(line -> server.writeStr("ok " + line));
    }

    @Test
    void serverOnPortZeroReportsTheRealPort(Vertx vertx) throws Exception {
        // tag::server-deploy[]
        OneClientServer server = new OneClientServer(new ServerOptions()   // 127.0.0.1, port 0: any free port
            .setName("hexapod"));
        Future<Integer> port = vertx.deployVerticle(server)                // starts listening
            .map(id -> server.port());                                     // the real port, never 0
        // end::server-deploy[]
        int actual = await(port);
        assertTrue(actual > 0);
        assertEquals(actual, server.port());
        assertTrue(server.startFuture().succeeded());
        try (Socket socket = RawSockets.rawConnect(actual)) {
            await(server.connectedFuture());
        }
    }

    @Test
    void clientConnectsWritesAndReads(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        answerWithOk(server);
        int port = server.port();
        // tag::client-deploy[]
        Client client = new Client(new ClientOptions()
            .setHost(Tcpip.LOCALHOST_IPV4)
            .setPort(port)
            .setName("hexapod client"));
        Future<String> reply = vertx.deployVerticle(client)     // connects; fails if it cannot
            .compose(id -> client.writeStr("status"))           // sends "status\r\n"
            .compose(v -> client.readStr());                    // "ok status"
        // end::client-deploy[]
        assertEquals("ok status", await(reply));
        assertTrue(client.connected());
        assertTrue(client.shouldBeConnected());
    }

    @Test
    void optionsHaveAJsonForm() {
        // tag::options-json[]
        JsonObject conf = new JsonObject()
            .put("host", "127.0.0.1")
            .put("port", 0)
            .put("name", "m1m3")
            .put("terminator", "\n")
            .put("encoding", "utf-8")
            .put("monitorConnectionInterval", 0.5)      // seconds
            .put("maxLineLength", 1024);                // bytes
        ServerOptions options = new ServerOptions(conf);
        JsonObject back = options.toJson();              // every key, defaults included
        // end::options-json[]
        assertEquals("m1m3", options.getName());
        assertEquals("\n", options.getTerminator().toString());
        assertEquals("UTF-8", options.getEncoding());
        assertEquals(Duration.ofMillis(500), options.getMonitorConnectionInterval());
        assertEquals(1024, options.getMaxLineLength());
        assertEquals("\n", back.getString("terminator"));
        assertEquals(0.5, back.getDouble("monitorConnectionInterval"));
        assertEquals(false, back.getBoolean("heartbeatMonitor"));
        assertEquals(10.0, back.getDouble("maxHeartbeatInterval"));
        assertTrue(back.getJsonObject("netServerOptions").getBoolean("tcpKeepAlive"));
        assertEquals(back, new ServerOptions(back).toJson());
        JsonObject client = new ClientOptions().toJson();
        assertEquals(1.0, client.getDouble("heartbeatSendInterval"));
        assertEquals(false, client.getBoolean("heartbeatSend"));
        assertEquals(client, new ClientOptions(client).toJson());
    }

    @Test
    void optionsComeFromTheDeploymentConfig(Vertx vertx) throws Exception {
        // tag::options-config[]
        class MountController extends VerticleBase {
            OneClientServer server;

            @Override
            public Future<?> start() {
                server = new OneClientServer(new ServerOptions(config().getJsonObject("server")));
                return vertx.deployVerticle(server);    // a child: undeployed with this verticle
            }
        }
        MountController controller = new MountController();
        Future<String> deployed = vertx.deployVerticle(controller, new DeploymentOptions()
            .setConfig(new JsonObject().put("server", new JsonObject().put("port", 0).put("name", "mount"))));
        // end::options-config[]
        String id = await(deployed);
        assertEquals("mount", controller.server.name());
        assertTrue(controller.server.port() > 0);
        await(vertx.undeploy(id));
        await(controller.server.doneFuture());
    }

    @Test
    void badOptionsFailAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions().setTerminator(""));
        assertThrows(IllegalArgumentException.class, () -> new ClientOptions().setTerminator((String) null));
        assertThrows(IllegalArgumentException.class, () -> new ClientOptions().setEncoding("klingon"));
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions().setPort(70000));
        assertThrows(IllegalArgumentException.class, () -> new ServerOptions().setMaxLineLength(0));
        assertThrows(IllegalArgumentException.class,
            () -> new ServerOptions(new JsonObject().put("terminator", "")));
    }

    @Test
    void ipv6Loopback(Vertx vertx) throws Exception {
        assumeTrue(ipv6LoopbackWorks(), "no IPv6 loopback on this machine");
        // tag::ipv6[]
        OneClientServer server = new OneClientServer(new ServerOptions().setHost(Tcpip.LOCALHOST_IPV6));
        Future<String> reply = vertx.deployVerticle(server).compose(id -> {
            Client client = new Client(new ClientOptions().setHost(Tcpip.LOCALHOST_IPV6).setPort(server.port()));
            return vertx.deployVerticle(client)
                .compose(cid -> client.writeStr("ping"))
                .compose(v -> client.readStr());
        });
        // end::ipv6[]
        server.connectedFuture().compose(v -> server.readStr()).compose(l -> server.writeStr("pong"));
        assertEquals("pong", await(reply));
        assertTrue(server.remoteAddress().hostAddress().contains(":"), "an IPv6 peer: " + server.remoteAddress());
    }

    static boolean ipv6LoopbackWorks() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void keepaliveIsOnByDefault() {
        // tag::keepalive[]
        ServerOptions options = new ServerOptions();
        NetServerOptions net = options.getNetServerOptions();   // Vert.x's own options
        // Defaults, as Tcpip.setSocketOptions sets them: keepalive on, first probe after
        // 60 s of silence, then every 15 s, the connection dropped after 4 unanswered probes.
        net.setTcpKeepAliveIdleSeconds(20);                      // change one

        // Replacing Vert.x's options replaces the keepalive settings too: reapply them.
        ClientOptions client = new ClientOptions().setNetClientOptions(
            Tcpip.setSocketOptions(new NetClientOptions().setConnectTimeout(2000)));
        // end::keepalive[]
        assertTrue(net.isTcpKeepAlive());
        assertEquals(20, net.getTcpKeepAliveIdleSeconds());
        assertEquals(15, net.getTcpKeepAliveIntervalSeconds());
        assertEquals(4, net.getTcpKeepAliveCount());
        NetServerOptions fresh = new ServerOptions().getNetServerOptions();
        assertTrue(fresh.isTcpKeepAlive());
        assertEquals(60, fresh.getTcpKeepAliveIdleSeconds());
        NetClientOptions c = client.getNetClientOptions();
        assertTrue(c.isTcpKeepAlive());
        assertEquals(60, c.getTcpKeepAliveIdleSeconds());
        assertEquals(15, c.getTcpKeepAliveIntervalSeconds());
        assertEquals(4, c.getTcpKeepAliveCount());
        assertEquals(2000, c.getConnectTimeout());
        assertFalse(new NetClientOptions().isTcpKeepAlive(), "plain Vert.x options have keepalive off");
    }

    @Test
    void undeployingClosesTheEndpoint(Vertx vertx) throws Exception {
        // tag::lifetime[]
        OneClientServer server = new OneClientServer(new ServerOptions());
        Future<Void> closed = vertx.deployVerticle(server)      // start: listen (a client: connect)
            .compose(id -> vertx.undeploy(id))                  // stop: close it
            .compose(v -> server.doneFuture());                 // completed by the close
        // end::lifetime[]
        await(closed);
        assertTrue(server.startFuture().succeeded());
        assertFalse(server.shouldBeConnected());
        RawSockets.assertRefusedEventually(server.port());   // no longer listening
    }

    @Test
    void closeWithoutUndeployIsAlsoFine(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        String id = await(vertx.deployVerticle(server));
        await(server.close());
        assertTrue(server.doneFuture().succeeded());
        assertTrue(vertx.deploymentIDs().contains(id), "close() leaves the deployment in place");
        await(vertx.undeploy(id));
        await(server.close());
    }

    @Test
    void startingTwiceFails(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        IllegalStateException e = awaitFailure(vertx.deployVerticle(server), IllegalStateException.class);
        assertTrue(e.getMessage().contains("already started"), e.getMessage());
        assertTrue(server.startFuture().succeeded(), "the first start still stands");
    }

    @Test
    void aFailedConnectFailsTheDeployment(Vertx vertx) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        // tag::connect-refused[]
        Client client = new Client(new ClientOptions().setPort(closedPort));
        Future<String> deployed = vertx.deployVerticle(client)
            .onFailure(err -> log.warn("{}", err.getMessage()));  // Client: cannot connect to 127.0.0.1:5999: Connection refused
        // end::connect-refused[]
        ConnectException e = awaitFailure(deployed, ConnectException.class);
        assertEquals("Client: cannot connect to 127.0.0.1:" + closedPort + ": Connection refused", e.getMessage());
        assertInstanceOf(ConnectException.class, awaitFailure(client.startFuture(), ConnectException.class));
        assertFalse(client.doneFuture().isComplete(), "done only on close: " + e);
        assertFalse(client.connected());
        await(client.close());
        assertTrue(client.doneFuture().succeeded());
    }

    @Test
    void aClientWithAnEmptyHostStartsClosed(Vertx vertx) throws Exception {
        Client client = new Client(new ClientOptions().setHost(""));
        await(vertx.deployVerticle(client));
        assertTrue(client.startFuture().succeeded());
        assertTrue(client.doneFuture().succeeded());
        assertFalse(client.connected());
        await(client.close());
    }

    @Test
    void aClientSeesTheServerDropIt(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        Client client = new Client(new ClientOptions().setPort(server.port()),
            ConnectCallback.of(c -> states.add(c.connected())));
        await(vertx.deployVerticle(client));
        assertEquals(true, Await.awaitNext(states));
        await(server.connectedFuture());                    // the server may accept after the client connects
        await(server.closeClient());
        assertEquals(false, Await.awaitNext(states));
        assertTrue(client.shouldBeConnected(), "the server left; the client did not close");
        assertFalse(client.doneFuture().isComplete());
        assertFalse(client.connected());
    }

    @Test
    void clientCloseAndBasicClose(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        Client basic = new Client(new ClientOptions().setPort(server.port()),
            ConnectCallback.of(c -> states.add(c.connected())));
        await(vertx.deployVerticle(basic));
        assertEquals(true, Await.awaitNext(states));
        await(basic.basicClose());
        assertEquals(false, Await.awaitNext(states));
        assertTrue(basic.shouldBeConnected(), "basicClose() leaves shouldBeConnected()");
        assertTrue(basic.doneFuture().succeeded());
        await(basic.basicClose());
        await(basic.close());
        assertTrue(states.isEmpty(), "idempotent: no second callback");

        Await.awaitCondition("the server is free", () -> !server.connected());
        Client client = new Client(new ClientOptions().setPort(server.port()),
            ConnectCallback.of(c -> states.add(c.connected())));
        await(vertx.deployVerticle(client));
        assertEquals(true, Await.awaitNext(states));
        await(client.close());
        assertEquals(false, Await.awaitNext(states));
        assertFalse(client.shouldBeConnected());
        assertTrue(client.doneFuture().succeeded());
        await(client.close());
        assertTrue(states.isEmpty());
    }

    @Test
    void futuresCompleteOnTheEndpointsContext(Vertx vertx) throws Exception {
        BlockingQueue<Thread> callbackThreads = new LinkedBlockingQueue<>();
        OneClientServer server = new OneClientServer(new ServerOptions(),
            ConnectCallback.of(s -> callbackThreads.add(Thread.currentThread())));
        await(vertx.deployVerticle(server));
        try (Socket socket = RawSockets.rawConnect(server.port())) {
            Thread serverThread = Await.awaitNext(callbackThreads);
            Promise<Thread> completedOn = Promise.promise();
            server.readStr().onComplete(ar -> completedOn.complete(Thread.currentThread())); // asked from JUnit's thread
            RawSockets.send(socket, "hello\r\n");
            assertEquals(serverThread, await(completedOn.future()));
            assertNotEquals(Thread.currentThread(), serverThread);
        }
    }

    @Test
    void awaitThrowsOnAnEventLoopThread(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        Promise<Throwable> thrown = Promise.promise();
        vertx.runOnContext(v -> {
            try {
                server.connectedFuture().await();               // no client: not complete
                thrown.fail("await() did not throw");
            } catch (Throwable e) {
                thrown.complete(e);
            }
        });
        Throwable e = await(thrown.future());
        assertInstanceOf(IllegalStateException.class, e);
        assertEquals("Cannot be called on a Vert.x event-loop thread", e.getMessage());
        Promise<Object> done = Promise.promise();
        vertx.runOnContext(v -> done.complete(Future.succeededFuture("ready").await()));
        assertEquals("ready", await(done.future()), "a completed future's await() returns at once, even there");
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void virtualThreadDeploymentFailsBeforeJava21(Vertx vertx) throws Exception {
        VertxException e = awaitFailure(vertx.deployVerticle(new VerticleBase() { },
            new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD)), VertxException.class);
        assertEquals("This Java runtime does not support virtual threads", e.getMessage());
    }
}
