package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.docs.MessageProtocolTest.Ack;
import dev.tcpip.docs.MessageProtocolTest.MockMountController;
import dev.tcpip.docs.MessageProtocolTest.Move;
import dev.tcpip.docs.StructsTest.Telemetry;
import dev.tcpip.struct.Structs;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.StandardHeader;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;

import static dev.tcpip.docs.MessageProtocolTest.PROTOCOL;
import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java 21+ (virtual thread) examples of docs/structs.md that compile on Java 17. The one in Java 21
 * syntax (a switch with type patterns) is in src/test/java21: MessageProtocolSwitchJava21Test.
 */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+")
@ExtendWith(VertxExtension.class)
class StructsJava21Test {

    @Test
    void readIntoAndWriteFromWithAwait(Vertx vertx) throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        await(vertx.deployVerticle(server));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, Structs.encode(StructsTest.sampleTelemetry()).getBytes());
            Future<String> done = VirtualThreads.run(vertx, () -> {
                // tag::struct-virtual-thread[]
                Telemetry telemetry = Structs.readInto(server, new Telemetry()).await();
                telemetry.status.set(0);
                Structs.writeFrom(server, telemetry).await();       // echo it back, status cleared
                // end::struct-virtual-thread[]
                String mode = telemetry.mode.get();
                try {
                    Structs.readInto(server, new Telemetry()).await();
                    return "read a second struct?";
                } catch (IncompleteReadException e) {
                    return mode + " then " + e.partial().length() + " of " + e.expected().getAsInt();
                }
            });
            Telemetry echoed = Structs.decode(Buffer.buffer(RawSockets.receive(peer, 55)), 0, new Telemetry());
            assertEquals(0, echoed.status.get());
            assertEquals(120.5, echoed.axes[0].position.get());
            send(peer, new byte[] {1, 2, 3});                 // part of a second struct, then the end
            peer.shutdownOutput();
            assertEquals("TRACK then 3 of 55", await(done));
        }
    }

    @Test
    void aMessageClientWithAwait(Vertx vertx) throws Exception {
        MockMountController mount = MessageProtocolTest.deployMount(vertx);
        Client client = new Client(new ClientOptions().setPort(mount.port()));
        await(vertx.deployVerticle(client));
        long[] result = await(VirtualThreads.run(vertx, () -> {
            // tag::message-client-virtual-thread[]
            MessageChannel<StandardHeader> channel = PROTOCOL.channel(client);
            Move move = new Move();
            move.azimuth.set(120.5);
            move.elevation.set(45.0);
            channel.writeMessage(move).await();
            Ack ack = channel.readMessage().await().body(Ack.class);
            // end::message-client-virtual-thread[]
            return new long[] {ack.command.get(), ack.code.get()};
        }));
        assertEquals(1, result[0]);
        assertEquals(0, result[1]);
    }
}
