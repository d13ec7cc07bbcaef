package dev.tcpip.testkit;

import dev.tcpip.core.BaseClientOrServer;
import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ConnectException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit registered as an extension field (for test classes with a base class of their own). */
class TcpipTestKitTest {
    @RegisterExtension
    final TcpipTestKit kit = new TcpipTestKit(Duration.ofSeconds(5));

    /** A user's client subclass. */
    static final class NamedClient extends Client {
        NamedClient(ClientOptions options, ConnectCallback<? super Client> callback) {
            super(options, callback);
        }

        Future<Void> introduce() {
            return writeStr("I am " + name());
        }
    }

    @Test
    void userClientSubclassComesBackAsItsOwnType() throws Exception {
        OneClientServer server = kit.createServer();
        NamedClient client = kit.createClient(cb -> new NamedClient(kit.clientOptionsFor(server).setName("alice"), cb));
        kit.assertNextConnected(true);
        kit.assertNextClientConnected(true);
        kit.await(client.introduce());
        assertEquals("I am alice", kit.await(server.readStr()));
    }

    @Test
    void clientOptionsKeepTheirSettingsButTakeTheServersAddress() throws Exception {
        OneClientServer server = kit.createServer();
        Client client = kit.createClient(server, new ClientOptions().setHost("192.0.2.1").setPort(1).setName("c"));
        assertEquals("127.0.0.1", client.host());
        assertEquals(server.port(), client.port());
        assertEquals("c", client.name());
    }

    @Test
    void serverListeningOnEveryInterfaceIsReachedThroughLoopback() throws Exception {
        OneClientServer server = kit.createServer(new ServerOptions().setHost("0.0.0.0"));
        Client client = kit.createClient(server);
        assertEquals("127.0.0.1", client.host());
        kit.assertNextConnected(true);
    }

    @Test
    void clientOptionsForRefusesAServerThatIsNotStarted() {
        OneClientServer server = new OneClientServer(new ServerOptions());
        assertThrows(IllegalStateException.class, () -> kit.clientOptionsFor(server));
    }

    @Test
    void awaitReturnsTheResultOrThrowsTheFailureAsItIs() throws Exception {
        assertEquals("x", kit.await(Future.succeededFuture("x")));
        ConnectException refused = new ConnectException("refused");
        assertSame(refused, assertThrows(ConnectException.class, () -> kit.await(Future.failedFuture(refused))));
    }

    @Test
    void awaitFailsWithAClearMessageAtTheDeadline() {
        AssertionError e = assertThrows(AssertionError.class,
            () -> kit.await(Promise.<Void>promise().future(), Duration.ofMillis(50)));
        assertEquals("future not complete within 50 ms", e.getMessage());
    }

    @Test
    void awaitFailureChecksTheType() {
        IllegalStateException failure = new IllegalStateException("boom");
        assertSame(failure, kit.awaitFailure(Future.failedFuture(failure), RuntimeException.class));
        assertThrows(AssertionError.class, () -> kit.awaitFailure(Future.failedFuture(failure), ConnectException.class));
        assertThrows(AssertionError.class, () -> kit.awaitFailure(Future.succeededFuture(1), IllegalStateException.class));
    }

    @Test
    void awaitConditionFailsWithTheGivenDescriptionAtTheDeadline() {
        AssertionError e = assertThrows(AssertionError.class,
            () -> kit.awaitCondition("pigs fly", () -> false, Duration.ofMillis(20)));
        assertEquals("not true within 20 ms: pigs fly", e.getMessage());
    }

    @Test
    void waitingOnAnEventLoopIsRefusedInsteadOfDeadlocking() throws Exception {
        Promise<Throwable> seen = Promise.promise();
        kit.vertx().runOnContext(v -> {
            try {
                kit.await(Promise.<Void>promise().future());
                seen.complete(null);
            } catch (Throwable t) {
                seen.complete(t);
            }
        });
        Throwable t = kit.await(seen.future());
        assertTrue(t instanceof IllegalStateException, String.valueOf(t));
    }

    @Test
    void failedStartIsThrownByCreateServer() throws Exception {
        OneClientServer first = kit.createServer();
        // The same port again: the bind fails and createServer throws that error.
        Exception e = assertThrows(Exception.class, () -> kit.createServer(new ServerOptions().setPort(first.port())));
        assertTrue(e.getMessage() != null && e.getMessage().toLowerCase().contains("address"), String.valueOf(e));
    }

    /** Drives the kit by hand, as JUnit would, to check what it does after a test. */
    @Test
    void afterEachClosesEveryEndpointAndTheVertxInstance() throws Exception {
        TcpipTestKit manual = new TcpipTestKit(Duration.ofSeconds(5));
        assertThrows(IllegalStateException.class, manual::vertx);
        manual.beforeEach(null);
        OneClientServer server = manual.createServer();
        Client client = manual.createClient(server);
        OneClientServer spare = manual.deploy(new OneClientServer(new ServerOptions()));
        manual.assertNextConnected(true);
        assertFalse(server.doneFuture().isComplete());

        manual.afterEach(null);
        assertTrue(server.doneFuture().succeeded());
        assertTrue(client.doneFuture().succeeded());
        assertTrue(spare.doneFuture().succeeded());
        assertThrows(IllegalStateException.class, manual::vertx);
        assertThrows(IllegalStateException.class, manual::serverConnectStates);
        // The listener is gone.
        kit.awaitFailure(kit.deployAsync(new Client(new ClientOptions().setPort(server.port()))), ConnectException.class);

        // The kit starts afresh for the next test, with empty queues.
        manual.beforeEach(null);
        manual.serverConnectStates().assertNoMoreConnectChanges(Duration.ZERO);
        manual.afterEach(null);
    }

    @Test
    void afterEachToleratesEndpointsTheTestClosedOrUndeployedItself() throws Exception {
        TcpipTestKit manual = new TcpipTestKit(Duration.ofSeconds(5));
        manual.beforeEach(null);
        OneClientServer closed = manual.createServer();
        manual.await(closed.close());
        OneClientServer undeployed = manual.createServer();
        for (String id : manual.vertx().deploymentIDs()) {
            manual.await(manual.vertx().undeploy(id));
        }
        assertTrue(undeployed.doneFuture().succeeded());
        BaseClientOrServer failed = new Client(new ClientOptions().setPort(closed.port()));
        manual.awaitFailure(manual.deployAsync(failed), ConnectException.class);
        manual.afterEach(null);
    }
}
