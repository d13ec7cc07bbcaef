package dev.tcpip.testkit;

import dev.tcpip.core.Client;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OneClientServer} behaviours of the ts_tcpip contract (numbers refer to spec/ts-tcpip-port.md),
 * written the way a user of the test kit would write them.
 */
class OneClientServerBehaviourTest extends OneClientServerTestBase {
    /** How long to watch for a connect callback that must not come. */
    private static final Duration QUIET = Duration.ofMillis(200);

    /** A user's server subclass: greets every client once the connect callback has run. */
    static final class GreetingServer extends OneClientServer {
        GreetingServer(ServerOptions options, ConnectCallback<? super OneClientServer> callback) {
            super(options, callback);
        }

        @Override
        protected void onClientConnected() {
            writeStr("hello from " + name());
        }
    }

    @Test
    void serverAskedForPortZeroReportsTheRealPort() throws Exception {  // 12
        OneClientServer server = createServer();
        assertEquals(0, server.options().getPort());
        assertTrue(server.port() > 0, "port " + server.port());
        serverConnectStates().assertNoMoreConnectChanges(Duration.ZERO);
    }

    @Test
    void userServerSubclassComesBackAsItsOwnType() throws Exception {
        GreetingServer server = createServer(cb -> new GreetingServer(new ServerOptions().setName("greeter"), cb));
        Client client = createClient(server);
        assertNextConnected(true);
        assertEquals("hello from greeter", await(client.readStr()));
    }

    @Test
    void connectCallbackIsCalledOncePerChangeOfConnected() throws Exception {  // 10
        OneClientServer server = createServer();
        for (int i = 0; i < 3; i++) {
            Client client = createClient(server);
            assertNextConnected(true);
            assertNextClientConnected(true);
            serverConnectStates().assertNoMoreConnectChanges(Duration.ZERO);

            await(client.close());
            assertNextClientConnected(false);
            assertNextConnected(false);
            // Already seen as gone: neither closing again nor closing the server's side calls it again.
            await(client.close());
            await(server.closeClient());
            serverConnectStates().assertNoMoreConnectChanges(QUIET);
            clientConnectStates().assertNoMoreConnectChanges(Duration.ZERO);
        }
    }

    @Test
    void exceptionThrownByTheConnectCallbackIsSwallowed() throws Exception {  // 10
        OneClientServer server = createServer(cb -> new OneClientServer(new ServerOptions(), s -> {
            cb.call(s);
            throw new IllegalStateException("connect callback failure injected by the test");
        }));
        Client client = createClient(server);
        assertNextConnected(true);
        await(client.writeStr("still working"));
        assertEquals("still working", await(server.readStr()));
        await(client.close());
        assertNextConnected(false);
    }

    @Test
    void failedFutureReturnedByTheConnectCallbackIsSwallowed() throws Exception {  // 10
        OneClientServer server = createServer(cb -> new OneClientServer(new ServerOptions(), s -> {
            cb.call(s);
            return Future.failedFuture(new IllegalStateException("connect callback failure injected by the test"));
        }));
        Client client = createClient(server);
        assertNextConnected(true);
        await(server.writeStr("still working"));
        assertEquals("still working", await(client.readStr()));
        await(server.closeClient());
        assertNextConnected(false);
    }

    @Test
    void secondClientIsClosedAtOnceWithoutCallbackAndFirstIsUnaffected() throws Exception {  // 14
        OneClientServer server = createServer();
        Client first = createClient(server);
        assertNextConnected(true);
        assertNextClientConnected(true);

        Client second = createClient(server);
        assertNextClientConnected(true);   // its connect succeeded at the TCP level ...
        assertNextClientConnected(false);  // ... and the server closed it at once
        assertFalse(second.connected());
        serverConnectStates().assertNoMoreConnectChanges(QUIET);

        assertTrue(first.connected());
        await(first.writeStr("first is still served"));
        assertEquals("first is still served", await(server.readStr()));
    }

    @Test
    void ofFiveClientsConnectingAtOnceExactlyOneStaysConnected() throws Exception {  // 14
        OneClientServer server = createServer();
        List<ConnectStateQueue> states = new ArrayList<>();
        List<Future<Client>> starts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ConnectStateQueue q = new ConnectStateQueue("client " + i, timeout());
            states.add(q);
            starts.add(deployAsync(new Client(clientOptionsFor(server).setName("client " + i), q.callback())));
        }
        List<Client> clients = await(Future.all(starts)).list();
        assertNextConnected(true);
        awaitCondition("four of the five clients see the server close them",
            () -> clients.stream().filter(Client::connected).count() == 1);

        List<Client> winners = clients.stream().filter(Client::connected).collect(Collectors.toList());
        assertEquals(1, winners.size());
        Client winner = winners.get(0);
        for (int i = 0; i < 5; i++) {
            states.get(i).assertNextConnected(true);
            if (clients.get(i) != winner) {
                states.get(i).assertNextConnected(false);
            }
        }
        serverConnectStates().assertNoMoreConnectChanges(QUIET);
        for (ConnectStateQueue q : states) {
            q.assertNoMoreConnectChanges(Duration.ZERO);
        }
        assertTrue(winner.connected());
        await(winner.writeStr(winner.name()));
        assertEquals(winner.name(), await(server.readStr()));
    }

    @Test
    void connectedFutureCompletesOnConnectAndCloseClientReplacesIt() throws Exception {  // 15
        OneClientServer server = createServer();
        Future<Void> first = server.connectedFuture();
        assertFalse(first.isComplete());

        createClient(server);
        await(first);
        assertNextConnected(true);
        assertTrue(server.connectedFuture().succeeded());

        await(server.closeClient());
        assertNextConnected(false);
        Future<Void> second = server.connectedFuture();
        assertNotSame(first, second);
        assertFalse(second.isComplete());

        createClient(server);
        await(second);
        assertNextConnected(true);
    }

    @Test
    void closeClientIsIdempotentAndTheServerKeepsListening() throws Exception {  // 18
        OneClientServer server = createServer();
        Client client = createClient(server);
        assertNextConnected(true);
        assertNextClientConnected(true);
        assertTrue(server.shouldBeConnected());

        await(server.closeClient());
        assertFalse(server.shouldBeConnected());
        assertFalse(server.connected());
        assertNextConnected(false);
        assertNextClientConnected(false);  // the client's socket was closed
        assertFalse(client.connected());

        await(server.closeClient());
        assertFalse(server.shouldBeConnected());
        serverConnectStates().assertNoMoreConnectChanges(QUIET);
        assertFalse(server.doneFuture().isComplete());

        Client next = createClient(server);
        assertNextConnected(true);
        await(next.writeStr("served again"));
        assertEquals("served again", await(server.readStr()));
    }

    @Test
    void closeIsIdempotentAndCloseClientAfterwardsDoesNothing() throws Exception {  // 19
        OneClientServer server = createServer();
        int port = server.port();
        createClient(server);
        assertNextConnected(true);
        assertNextClientConnected(true);

        await(server.close());
        assertTrue(server.doneFuture().succeeded());
        assertFalse(server.shouldBeConnected());
        assertFalse(server.connected());
        assertNextConnected(false);
        assertNextClientConnected(false);

        await(server.close());
        await(server.closeClient());
        assertFalse(server.shouldBeConnected());
        serverConnectStates().assertNoMoreConnectChanges(QUIET);

        // The listener is closed too.
        Client late = new Client(clientOptionsFor(server).setPort(port));
        awaitFailure(deployAsync(late), ConnectException.class);
    }
}
