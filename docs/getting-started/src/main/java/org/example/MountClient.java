// tag::getting-started-mount-client[]
package org.example;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.struct.CStruct;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.MessageException;
import dev.tcpip.struct.message.MessageProtocol;
import dev.tcpip.struct.message.StandardHeader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/**
 * Sends one move command to the mock telescope controller and prints its ack:
 * {@code MountClient [host [port [azimuth elevation]]]}.
 */
public final class MountClient {
    /** Message 1, struct move_command (16 bytes). */
    public static final class MoveCommand extends CStruct {
        public final Float64 azimuth = new Float64();            // degrees, 0 to 360
        public final Float64 elevation = new Float64();          // degrees, 0 to 90
    }

    /** Message 100, struct ack (74 bytes). */
    public static final class Ack extends CStruct {
        public final Unsigned32 commandId = new Unsigned32();
        public final Unsigned32 commandSequence = new Unsigned32();
        public final Unsigned16 result = new Unsigned16();       // 0 accepted, else why not
        public final UTF8String text = new UTF8String(64);
    }

    /** The 20-byte header, then the body its message id names. Telemetry (200) is not registered here. */
    static final MessageProtocol<StandardHeader> PROTOCOL = MessageProtocol.builder(StandardHeader::new)
        .register(1, MoveCommand.class, MoveCommand::new)
        .register(100, Ack.class, Ack::new)
        .build();

    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 5002;
        MoveCommand move = new MoveCommand();
        move.azimuth.set(args.length > 3 ? Double.parseDouble(args[2]) : 120.0);
        move.elevation.set(args.length > 3 ? Double.parseDouble(args[3]) : 45.0);

        Vertx vertx = Vertx.vertx();
        try {
            Client client = new Client(new ClientOptions().setHost(host).setPort(port));
            MessageChannel<StandardHeader> channel = PROTOCOL.channel(client);
            Future<Ack> ack = vertx.deployVerticle(client)
                .compose(id -> channel.writeMessage(move))        // header: id 1, sequence 1, now, 16
                .compose(sequence -> nextAck(channel));
            Ack reply = ack.await(10, TimeUnit.SECONDS);
            System.out.println("ack result=" + reply.result.get() + " \"" + reply.text.get() + "\"");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** Reads messages until an ack comes, skipping the telemetry that streams meanwhile. */
    static Future<Ack> nextAck(MessageChannel<StandardHeader> channel) {
        return channel.readMessage().transform(read -> {
            if (read.succeeded()) {
                return Future.succeededFuture(read.result().body(Ack.class));
            }
            if (read.cause() instanceof MessageException && ((MessageException) read.cause()).skippable()) {
                // An id not registered here (telemetry): skip its body and read on.
                return channel.skipBody((MessageException) read.cause()).compose(v -> nextAck(channel));
            }
            return Future.failedFuture(read.cause());
        });
    }
}
// end::getting-started-mount-client[]
