package dev.tcpip.mock;

import dev.tcpip.core.Client;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testkit.OneClientServerTestBase;
import dev.tcpip.testsupport.Await;
import dev.tcpip.testsupport.RawSockets;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.tcpip.mock.MockProtocol.ACCEPTED;
import static dev.tcpip.mock.MockProtocol.REJECTED_BAD_SIZE;
import static dev.tcpip.mock.MockProtocol.REJECTED_BAD_VALUE;
import static dev.tcpip.mock.MockProtocol.REJECTED_OUT_OF_RANGE;
import static dev.tcpip.mock.MockProtocol.REJECTED_UNKNOWN_COMMAND;
import static dev.tcpip.mock.MockProtocol.STATE_IDLE;
import static dev.tcpip.mock.MockProtocol.STATE_MOVING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The controller in-process on 127.0.0.1, port 0, driven by tcpip-core clients and raw sockets. */
class MockControllerTest extends OneClientServerTestBase {

    private MockController createController() throws Exception {
        return createServer(cb -> new MockController(new ServerOptions(), MockProtocol.DEFAULT_TELEMETRY_HZ, cb));
    }

    private Peer connect(MockController server) throws Exception {
        Client client = createClient(server);
        assertNextConnected(true);
        return new Peer(client);
    }

    @Test
    void eachCommandGetsItsAckWithTheRightSequence() throws Exception {
        MockController server = createController();
        Peer peer = connect(server);

        Ack configure = peer.command(ConfigureCommand.of(20, 25));
        assertEquals(ACCEPTED, configure.result.get());
        assertEquals("velocity 20.000 deg/s, telemetry 25 Hz", configure.text.get());
        Ack move = peer.command(MoveCommand.of(120, 45));
        assertEquals(ACCEPTED, move.result.get());
        assertEquals("moving to az 120.000 el 45.000", move.text.get());
        Ack stop = peer.command(StopCommand.of(MockProtocol.AXIS_BOTH));
        assertEquals(ACCEPTED, stop.result.get());
        assertTrue(stop.text.get().startsWith("stopped both axes at az "), stop.text.get());

        // Several commands in flight at once: one ack each, in order, each naming its command.
        List<Long> sequences = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            var body = i % 2 == 0 ? MoveCommand.of(i, i) : StopCommand.of(MockProtocol.AXIS_AZIMUTH);
            sequences.add(peer.send(body));
            ids.add(MockProtocol.PROTOCOL.idOf(body.getClass()));
        }
        for (int i = 0; i < 10; i++) {
            Ack ack = peer.nextAck();
            assertEquals(sequences.get(i), ack.commandSequence.get(), "ack " + i);
            assertEquals(ids.get(i), ack.commandId.get(), "ack " + i);
            assertEquals(ACCEPTED, ack.result.get());
        }
        assertEquals(List.of(4L, 13L), List.of(sequences.get(0), sequences.get(9)), "the channel counts 1, 2, 3...");
    }

    @Test
    void outOfRangeMoveIsRejectedAndTheTargetStays() throws Exception {
        MockController server = createController();
        Peer peer = connect(server);
        assertEquals(ACCEPTED, peer.command(MoveCommand.of(10, 20)).result.get());

        Ack azimuth = peer.command(MoveCommand.of(400, 45));
        assertEquals(REJECTED_OUT_OF_RANGE, azimuth.result.get());
        assertEquals("azimuth 400.000 outside 0.000..360.000 deg", azimuth.text.get());
        Ack elevation = peer.command(MoveCommand.of(100, 90.5));
        assertEquals(REJECTED_OUT_OF_RANGE, elevation.result.get());
        assertTrue(elevation.text.get().startsWith("elevation 90.500 outside"), elevation.text.get());
        assertEquals(REJECTED_OUT_OF_RANGE, peer.command(MoveCommand.of(Double.NaN, 0)).result.get());

        Telemetry t = latestTelemetry(peer);
        assertEquals(10.0, t.targetAzimuth.get(), "the rejected moves changed no target");
        assertEquals(20.0, t.targetElevation.get());
    }

    @Test
    void badConfigurationAndStopAxesAreRejected() throws Exception {
        MockController server = createController();
        Peer peer = connect(server);
        assertEquals(REJECTED_BAD_VALUE, peer.command(ConfigureCommand.of(10, 0)).result.get());
        assertEquals("telemetry rate 0 outside 1..100 Hz", peer.command(ConfigureCommand.of(10, 0)).text.get());
        assertEquals(REJECTED_BAD_VALUE, peer.command(ConfigureCommand.of(10, 101)).result.get());
        assertEquals(REJECTED_BAD_VALUE, peer.command(ConfigureCommand.of(0, 10)).result.get());
        assertEquals(REJECTED_BAD_VALUE, peer.command(ConfigureCommand.of(Double.NaN, 10)).result.get());
        assertEquals(REJECTED_BAD_VALUE, peer.command(StopCommand.of(0)).result.get());
        assertEquals(REJECTED_BAD_VALUE, peer.command(StopCommand.of(8)).result.get());
        assertEquals(1, server.telemetryTimersStarted(), "no rejected rate restarted the telemetry");
    }

    @Test
    void telemetryArrivesAndPositionsMoveTowardTheTarget() throws Exception {
        MockController server = createController();
        Peer peer = connect(server);
        assertEquals(ACCEPTED, peer.command(MoveCommand.of(120, 45)).result.get());

        List<Telemetry> samples = new ArrayList<>();
        while (samples.size() < 3) {
            Telemetry t = peer.nextTelemetry();
            if (t.targetAzimuth.get() == 120.0) {        // skip samples sent before the move
                samples.add(t);
            }
        }
        Telemetry first = samples.get(0);
        for (int i = 1; i < samples.size(); i++) {
            Telemetry previous = samples.get(i - 1);
            Telemetry t = samples.get(i);
            assertTrue(t.counter.get() > previous.counter.get(), "counter increases");
            assertTrue(t.azimuth.get() >= previous.azimuth.get(), "azimuth never moves away from 120");
            assertTrue(t.elevation.get() >= previous.elevation.get(), "elevation never moves away from 45");
            assertTrue(t.azimuth.get() <= 120 && t.elevation.get() <= 45, "never beyond the target");
        }
        for (Telemetry t : samples) {
            assertEquals(45.0, t.targetElevation.get());
            assertEquals(MockProtocol.DEFAULT_MAX_VELOCITY, t.maxVelocity.get());
            assertEquals(MockProtocol.DEFAULT_TELEMETRY_HZ, t.telemetryHz.get());
        }
        // ... and it does move: some later sample is further along (deadline-bound, no timing claim).
        Telemetry later = first;
        for (int n = 0; later.azimuth.get() <= first.azimuth.get(); n++) {
            assertTrue(n < 1000, "the azimuth never moved past " + first.azimuth.get());
            later = peer.nextTelemetry();
        }
        assertEquals(STATE_MOVING, later.state.get());
        assertFalse(later.inPosition.get());
        assertEquals(MockProtocol.DEFAULT_MAX_VELOCITY, later.azimuthVelocity.get());
        assertEquals(MockProtocol.DEFAULT_MAX_VELOCITY, later.elevationVelocity.get());
    }

    @Test
    void aConfiguredRateRestartsTheTelemetryTimerAndIsReported() throws Exception {
        MockController server = createController();
        Peer peer = connect(server);
        assertEquals(1, server.telemetryTimersStarted());
        assertEquals(ACCEPTED, peer.command(ConfigureCommand.of(30, 100)).result.get());
        assertEquals(2, server.telemetryTimersStarted());
        assertEquals(1, server.telemetryTimersCancelled());
        Telemetry t = peer.nextTelemetry();
        for (int n = 0; t.telemetryHz.get() != 100; n++) {
            assertTrue(n < 1000, "the new rate is never reported");
            t = peer.nextTelemetry();
        }
        assertEquals(30.0, t.maxVelocity.get());
        assertEquals(ACCEPTED, peer.command(ConfigureCommand.of(40, 100)).result.get());
        assertEquals(2, server.telemetryTimersStarted(), "same rate: the timer keeps running");
    }

    @Test
    void telemetryStopsWhenTheClientLeaves() throws Exception {
        MockController server = createController();
        assertFalse(server.telemetryRunning(), "no client, no telemetry");
        for (int i = 1; i <= 3; i++) {
            Peer peer = connect(server);
            assertTrue(server.telemetryRunning());
            peer.nextTelemetry();
            Await.await(peer.client.close());
            assertNextConnected(false);
            assertFalse(server.telemetryRunning(), "client " + i + " gone: the timer is cancelled");
            assertEquals(i, server.telemetryTimersStarted());
            assertEquals(i, server.telemetryTimersCancelled(), "no timer left behind");
        }
        // Undeploying the controller with a client connected cancels its timer too.
        connect(server);
        assertTrue(server.telemetryRunning());
        Await.await(vertx().undeploy(server.deploymentID()));
        assertFalse(server.telemetryRunning());
        assertEquals(server.telemetryTimersStarted(), server.telemetryTimersCancelled());
    }

    @Test
    void unknownIdGetsARejectedAckAndTheConnectionStaysUsable() throws Exception {
        MockController server = createController();
        Peer peer = connect(server);

        peer.sendRaw(42, 77, 5, new byte[] {1, 2, 3, 4, 5});
        Ack unknown = peer.nextAck();
        assertEquals(42, unknown.commandId.get());
        assertEquals(77, unknown.commandSequence.get());
        assertEquals(REJECTED_UNKNOWN_COMMAND, unknown.result.get());
        assertEquals("unknown message id 42", unknown.text.get());

        peer.sendRaw(0xFFFF_FFFFL, 78, 0, new byte[0]);
        Ack huge = peer.nextAck();
        assertEquals(0xFFFF_FFFFL, huge.commandId.get(), "a 32-bit id is echoed whole");
        assertEquals(REJECTED_UNKNOWN_COMMAND, huge.result.get());
        assertEquals("unknown message id 4294967295", huge.text.get(), "printed unsigned");

        peer.sendRaw(MockProtocol.TELEMETRY, 79, Telemetry.SIZE, new byte[Telemetry.SIZE]);
        Ack notACommand = peer.nextAck();
        assertEquals(REJECTED_UNKNOWN_COMMAND, notACommand.result.get());
        assertEquals("telemetry is not a command", notACommand.text.get());

        peer.sendRaw(MockProtocol.MOVE, 80, 8, new byte[8]);
        Ack badSize = peer.nextAck();
        assertEquals(MockProtocol.MOVE, badSize.commandId.get());
        assertEquals(REJECTED_BAD_SIZE, badSize.result.get());
        assertEquals("body_size 8 is not 16 for move", badSize.text.get());

        Ack after = peer.command(MoveCommand.of(1, 2));
        assertEquals(ACCEPTED, after.result.get(), "still in step after the skipped bodies");
        assertTrue(server.connected());
    }

    @Test
    void aBodyTooLargeToSkipDropsTheClientAndTheNextIsServed() throws Exception {
        MockController server = createController();
        Peer peer = connect(server);
        peer.sendRaw(42, 1, 1_000_000, new byte[0]);
        assertNextConnected(false);
        assertInstanceOf(IncompleteReadException.class, peer.awaitReadEnd(), "the controller closed the connection");
        assertFalse(server.telemetryRunning());

        Peer next = connect(server);
        assertEquals(ACCEPTED, next.command(MoveCommand.of(5, 5)).result.get());
    }

    @Test
    void aClientVanishingMidStructLeavesTheServerServingTheNext() throws Exception {
        MockController server = createController();
        byte[] header = Peer.bytes(Peer.header(MockProtocol.MOVE, 1, MoveCommand.SIZE));
        byte[] body = Peer.bytes(MoveCommand.of(100, 50));

        // Leaves after the header and half the body.
        try (Socket s = rawConnect(server)) {
            assertNextConnected(true);
            OutputStream out = s.getOutputStream();
            out.write(header);
            out.write(Arrays.copyOf(body, 8));
            out.flush();
        }
        assertNextConnected(false);
        // Leaves in the middle of a header, with a reset.
        Socket rude = rawConnect(server);
        assertNextConnected(true);
        rude.getOutputStream().write(Arrays.copyOf(header, 11));
        rude.getOutputStream().flush();
        rude.setSoLinger(true, 0);
        rude.close();
        assertNextConnected(false);
        assertFalse(server.telemetryRunning());

        // The next client is served, from a clean start: the half move was never applied.
        Peer next = connect(server);
        Telemetry t = next.nextTelemetry();
        assertEquals(0.0, t.targetAzimuth.get(), "the unfinished move did nothing");
        assertEquals(ACCEPTED, next.command(MoveCommand.of(100, 50)).result.get());
        assertEquals(server.telemetryTimersStarted(), server.telemetryTimersCancelled() + 1);
    }

    @Test
    void theMountOutlivesClientsButSequencesRestart() throws Exception {
        MockController server = createController();
        Peer first = connect(server);
        assertEquals(ACCEPTED, first.command(ConfigureCommand.of(5, 20)).result.get());
        assertEquals(ACCEPTED, first.command(MoveCommand.of(120, 45)).result.get());
        Await.await(first.client.close());
        assertNextConnected(false);

        Peer second = connect(server);
        Telemetry t = second.nextTelemetry();
        assertEquals(1, t.counter.get(), "the telemetry counter restarts per connection");
        assertEquals(1L, second.sequences.get(0), "so does the controller's header sequence");
        assertEquals(120.0, t.targetAzimuth.get(), "the target survived the first client");
        assertEquals(5.0, t.maxVelocity.get());
        assertEquals(20, t.telemetryHz.get());
        Ack ack = second.command(StopCommand.of(MockProtocol.AXIS_BOTH));
        assertEquals(1, ack.commandSequence.get());
    }

    @Test
    void aSecondClientIsTurnedAwayWhileOneIsServed() throws Exception {
        MockController server = createController();
        Peer peer = connect(server);
        try (Socket extra = rawConnect(server)) {
            InputStream in = extra.getInputStream();
            assertEquals(-1, in.read(), "the newcomer reads end of stream");
        }
        assertEquals(ACCEPTED, peer.command(MoveCommand.of(1, 1)).result.get());
        assertEquals(1, server.telemetryTimersStarted(), "the newcomer started no telemetry");
    }

    @Test
    void afterAStopTheMountIsIdleInPosition() throws Exception {
        MockController server = createController();
        Peer peer = connect(server);
        peer.command(MoveCommand.of(300, 80));
        peer.command(StopCommand.of(MockProtocol.AXIS_BOTH));
        Telemetry t = latestTelemetry(peer);
        assertEquals(STATE_IDLE, t.state.get());
        assertTrue(t.inPosition.get());
        assertEquals(t.azimuth.get(), t.targetAzimuth.get());
        assertEquals(0.0, t.azimuthVelocity.get());
    }

    /** The first telemetry sample sent after every ack so far (the controller's sequence says which). */
    private static Telemetry latestTelemetry(Peer peer) throws Exception {
        long lastAck = peer.sequences.get(peer.sequences.size() - 1);
        while (true) {
            var m = Await.awaitNext("telemetry after the last ack", peer.telemetry);
            if (m.header().sequence() > lastAck) {
                return m.body(Telemetry.class);
            }
        }
    }

    private static Socket rawConnect(MockController server) throws Exception {
        return RawSockets.rawConnect(server.port());
    }
}
