package dev.tcpip.tasks;

import dev.tcpip.core.message.EndOfStreamException;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against servers that misbehave, and what it puts on the wire. */
class TaskClientTest extends TaskServerTest {
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();

    /** A fake server that records each message and lets {@code answer} reply. */
    private int fake(BiConsumer<NetSocket, JsonObject> answer) throws Exception {
        NetServer server = vertx.createNetServer().connectHandler(socket -> {
            RecordParser parser = RecordParser.newFixed(4);
            int[] length = {-1};
            parser.handler(buffer -> {
                if (length[0] < 0) {
                    length[0] = buffer.getInt(0);
                    parser.fixedSizeMode(length[0]);
                } else {
                    JsonObject message = new JsonObject(buffer);
                    received.add(message);
                    length[0] = -1;
                    parser.fixedSizeMode(4);
                    answer.accept(socket, message);
                }
            });
            socket.handler(parser);
        });
        return await(server.listen(0, "127.0.0.1")).actualPort();
    }

    private static Buffer frame(JsonObject message) {
        return Buffer.buffer(Wire.frame(message));
    }

    private TaskClient client(int port, String token, Duration responseTimeout) {
        return TaskClient.create(vertx, new TaskClientOptions().setPort(port).setToken(token).setResponseTimeout(responseTimeout));
    }

    @Test
    void theClientSendsAuthWithItsTokenThenTheRequestWithExactlyTheArgumentsGiven() throws Exception {
        int port = fake((socket, m) -> {
            String type = m.getString("type");
            socket.write(frame(Wire.confirmation(type)));
            socket.write(frame(type.equals("AUTH") ? Wire.ok("Authentication successful.") : Wire.ok("Done.")));
        });
        JsonObject args = new JsonObject().put("command", "increase").put("value", 10);
        assertEquals(TaskReply.okMessage("Done."), await(client(port, "tok", Duration.ofSeconds(10)).execute(args, true)));
        assertEquals(List.of(
            new JsonObject().put("type", "AUTH").put("args", new JsonObject().put("token", "tok")),
            new JsonObject().put("type", "EXEC").put("args", args)), received);
        // Without a token, no AUTH.
        received.clear();
        assertEquals(TaskReply.okMessage("Received 'EXEC'"), await(client(port, null, Duration.ofSeconds(10)).execute(args, false)));
        assertEquals(List.of(new JsonObject().put("type", "EXEC").put("args", args)), received);
    }

    @Test
    void aServerThatNeverAnswersFailsTheCallAfterTheResponseTimeout() throws Exception {
        int port = fake((socket, m) -> { });
        TimeoutException e = awaitFailure(client(port, null, Duration.ofMillis(200)).execute(new JsonObject(), false),
            TimeoutException.class);
        assertTrue(e.getMessage().contains("within 0.2 s"), e.getMessage());
        // Also when only the outcome is late.
        int confirming = fake((socket, m) -> socket.write(frame(Wire.confirmation(m.getString("type")))));
        awaitFailure(client(confirming, null, Duration.ofMillis(200)).initialize(new JsonObject(), true), TimeoutException.class);
        assertEquals(TaskReply.okMessage("Received 'INIT'"),
            await(client(confirming, null, Duration.ofMillis(200)).initialize(new JsonObject(), false)));
    }

    @Test
    void aServerThatClosesBeforeAnsweringFailsTheCall() throws Exception {
        int port = fake((socket, m) -> socket.close());
        awaitFailure(client(port, null, Duration.ofSeconds(10)).execute(new JsonObject(), true), EndOfStreamException.class);
    }

    @Test
    void aReplyThatIsNotTheProtocolsFailsTheCall() throws Exception {
        int wrongConfirmation = fake((socket, m) -> socket.write(frame(Wire.ok("hello"))));
        awaitFailure(client(wrongConfirmation, null, Duration.ofSeconds(10)).execute(new JsonObject(), true), ProtocolException.class);
        int request = fake((socket, m) -> socket.write(frame(new JsonObject().put("type", "EXEC"))));
        awaitFailure(client(request, null, Duration.ofSeconds(10)).execute(new JsonObject(), true), ProtocolException.class);
    }

    @Test
    void aServerThatCannotBeReachedFailsWithConnectException() throws Exception {
        try (Socket refusing = RawSockets.reserveRefusingPort()) {
            TaskClient c = TaskClient.create(vertx, new TaskClientOptions().setPort(refusing.getLocalPort())
                .setConnectTimeout(Duration.ofSeconds(2)));
            awaitFailure(c.execute(new JsonObject(), true), ConnectException.class);
        }
    }

    @Test
    void badCallsFailWithoutConnecting() throws Exception {
        int port = fake((socket, m) -> { });
        TaskClient c = client(port, null, Duration.ofSeconds(10));
        awaitFailure(c.request(MessageType.AUTH, new JsonObject(), true), IllegalArgumentException.class);
        awaitFailure(c.request(MessageType.OK, new JsonObject(), true), IllegalArgumentException.class);
        JsonObject notJson = new JsonObject();
        notJson.getMap().put("thread", Thread.currentThread());
        awaitFailure(c.execute(notJson, true), IllegalArgumentException.class);
        assertTrue(received.isEmpty());
    }
}
