package dev.tcpip.mock;

import dev.tcpip.core.Client;
import dev.tcpip.struct.Structs;
import dev.tcpip.struct.message.Message;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.StandardHeader;
import dev.tcpip.testsupport.Await;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import javolution.io.Struct;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A test client of the controller on tcpip-core and tcpip-struct: a {@link Client} whose messages are read
 * continuously (on its context) into an ack queue and a telemetry queue. Waits block the test thread, with
 * a deadline.
 */
final class Peer {
    final Client client;
    final MessageChannel<StandardHeader> channel;
    final BlockingQueue<Message<StandardHeader>> acks = new LinkedBlockingQueue<>();
    final BlockingQueue<Message<StandardHeader>> telemetry = new LinkedBlockingQueue<>();
    /** The header sequence of every message received, in order. */
    final List<Long> sequences = new CopyOnWriteArrayList<>();
    private volatile Throwable readFailure;
    private long sent;

    Peer(Client client) {
        this.client = client;
        this.channel = MockProtocol.PROTOCOL.channel(client);
        client.onContext(() -> {
            readLoop();
            return Future.succeededFuture();
        });
    }

    private void readLoop() {
        while (true) {
            Future<Message<StandardHeader>> next = channel.readMessage();
            if (!next.isComplete()) {
                next.onComplete(ar -> {
                    if (handle(ar.succeeded() ? ar.result() : null, ar.cause())) {
                        readLoop();
                    }
                });
                return;
            }
            if (!handle(next.succeeded() ? next.result() : null, next.cause())) {
                return;
            }
        }
    }

    private boolean handle(Message<StandardHeader> m, Throwable failure) {
        if (m == null) {
            readFailure = failure;
            return false;
        }
        sequences.add(m.header().sequence());
        if (m.id() == MockProtocol.ACK) {
            acks.add(m);
        } else if (m.id() == MockProtocol.TELEMETRY) {
            telemetry.add(m);
        } else {
            readFailure = new AssertionError("unexpected message " + m.header());
            return false;
        }
        return true;
    }

    /** Sends a command through the channel; returns the sequence it was stamped with. */
    long send(Struct command) throws Exception {
        await(channel.writeMessage(command));
        return ++sent;
    }

    /** Sends a header (stamped with these values) and raw body bytes, outside the channel. */
    void sendRaw(long id, long sequence, long bodySize, byte[] body) throws Exception {
        StandardHeader h = header(id, sequence, bodySize);
        await(client.write(Structs.encode(h).appendBytes(body)));
    }

    static StandardHeader header(long id, long sequence, long bodySize) {
        StandardHeader h = new StandardHeader();
        h.messageId.set(id);
        h.sequence.set(sequence);
        h.timestamp.set(Instant.now().toEpochMilli() / 1000.0);
        h.bodySize.set(bodySize);
        return h;
    }

    /** Sends a command, waits for the next ack, and checks that it answers this command. */
    Ack command(Struct command) throws Exception {
        long sequence = send(command);
        Ack ack = nextAck();
        assertEquals(MockProtocol.PROTOCOL.idOf(command.getClass()), ack.commandId.get(), "command id");
        assertEquals(sequence, ack.commandSequence.get(), "command sequence");
        return ack;
    }

    Ack nextAck() {
        return next(acks, "ack").body(Ack.class);
    }

    Telemetry nextTelemetry() {
        return next(telemetry, "telemetry").body(Telemetry.class);
    }

    private Message<StandardHeader> next(BlockingQueue<Message<StandardHeader>> queue, String what) {
        try {
            return Await.awaitNext(what, queue);
        } catch (AssertionError e) {
            Throwable failure = readFailure;
            throw failure == null ? e : new AssertionError(e.getMessage() + "; reading failed: " + failure, e);
        }
    }

    /** Waits until reading has ended (the controller closed the connection) and returns why. */
    Throwable awaitReadEnd() {
        Await.awaitCondition("reading has ended: the controller closed the connection", () -> readFailure != null);
        return readFailure;
    }

    static byte[] bytes(Struct... structs) {
        Buffer b = Structs.encode(structs);
        return b.getBytes();
    }
}
