package dev.tcpip.docs;

import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.docs.MessageProtocolTest.MockMountController;
import dev.tcpip.docs.MessageProtocolTest.Move;
import dev.tcpip.docs.MessageProtocolTest.Stop;
import dev.tcpip.struct.Structs;
import dev.tcpip.struct.message.Message;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.MessageException;
import dev.tcpip.struct.message.StandardHeader;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;

import static dev.tcpip.docs.MessageProtocolTest.PROTOCOL;
import static dev.tcpip.docs.MessageProtocolTest.header;
import static dev.tcpip.docs.MessageProtocolTest.receiveAck;
import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java 21 example of docs/structs.md written in Java 21 syntax (a switch with type patterns). It lives
 * in src/test/java21, which only a JDK 21 or later compiles (see the java21-syntax-examples profile).
 */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads and type patterns in switch need Java 21+")
@ExtendWith(VertxExtension.class)
class MessageProtocolSwitchJava21Test {

    // tag::message-server-virtual-thread[]
    /** The mock mount controller on a virtual thread: await() and a switch on the body's type. */
    static final class VirtualMountController extends OneClientReadLoopServer {
        private final MessageChannel<StandardHeader> channel = PROTOCOL.channel(this);

        VirtualMountController(ServerOptions options) {
            super(options);
        }

        @Override
        protected Future<Void> readAndDispatch() {
            try {
                Message<StandardHeader> msg = channel.readMessage().await();
                int code = switch (msg.body()) {
                    case Move move when move.elevation.get() < 0 || move.elevation.get() > 90 -> 1;
                    case Move move -> 0;
                    case Stop stop -> 0;
                    default -> 2;                                    // not a command (an Ack)
                };
                channel.writeMessage(MockMountController.ack(msg.header(), code)).await();
            } catch (MessageException refused) {
                if (!refused.skippable()) {
                    throw refused;                                   // drops the client
                }
                channel.skipBody(refused).await();                   // unknown id or wrong size:
                channel.writeMessage(MockMountController.ack(refused.header(), -1)).await();  // answer, go on
            }
            return Future.succeededFuture();
        }
    }
    // end::message-server-virtual-thread[]

    @Test
    void theVirtualThreadControllerAnswersAsTheJava17One(Vertx vertx) throws Exception {
        VirtualMountController mount = new VirtualMountController(new ServerOptions().setName("mount"));
        await(vertx.deployVerticle(mount, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD)));
        try (Socket peer = RawSockets.rawConnect(mount.port())) {
            send(peer, header(1, 1, 16));
            send(peer, Structs.encode(MessageProtocolTest.move(120.5, 45)).getBytes());
            send(peer, header(1, 2, 16));
            send(peer, Structs.encode(MessageProtocolTest.move(0, 95)).getBytes());
            send(peer, header(2, 3, 1));
            send(peer, new byte[] {1});
            send(peer, header(100, 4, 8));
            send(peer, new byte[8]);
            send(peer, header(99, 5, 3));
            send(peer, "abc".getBytes());
            assertArrayEquals(new long[] {1, 0}, receiveAck(peer));
            assertArrayEquals(new long[] {2, 1}, receiveAck(peer), "out of range");
            assertArrayEquals(new long[] {3, 0}, receiveAck(peer));
            assertArrayEquals(new long[] {4, 2}, receiveAck(peer), "not a command");
            assertArrayEquals(new long[] {5, -1}, receiveAck(peer), "unknown id, skipped");
            send(peer, header(1, 6, 1 << 30));
            assertEquals(-1, peer.getInputStream().read(), "an impossible size drops the client");
        }
        try (Socket next = RawSockets.rawConnect(mount.port())) {
            send(next, header(2, 1, 1));
            send(next, new byte[] {0});
            assertArrayEquals(new long[] {1, 0}, receiveAck(next), "the next client is served");
        }
    }
}
