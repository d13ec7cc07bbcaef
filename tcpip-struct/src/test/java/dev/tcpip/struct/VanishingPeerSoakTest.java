package dev.tcpip.struct;

import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.struct.SampleStructs.Trivial;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.StandardHeader;
import dev.tcpip.testkit.HostilePeer;
import dev.tcpip.testkit.HostilePeer.Departure;
import dev.tcpip.testkit.OneClientServerTestBase;
import dev.tcpip.testsupport.LeakCheck;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link VanishingPeerTest}'s departures a thousand times over: peers leave mid-struct, mid-header and
 * mid-body by close, reset and half-close, in turn; every read fails as documented, the callback runs
 * each time, and afterwards no descriptor, Vert.x timer (the heartbeat monitor is on) or connection
 * reader is left behind.
 */
class VanishingPeerSoakTest extends OneClientServerTestBase {
    private static final int CYCLES = 1000;

    @Test
    void aThousandPeersLeavingMidStructMidHeaderOrMidBodyEachGetTheDocumentedErrorAndLeaveNothingBehind() throws Exception {
        AtomicInteger disconnects = new AtomicInteger();
        OneClientServer server = new OneClientServer(new ServerOptions().setHeartbeatMonitor(true)
            .setMaxHeartbeatInterval(java.time.Duration.ofSeconds(30)),
            ConnectCallback.of(s -> {
                if (!s.connected()) {
                    disconnects.incrementAndGet();
                }
            }));
        deploy(server);
        MessageChannel<StandardHeader> channel = VanishingPeerTest.PROTOCOL.channel(server);
        StandardHeader header = new StandardHeader();
        header.stamp(1, 1, Instant.EPOCH, 16);
        byte[] headerBytes = Structs.encode(header).getBytes();
        LeakCheck leaks = null;
        for (int cycle = 0; cycle < CYCLES + 20; cycle++) {
            if (cycle == 20) {   // after a warm-up
                leaks = new LeakCheck(vertx());
            }
            int cut = cycle % 3;
            Departure how = Departure.values()[(cycle / 3) % Departure.values().length];
            String where = "cycle " + cycle + " cut " + cut + " " + how;
            try (HostilePeer peer = HostilePeer.connect(server.port())) {
                await(server.connectedFuture());
                if (leaks != null) {
                    leaks.track(await(Buffered.connection(server)));   // the connection, and its reader with it
                }
                Future<?> read = cut == 0 ? Structs.readInto(server, new Trivial()) : channel.readMessage();
                byte[] partial = new byte[1 + cycle % (cut == 0 ? 31 : cut == 1 ? 19 : 15)];
                Arrays.fill(partial, (byte) cycle);
                if (cut == 2) {
                    peer.send(headerBytes);   // a whole header, then part of the body
                }
                peer.send(partial);
                peer.leave(how);
                IncompleteReadException e = awaitFailure(read, IncompleteReadException.class);
                assertArrayEquals(partial, e.partial().getBytes(), where);
                assertEquals(cut == 0 ? 32 : cut == 1 ? StandardHeader.SIZE : 16, e.expected().getAsInt(), where);
                if (how == Departure.RESET) {
                    assertInstanceOf(IOException.class, e.getCause(), where);
                } else {
                    assertNull(e.getCause(), where);
                }
                assertEquals(cycle + 1, disconnects.get(), where + ": the callback ran before the read failed");
                if (how == Departure.HALF_CLOSE) {
                    assertEquals(0, peer.receiveUntilClosed().length, where + ": the server closed its side");
                }
            }
        }
        assertEquals(CYCLES, leaks.trackedCount());
        // Vert.x timers back to where they were, descriptors too (within 5), every connection collected.
        leaks.assertNothingLeaked(5);
    }
}
