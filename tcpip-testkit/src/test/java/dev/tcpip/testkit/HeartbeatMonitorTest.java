package dev.tcpip.testkit;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.core.Tcpip;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour 26: the server's heartbeat monitor, with a read-loop server that reports heartbeats. */
class HeartbeatMonitorTest extends OneClientServerTestBase {
    /** Short enough to keep tests quick; only drops are asserted, never how soon. */
    private static final Duration SHORT_MAX = Duration.ofMillis(200);

    /** Hands "heartbeat" lines to the monitor and queues the rest, as a user's server would. */
    static final class HeartbeatServer extends LineQueueReadLoopServer {
        final AtomicInteger heartbeats = new AtomicInteger();

        HeartbeatServer(ServerOptions options, ConnectCallback<? super OneClientServer> callback) {
            super(options, callback);
        }

        @Override
        protected Future<Void> dispatchLine(String line) {
            if (Tcpip.HEARTBEAT.equals(line)) {
                heartbeats.incrementAndGet();
                return handleReceivedHeartbeat();
            }
            return super.dispatchLine(line);
        }
    }

    private HeartbeatServer createHeartbeatServer(Duration maxInterval) throws Exception {
        return createServer(cb -> new HeartbeatServer(
            new ServerOptions().setHeartbeatMonitor(true).setMaxHeartbeatInterval(maxInterval), cb));
    }

    @Test
    void silentClientIsDroppedByTheHeartbeatMonitor() throws Exception {
        HeartbeatServer server = createHeartbeatServer(SHORT_MAX);
        createClient(server);
        assertNextConnected(true);
        assertNextClientConnected(true);

        assertNextConnected(false);
        assertNextClientConnected(false);
        assertFalse(server.shouldBeConnected());
        assertEquals(0, server.heartbeats.get());

        // The server goes on serving: the next client is accepted (and dropped in turn when silent).
        createClient(server);
        assertNextConnected(true);
        assertNextConnected(false);
    }

    @Test
    void clientThatStopsSendingHeartbeatsIsDropped() throws Exception {
        HeartbeatServer server = createHeartbeatServer(Duration.ofSeconds(2));
        Client client = createClient(server);
        assertNextConnected(true);
        for (int i = 1; i <= 3; i++) {
            await(client.writeStr(Tcpip.HEARTBEAT));
            int expected = i;
            awaitCondition("heartbeat " + i + " reaches the server", () -> server.heartbeats.get() == expected);
        }
        await(client.writeStr("an ordinary line is not a heartbeat"));
        assertEquals("an ordinary line is not a heartbeat", server.nextLine());
        assertNextConnected(false);
        assertNextClientConnected(true);
        assertNextClientConnected(false);
        assertEquals(3, server.heartbeats.get());
    }

    @Test
    void clientSendingHeartbeatsStaysConnected() throws Exception {
        Duration maxInterval = Duration.ofSeconds(1);
        Duration sendInterval = Duration.ofMillis(25);
        HeartbeatServer server = createHeartbeatServer(maxInterval);
        Client client = createClient(server, new ClientOptions().setHeartbeatSend(true).setHeartbeatSendInterval(sendInterval));
        assertNextConnected(true);
        assertNextClientConnected(true);

        // Wait (by counting heartbeats, not by sleeping) for twice the max interval to have passed.
        int heartbeatsInTwoMaxIntervals = (int) (2 * maxInterval.toMillis() / sendInterval.toMillis());
        awaitCondition(heartbeatsInTwoMaxIntervals + " heartbeats reach the server",
            () -> server.heartbeats.get() >= heartbeatsInTwoMaxIntervals);

        assertTrue(server.connected());
        assertTrue(client.connected());
        serverConnectStates().assertNoMoreConnectChanges(Duration.ZERO);
        clientConnectStates().assertNoMoreConnectChanges(Duration.ZERO);
        server.assertNoMoreLines(Duration.ZERO);  // heartbeats are not queued as lines
        await(client.writeStr("still here"));
        assertEquals("still here", server.nextLine());
    }

    @Test
    void heartbeatWithTheMonitorOffDropsTheClient() throws Exception {
        HeartbeatServer server = createServer(cb -> new HeartbeatServer(new ServerOptions(), cb));
        Client client = createClient(server);
        assertNextConnected(true);
        await(client.writeStr("ordinary"));
        assertEquals("ordinary", server.nextLine());

        await(client.writeStr(Tcpip.HEARTBEAT));
        assertNextConnected(false);
        assertNextClientConnected(true);
        assertNextClientConnected(false);
        assertEquals(1, server.heartbeats.get());
    }
}
