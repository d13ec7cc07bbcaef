package dev.tcpip.docs;

import dev.tcpip.core.LineTooLongException;
import dev.tcpip.core.TextDecodeException;
import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.reconnect.ConnectionState;
import dev.tcpip.core.reconnect.ReconnectPolicy;
import dev.tcpip.services.EventBusSink;
import dev.tcpip.services.EventBusSource;
import dev.tcpip.services.MessageGenerator;
import dev.tcpip.services.MessageLogger;
import dev.tcpip.services.MessageQueue;
import dev.tcpip.services.MessageSink;
import dev.tcpip.services.MessageSource;
import dev.tcpip.services.Service;
import dev.tcpip.services.ServiceState;
import dev.tcpip.services.StopCondition;
import dev.tcpip.services.ToUpper;
import dev.tcpip.services.Watchdog;
import dev.tcpip.services.WatchdogAction;
import dev.tcpip.services.endpoint.Client;
import dev.tcpip.services.endpoint.ClientReceiver;
import dev.tcpip.services.endpoint.ClientSender;
import dev.tcpip.services.endpoint.QueueEndpoint;
import dev.tcpip.services.endpoint.QueueEndpointOptions;
import dev.tcpip.services.endpoint.Server;
import dev.tcpip.services.endpoint.ServerReceiver;
import dev.tcpip.services.endpoint.ServerSender;
import dev.tcpip.testsupport.FixedPorts;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java 17 examples of docs/queues-reconnect-services.md, and the claims the page makes about the wire,
 * the queues, reconnecting, the resend window, stopping and services. Everything on loopback, port 0, with
 * deadlines instead of sleeps.
 */
@ExtendWith(VertxExtension.class)
class QueuesReconnectServicesTest {
    static final String PAGE = "queues-reconnect-services.md";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Fast reconnecting for the tests' clients: the page's defaults would make them wait 0.5 s. */
    static final ReconnectPolicy FAST = ReconnectPolicy.defaults().withInitialDelay(Duration.ofMillis(20))
        .withMaxDelay(Duration.ofMillis(200));

    private final List<QueueEndpoint<?>> endpoints = new ArrayList<>();

    @AfterEach
    void closeEndpoints() throws Exception {
        for (QueueEndpoint<?> e : endpoints) {
            await(e.close(), WAIT);
        }
    }

    private <E extends QueueEndpoint<?>> E closedAfter(E endpoint) {
        endpoints.add(endpoint);
        return endpoint;
    }

    private <E extends QueueEndpoint<?>> E started(E endpoint) throws Exception {
        await(closedAfter(endpoint).start().mapEmpty(), WAIT);
        return endpoint;
    }

    private static QueueEndpointOptions client(int port) {
        return new QueueEndpointOptions().setPort(port).setReconnect(FAST);
    }

    // ------------------------------------------------------------------ Java 17 examples

    @Test
    void aServerReceiverAndAClientSender(Vertx vertx) throws Exception {
        // tag::queue-receiver-sender[]
        ServerReceiver<String> server = ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0));
        Future<List<String>> received = server.start()                  // listening: server.port() is bound
            .compose(v -> {
                ClientSender<String> client = ClientSender.create(vertx,
                    new QueueEndpointOptions().setPort(server.port()));
                return client.start()                                   // connects, and reconnects if need be
                    .compose(w -> client.send("Hello"))                 // queued: sent once connected
                    .compose(w -> client.send("World"));
            })
            .compose(v -> server.receive())                             // "Hello", once it has arrived
            .compose(hello -> server.receive().map(world -> List.of(hello, world)));
        // end::queue-receiver-sender[]
        closedAfter(server);
        assertEquals(List.of("Hello", "World"), await(received, WAIT));
    }

    @Test
    void aClientAndAServerBothWays(Vertx vertx) throws Exception {
        // tag::queue-client-server[]
        Server<String> server = Server.create(vertx, new QueueEndpointOptions().setPort(0));
        Service<String, String> answer = Service.of("answer", server.received(), server.toSend(),
            command -> Future.succeededFuture("done " + command));     // one answer per message, in order
        Future<List<String>> answers = server.start()
            .compose(v -> vertx.deployVerticle(answer))                // see "Services between queues"
            .compose(id -> {
                Client<String> client = Client.create(vertx, new QueueEndpointOptions().setPort(server.port()));
                return client.start()
                    .compose(w -> client.send("move"))
                    .compose(w -> client.send("stop"))
                    .compose(w -> client.receive())                     // "done move"
                    .compose(first -> client.receive().map(second -> List.of(first, second)));
            });
        // end::queue-client-server[]
        closedAfter(server);
        assertEquals(List.of("done move", "done stop"), await(answers, WAIT));
        // The service counts a message once its output has accepted the answer, on the service's context:
        // the client may hold the answer before that count is made (failed once in CI).
        awaitCondition("the service counts both messages", () -> answer.handled() == 2);
    }

    // ------------------------------------------------------------------ the wire

    @Test
    void theWireOptionsAndTheTwoCodecs(Vertx vertx) throws Exception {
        // tag::queue-wire-options[]
        QueueEndpointOptions options = new QueueEndpointOptions().setPort(0)
            .setDelimiter("\n")                                  // LF instead of CR LF, both ways
            .setCharset(StandardCharsets.ISO_8859_1)             // how text becomes bytes and back
            .setMaxMessageLength(1024);                          // bytes, the delimiter excluded
        ServerReceiver<String> text = ServerReceiver.create(vertx, options);      // messages as Strings
        ServerReceiver<Buffer> bytes =
            new ServerReceiver<>(vertx, options, PayloadCodec.bytes(), null);   // as they are on the wire
        // end::queue-wire-options[]
        started(text);
        started(bytes);
        byte[] wire = {'h', (byte) 0xE9, 'l', 'l', 'o', '\n', 'a', '\r', '\n', '\n'};
        try (Socket peer = RawSockets.rawConnect(text.port())) {
            RawSockets.send(peer, wire);
            assertEquals("h\u00e9llo", text.receive(WAIT), "ISO-8859-1, split at LF");
            assertEquals("a\r", text.receive(WAIT), "CR is an ordinary byte once the delimiter is LF");
            assertEquals("", text.receive(WAIT), "an empty message is the delimiter alone");
        }
        try (Socket peer = RawSockets.rawConnect(bytes.port())) {
            RawSockets.send(peer, wire);
            assertArrayEquals(new byte[] {'h', (byte) 0xE9, 'l', 'l', 'o'}, bytes.receive(WAIT).getBytes());
        }
    }

    @Test
    void aSentMessageIsItsBytesInTheCharsetThenTheDelimiterWithNoEscaping(Vertx vertx) throws Exception {
        ServerSender<String> server = started(ServerSender.create(vertx, new QueueEndpointOptions().setPort(0)));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.connectedWithin(WAIT));
            await(server.send("h\u00e9llo"));
            await(server.send("two\r\nlines"));
            await(server.send(""));
            byte[] expected = "h\u00e9llo\r\ntwo\r\nlines\r\n\r\n".getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, RawSockets.receive(peer, expected.length));
        }
    }

    @Test
    void pysocklibsEncodeMsgIsTheCodecThenTheFraming() {
        QueueEndpointOptions options = new QueueEndpointOptions();
        Buffer wire = options.framing().encode(PayloadCodec.string(StandardCharsets.UTF_8).encode("h\u00e9llo"));
        assertArrayEquals(new byte[] {0x68, (byte) 0xc3, (byte) 0xa9, 0x6c, 0x6c, 0x6f, 0x0d, 0x0a}, wire.getBytes());
    }

    @Test
    void aMessageContainingTheDelimiterArrivesAsTwo(Vertx vertx) throws Exception {
        Server<String> server = started(Server.create(vertx, new QueueEndpointOptions().setPort(0)));
        Client<String> client = started(Client.create(vertx, client(server.port())));
        await(client.send("first half\r\nsecond half"));
        assertEquals("first half", server.receive(WAIT));
        assertEquals("second half", server.receive(WAIT));
    }

    @Test
    void aReceivedMessageOverTheMaximumFailsTheConnectionWithLineTooLongAndTheServerServesTheNextClient(Vertx vertx) throws Exception {
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        ServerReceiver<String> server = ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0).setMaxMessageLength(10));
        server.exceptionHandler(error::complete);
        started(server);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            RawSockets.send(peer, "0123456789\r\n01234567890\r\n");
            assertEquals("0123456789", server.receive(WAIT), "exactly the maximum is fine");
            assertInstanceOf(LineTooLongException.class, error.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            RawSockets.assertClosedByPeer(peer);
        }
        try (Socket next = RawSockets.rawConnect(server.port())) {
            RawSockets.send(next, "next\r\n");
            assertEquals("next", server.receive(WAIT));
        }
    }

    @Test
    void aSentMessageOverTheMaximumIsNotSentCountedAndReportedAndTheEndpointGoesOn(Vertx vertx) throws Exception {
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        ServerSender<String> server = ServerSender.create(vertx, new QueueEndpointOptions().setPort(0).setMaxMessageLength(4));
        server.exceptionHandler(error::complete);
        started(server);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            await(server.send("too long"));
            await(server.send("ok"));
            assertArrayEquals("ok\r\n".getBytes(StandardCharsets.US_ASCII), RawSockets.receive(peer, 4));
            assertInstanceOf(IllegalArgumentException.class, error.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(1, server.unsendableMessages());
        }
    }

    @Test
    void bytesNotValidInTheCharsetFailTheConnectionWithTextDecodeException(Vertx vertx) throws Exception {
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        ServerReceiver<String> server = ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0));
        server.exceptionHandler(error::complete);
        started(server);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            RawSockets.send(peer, new byte[] {'o', 'k', '\r', '\n', (byte) 0xC3, 0x28, '\r', '\n'});
            assertEquals("ok", server.receive(WAIT));
            assertInstanceOf(TextDecodeException.class, error.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            RawSockets.assertClosedByPeer(peer);
        }
    }

    @Test
    void aPartialLastMessageIsCountedNotQueued(Vertx vertx) throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0)));
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            RawSockets.send(peer, "whole\r\nhalf");
        }
        assertEquals("whole", server.receive(WAIT));
        awaitCondition("the partial message counted", () -> server.partialMessages() == 1);
        assertNull(server.receive(Duration.ofMillis(50)));
    }

    // ------------------------------------------------------------------ queues and backpressure

    @Test
    void aFullOutboundQueue(Vertx vertx) throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0)));
        int port = server.port();
        // tag::queue-backpressure[]
        ClientSender<String> client = ClientSender.create(vertx,
            new QueueEndpointOptions().setPort(port).setOutboundCapacity(2));   // not started: nothing is taken
        Future<Boolean> a = client.trySend("a");                 // true: queued
        Future<Void> b = client.send("b");                       // completes at once: there was room
        Future<Boolean> c = client.trySend("c");                 // false: the queue is full, "c" is not queued
        Future<Void> d = client.send("d");                       // completes once a message is taken for sending
        boolean e = client.offer("e", Duration.ofMillis(100));   // a plain thread: false after 100 ms, not queued
        // end::queue-backpressure[]
        closedAfter(client);
        assertTrue(await(a));
        await(b);
        assertFalse(await(c));
        assertFalse(e);
        assertFalse(d.isComplete(), "send waits while the queue is full");
        assertEquals(2, client.toSend().size());
        await(client.start());
        await(d, WAIT);
        assertEquals(List.of("a", "b", "d"), List.of(server.receive(WAIT), server.receive(WAIT), server.receive(WAIT)));
        assertNull(server.receive(Duration.ofMillis(50)), "neither c nor e was queued");
    }

    @Test
    void aFullInboundQueueStopsTheReadingAndLosesNothing(Vertx vertx) throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0).setInboundCapacity(3)));
        ClientSender<String> client = started(ClientSender.create(vertx, client(server.port())));
        for (int i = 0; i < 200; i++) {
            assertTrue(client.offer("m" + i, WAIT));
        }
        awaitCondition("the inbound queue full, one message waiting for room",
            () -> server.received().size() == 3 && server.received().waitingPuts() == 1);
        for (int i = 0; i < 200; i++) {
            assertEquals("m" + i, server.receive(WAIT));
        }
    }

    // ------------------------------------------------------------------ reconnecting

    @Test
    void aClientReconnectsWhenItsServerComesBackOnTheSamePort(Vertx vertx) throws Exception {
        int port = FixedPorts.free(1).get(0);   // not an ephemeral port: a retrying client could connect to itself
        ServerSender<String> first = started(ServerSender.create(vertx, new QueueEndpointOptions().setPort(port)));
        // tag::queue-reconnect[]
        ReconnectPolicy policy = ReconnectPolicy.defaults()            // 0.5 s, 1 s, 2 s ... 30 s, each ±20 %
            .withInitialDelay(Duration.ofMillis(100))
            .withMaxDelay(Duration.ofSeconds(5))
            .withDeadline(Duration.ofMinutes(10));                     // then FAILED: done() fails with the last error
        ClientReceiver<String> client = ClientReceiver.create(vertx,
            new QueueEndpointOptions().setPort(port).setReconnect(policy));
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        client.stateHandler(states::add);                              // CONNECTING, CONNECTED, BACKING_OFF ...
        Future<Void> connected = client.start()
            .compose(v -> client.connectedWithin(Duration.ofSeconds(10)));   // TimeoutException if not; it goes on trying
        // end::queue-reconnect[]
        closedAfter(client);
        await(connected, WAIT);
        await(first.send("one"));
        assertEquals("one", client.receive(WAIT));
        await(first.close(), WAIT);
        awaitCondition("backing off", () -> client.state() == ConnectionState.BACKING_OFF);

        ServerSender<String> second = started(ServerSender.create(vertx, new QueueEndpointOptions().setPort(port)));
        await(second.send("two"));
        assertEquals("two", client.receive(WAIT));
        assertEquals(2, client.connections());
        assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTED, ConnectionState.BACKING_OFF),
            states.subList(0, 3));
        assertEquals(ConnectionState.CONNECTED, states.get(states.size() - 1));
        assertTrue(states.stream().allMatch(s -> s != ConnectionState.FAILED && s != ConnectionState.CLOSED));
    }

    @Test
    void thePolicyDefaultsAndDelaysAreThoseThePageStates() {
        ReconnectPolicy p = ReconnectPolicy.defaults();
        assertTrue(p.reconnects());
        assertEquals(Duration.ofMillis(500), p.initialDelay());
        assertEquals(2.0, p.multiplier());
        assertEquals(Duration.ofSeconds(30), p.maxDelay());
        assertEquals(0.2, p.jitter());
        assertEquals(0, p.maxAttempts());
        assertEquals(Duration.ZERO, p.deadline());
        assertEquals(Duration.ofSeconds(10), p.connectTimeout());
        List<Long> middle = new ArrayList<>();
        List<Long> lowest = new ArrayList<>();
        List<Long> highest = new ArrayList<>();
        for (int retry = 1; retry <= 8; retry++) {
            middle.add(Math.round(p.delayBefore(retry, () -> 0.5).toNanos() / 1e6));
            lowest.add(Math.round(p.delayBefore(retry, () -> 0.0).toNanos() / 1e6));
            highest.add(Math.round(p.delayBefore(retry, () -> 0.9999999).toNanos() / 1e6));
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L), middle);
        assertEquals(List.of(400L, 800L, 1600L, 3200L, 6400L, 12800L, 24000L, 24000L), lowest);
        assertEquals(List.of(600L, 1200L, 2400L, 4800L, 9600L, 19200L, 30000L, 30000L), highest, "never above the cap");
        assertFalse(ReconnectPolicy.never().reconnects());
        assertFalse(ReconnectPolicy.never().allowsRetry(1, Duration.ZERO));
        assertFalse(p.withMaxAttempts(3).allowsRetry(3, Duration.ZERO));
        assertTrue(p.withMaxAttempts(3).allowsRetry(2, Duration.ZERO));
        assertFalse(p.withDeadline(Duration.ofSeconds(5)).allowsRetry(100, Duration.ofSeconds(5)));
    }

    @Test
    void theJsonFormOnThePageIsTheOptionsItDescribes() throws Exception {
        List<DocsSnippetsTest.Block> json = DocsSnippetsTest.blocks(DocsSnippetsTest.MODULE.resolve(PAGE)).stream()
            .filter(b -> b.language().equals("json"))
            .collect(Collectors.toList());
        assertEquals(1, json.size(), "one JSON block on the page");
        QueueEndpointOptions fromPage = new QueueEndpointOptions(new JsonObject(String.join("\n", json.get(0).body())));
        QueueEndpointOptions expected = new QueueEndpointOptions().setHost("controller.example.org")
            .setHeartbeat("Alive").setIdleTimeout(Duration.ofSeconds(90));
        assertEquals(expected.toJson(), fromPage.toJson());
        assertEquals(ReconnectPolicy.defaults(), fromPage.getReconnect(), "the reconnect object is the default policy");
        QueueEndpointOptions defaults = new QueueEndpointOptions();
        assertEquals("127.0.0.1", defaults.getHost());
        assertEquals(12345, defaults.getPort());
        assertEquals("\r\n", defaults.getDelimiter());
        assertEquals(StandardCharsets.UTF_8, defaults.getCharset());
        assertEquals(64 * 1024, defaults.getMaxMessageLength());
        assertEquals(1000, defaults.getInboundCapacity());
        assertEquals(1000, defaults.getOutboundCapacity());
        assertNull(defaults.getHeartbeat());
        assertEquals(Duration.ofSeconds(30), defaults.getHeartbeatInterval());
        assertEquals(Duration.ZERO, defaults.getIdleTimeout(), "idle is not a disconnect unless asked for");
        assertEquals(Duration.ZERO, defaults.getSendWait());
        assertEquals(Duration.ofSeconds(2), defaults.getResendWindow());
        assertEquals(10_000, defaults.getResendLimit());
        assertEquals(128, defaults.getWaitingClients());
    }

    @Test
    void aServerHoldsWaitingClientsAndClosesOneMoreAtOnce(Vertx vertx) throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0).setWaitingClients(1)));
        try (Socket first = RawSockets.rawConnect(server.port())) {
            RawSockets.send(first, "from 1\r\n");
            assertEquals("from 1", server.receive(WAIT));
            try (Socket second = RawSockets.rawConnect(server.port()); Socket third = RawSockets.rawConnect(server.port())) {
                RawSockets.send(second, "from 2\r\n");
                RawSockets.assertClosedByPeer(third);            // accepted, then closed: not refused
                assertNull(server.receive(Duration.ofMillis(100)), "the second is held while the first is served");
                first.close();
                assertEquals("from 2", server.receive(WAIT), "then served");
            }
        }
    }

    // ------------------------------------------------------------------ the resend window

    /**
     * A ClientSender whose server receives "a" and "b" and closes; once the client has noticed, "c" is queued
     * and a new server comes on the same port: what it receives up to "c".
     */
    private List<String> afterALostConnection(Vertx vertx, Duration window, int limit) throws Exception {
        int port = FixedPorts.free(1).get(0);   // not an ephemeral port: a retrying client could connect to itself
        ServerReceiver<String> first = started(ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(port)));
        ClientSender<String> client = started(ClientSender.create(vertx, client(port).setResendWindow(window).setResendLimit(limit)));
        await(client.send("a"));
        await(client.send("b"));
        assertEquals(List.of("a", "b"), List.of(first.receive(WAIT), first.receive(WAIT)));
        await(first.close(), WAIT);
        awaitCondition("the client noticed", () -> client.state() != ConnectionState.CONNECTED);
        await(client.send("c"));
        ServerReceiver<String> second = started(ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(port)));
        List<String> got = new ArrayList<>();
        String m;
        while (!got.contains("c") && (m = second.receive(WAIT)) != null) {
            got.add(m);
        }
        return got;
    }

    @Test
    void messagesWrittenWithinTheWindowBeforeTheLossAreSentAgainFirstInOrder(Vertx vertx) throws Exception {
        assertEquals(List.of("a", "b", "c"), afterALostConnection(vertx, Duration.ofHours(1), 10_000));
    }

    @Test
    void theWindowHoldsAtMostTheLimitTheNewestMessages(Vertx vertx) throws Exception {
        assertEquals(List.of("b", "c"), afterALostConnection(vertx, Duration.ofHours(1), 1));
    }

    @Test
    void withAZeroWindowNothingWrittenIsSentAgain(Vertx vertx) throws Exception {
        assertEquals(List.of("c"), afterALostConnection(vertx, Duration.ZERO, 10_000));
    }

    // ------------------------------------------------------------------ heartbeats and idle time

    @Test
    void heartbeatsAndIdleTime(Vertx vertx) throws Exception {
        int port = 12345;
        // tag::queue-heartbeat[]
        QueueEndpointOptions options = new QueueEndpointOptions().setPort(port)
            .setHeartbeat("Alive")                               // pysocklib's ClientReportAlive
            .setHeartbeatInterval(Duration.ofSeconds(30))        // sent after 30 s without sending anything else
            .setIdleTimeout(Duration.ofSeconds(90))              // nothing received for 90 s: the peer is gone
            .setResendWindow(Duration.ofSeconds(120))            // longer than the idle timeout
            .setResendLimit(100_000);                            // more than is sent in 120 s
        // end::queue-heartbeat[]
        assertEquals("Alive", options.getHeartbeat());
        assertEquals(Duration.ofSeconds(30), options.getHeartbeatInterval());
        assertEquals(Duration.ofSeconds(90), options.getIdleTimeout());
        // The same, faster: both sides stay connected on heartbeats alone, for four idle timeouts.
        QueueEndpointOptions fast = new QueueEndpointOptions(options).setHeartbeatInterval(Duration.ofMillis(50))
            .setIdleTimeout(Duration.ofMillis(300)).setResendWindow(Duration.ofMillis(400));
        Server<String> server = started(Server.create(vertx, new QueueEndpointOptions(fast).setPort(0)));
        Client<String> client = started(Client.create(vertx, new QueueEndpointOptions(fast).setPort(server.port()).setReconnect(FAST)));
        await(client.connectedWithin(WAIT));
        awaitCondition("four idle timeouts of heartbeats", () -> client.heartbeatsReceived() >= 24 && server.heartbeatsReceived() >= 24, WAIT);
        assertEquals(1, client.connections());
        assertEquals(1, server.connections());
        assertEquals(0, server.received().size(), "heartbeats are not queued");
    }

    @Test
    void theIdleTimeoutClosesASilentConnectionWithATimeoutExceptionAndTheClientReconnects(Vertx vertx) throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 4, java.net.InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Throwable> error = new CompletableFuture<>();
            ClientReceiver<String> client = ClientReceiver.create(vertx, client(listener.getLocalPort())
                .setIdleTimeout(Duration.ofMillis(200)));
            client.exceptionHandler(error::complete);
            started(client);
            try (Socket silent = listener.accept()) {
                assertInstanceOf(java.util.concurrent.TimeoutException.class, error.get(WAIT.toSeconds(), TimeUnit.SECONDS));
                RawSockets.assertClosedByPeer(silent);
            }
            try (Socket next = listener.accept()) {
                RawSockets.send(next, "again\r\n");
                assertEquals("again", client.receive(WAIT));
            }
        }
    }

    /**
     * Pins what the page says about the idle timer: it counts messages taken from the socket, so an inbound
     * queue left full for longer than the idle timeout closes a connection whose peer is sending all along.
     */
    @Test
    void anInboundQueueLeftFullForLongerThanTheIdleTimeoutKeepsTheConnection(Vertx vertx) throws Exception {
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServerReceiver<String> server = ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0)
            .setInboundCapacity(1).setIdleTimeout(Duration.ofMillis(200)));
        server.exceptionHandler(errors::add);
        started(server);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            RawSockets.send(peer, "m0\r\nm1\r\nm2\r\n");     // m0 fills the queue; m1 waits for room
            awaitCondition("the queue full", () -> server.received().waitingPuts() == 1);
            long since = System.nanoTime();
            // Five idle timeouts with the queue full and the peer silent: the endpoint is not reading.
            awaitCondition("a second with the queue full", () -> System.nanoTime() - since > 1_000_000_000L);
            assertEquals(List.of(), errors, "no idle timeout while the endpoint itself does not read");
            assertEquals(List.of("m0", "m1", "m2"), List.of(server.receive(WAIT), server.receive(WAIT), server.receive(WAIT)));
            assertEquals(1, server.connections());
        }
    }

    @Test
    void anIdleConnectionIsNotADisconnectByDefault(Vertx vertx) throws Exception {
        Server<String> server = started(Server.create(vertx, new QueueEndpointOptions().setPort(0)));
        Client<String> client = started(Client.create(vertx, client(server.port())));
        await(client.connectedWithin(WAIT));
        long since = System.nanoTime();
        awaitCondition("half a second of silence", () -> System.nanoTime() - since > 500_000_000L);
        assertEquals(ConnectionState.CONNECTED, client.state());
        assertEquals(1, client.connections());
    }

    // ------------------------------------------------------------------ stopping

    @Test
    void stopAfterReceived(Vertx vertx) throws Exception {
        // tag::queue-stop-after-received[]
        ServerReceiver<String> server = ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0));
        server.stopAfterReceived(3);                                  // pysocklib's stop predicate, counting
        Future<String> deployed = vertx.deployVerticle(server);       // start(): listening
        Future<Void> ended = server.done();                           // after the third message: CLOSED
        // end::queue-stop-after-received[]
        closedAfter(server);
        await(deployed);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            RawSockets.send(peer, "1\r\n2\r\n3\r\n4\r\n");
            await(ended, WAIT);
            RawSockets.assertClosedByPeer(peer);
        }
        assertEquals(ConnectionState.CLOSED, server.state());
        assertEquals(List.of("1", "2", "3"), List.of(server.receive(WAIT), server.receive(WAIT), server.receive(WAIT)));
        assertNull(server.receive(Duration.ZERO), "nothing after the third");
    }

    @Test
    void stopWhenOutboundEmpty(Vertx vertx) throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0)));
        int port = server.port();
        // tag::queue-stop-when-empty[]
        ClientSender<String> sender = ClientSender.create(vertx, new QueueEndpointOptions().setPort(port)
            .setReconnect(ReconnectPolicy.never()));                  // pysocklib's --messages: reconnect=False
        Future<Void> sent = Future.all(sender.send("move"), sender.send("track"), sender.send("stop"))
            .compose(all -> {
                sender.stopWhenOutboundEmpty();                       // everything is queued: stop once it has gone out
                return sender.start();
            })
            .compose(v -> sender.done());                             // CLOSED after the last message
        // end::queue-stop-when-empty[]
        closedAfter(sender);
        await(sent, WAIT);
        assertEquals(ConnectionState.CLOSED, sender.state());
        assertEquals(List.of("move", "track", "stop"), List.of(server.receive(WAIT), server.receive(WAIT), server.receive(WAIT)));
    }

    @Test
    void closeIsBoundedWhileBackingOffAndWhileAServerWaits(Vertx vertx) throws Exception {
        try (Socket reserved = RawSockets.reserveRefusingPort()) {
            ClientSender<String> client = started(ClientSender.create(vertx, new QueueEndpointOptions()
                .setPort(reserved.getLocalPort())));            // the default policy: 0.5 s, 1 s, ...
            awaitCondition("backing off", () -> client.state() == ConnectionState.BACKING_OFF);
            await(client.close(), Duration.ofSeconds(2));
            await(client.done(), Duration.ofSeconds(1));
            assertEquals(ConnectionState.CLOSED, client.state());
        }
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0)));
        assertEquals(ConnectionState.CONNECTING, server.state());
        await(server.close(), Duration.ofSeconds(2));
        RawSockets.assertRefusedEventually(server.port());
    }

    // ------------------------------------------------------------------ services

    // tag::queue-service-subclass[]
    /** pysocklib's AbstractService: _handle_message becomes handle, which returns a future. */
    static final class Reading extends Service<String, Double> {
        Reading(MessageSource<String> input, MessageSink<Double> output) {
            super("reading", input, output);
        }

        @Override
        protected Future<Double> handle(String message) {
            return Future.succeededFuture(Double.parseDouble(message));   // not a number: the service FAILS
        }
    }
    // end::queue-service-subclass[]

    @Test
    void aServiceLifetimeAndTheWatchdog(Vertx vertx) throws Exception {
        ServerReceiver<String> receiver = started(ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0)));
        // tag::queue-service-lifetime[]
        MessageQueue<Double> readings = new MessageQueue<>(vertx, 100);
        Service<String, Double> reading = new Reading(receiver.received(), readings)
            .stopWhen(StopCondition.afterMessages(1_000_000))          // pysocklib's stop predicate
            .exceptionHandler(e -> System.err.println("reading failed: " + e));
        Future<Void> ended = vertx.deployVerticle(reading)              // start()
            .compose(id -> reading.done());                             // join(): fails if the service FAILS
        // end::queue-service-lifetime[]
        // tag::queue-watchdog[]
        Watchdog watchdog = new Watchdog(WatchdogAction.log())         // in a program: WatchdogAction.exit(1)
            .watch(reading)                                            // a service: acted on if it FAILS
            .watch("receiver", receiver.done());                       // anything with a "done" future
        // end::queue-watchdog[]
        try (Socket peer = RawSockets.rawConnect(receiver.port())) {
            RawSockets.send(peer, "120.5\r\n45\r\nnorth\r\n");
            assertEquals(120.5, readings.take(WAIT));
            assertEquals(45.0, readings.take(WAIT));
            assertInstanceOf(NumberFormatException.class, awaitFailure(ended, Throwable.class));
        }
        assertSame(ServiceState.FAILED, reading.state());
        assertEquals(2, reading.handled());
        awaitCondition("the watchdog acted", () -> watchdog.failures() == 1);
        await(receiver.close());
        assertEquals(1, watchdog.failures(), "an endpoint closed on purpose is not a failure");
    }

    @Test
    void aStopConditionEndsAServiceAndShutdownIsBounded(Vertx vertx) throws Exception {
        MessageQueue<String> in = new MessageQueue<>(vertx, 10);
        MessageQueue<Double> out = new MessageQueue<>(vertx, 10);
        Service<String, Double> two = new Reading(in, out).stopWhen(StopCondition.afterMessages(2));
        await(vertx.deployVerticle(two));
        await(in.put("1"));
        await(in.put("2"));
        await(in.put("3"));
        await(two.done(), WAIT);
        assertSame(ServiceState.STOPPED, two.state());
        assertEquals(1, in.size(), "the third is left in the input");
        Service<String, Double> waiting = new Reading(new MessageQueue<>(vertx, 1), out);
        await(vertx.deployVerticle(waiting));
        await(waiting.shutdown(), Duration.ofSeconds(2));      // waiting on an empty input: withdrawn at once
        assertSame(ServiceState.STOPPED, waiting.state());
    }

    @Test
    void aPipelineThroughTheEventBus(Vertx vertx) throws Exception {
        ServerReceiver<String> downstream = started(ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0)));
        int downstreamPort = downstream.port();
        // tag::queue-pipeline[]
        EventBusSource<String> raw = new EventBusSource<>(vertx, "lines.raw", 100);        // consumes the address
        EventBusSource<String> upper = new EventBusSource<>(vertx, "lines.upper", 100);
        ServerReceiver<String> ingest = new ServerReceiver<>(vertx, new QueueEndpointOptions().setPort(0),
            PayloadCodec.string(), new EventBusSink<>(vertx, "lines.raw"));               // received: to "lines.raw"
        ToUpper toUpper = new ToUpper(raw, new EventBusSink<>(vertx, "lines.upper"));
        ClientSender<String> forward = new ClientSender<>(vertx,
            new QueueEndpointOptions().setPort(downstreamPort), PayloadCodec.string(), upper);   // sends "lines.upper"
        Future<?> running = Future.all(raw.registered(), upper.registered())   // consumers first (see below)
            .compose(v -> vertx.deployVerticle(toUpper))
            .compose(id -> forward.start())
            .compose(v -> ingest.start());
        // end::queue-pipeline[]
        closedAfter(ingest);
        closedAfter(forward);
        await(running, WAIT);
        ClientSender<String> producer = started(ClientSender.create(vertx, client(ingest.port())));
        await(producer.send("hello"));
        await(producer.send("world"));
        assertEquals("HELLO", downstream.receive(WAIT));
        assertEquals("WORLD", downstream.receive(WAIT));
    }

    @Test
    void pysocklibsSamples(Vertx vertx) throws Exception {
        // tag::queue-samples[]
        ServerReceiver<String> receiver = ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0));
        MessageLogger<String> logger = new MessageLogger<>("receiver", receiver.received());   // INFO per message
        Future<ClientSender<String>> sender = receiver.start()
            .compose(v -> vertx.deployVerticle(logger))
            .map(id -> new ClientSender<>(vertx, new QueueEndpointOptions().setPort(receiver.port()),
                PayloadCodec.string(), new MessageGenerator(vertx, "sender", Duration.ofSeconds(5))))
            .compose(s -> s.start().map(s));                  // "sender 1" at once, "sender 2" 5 s later ...
        // end::queue-samples[]
        closedAfter(receiver);
        closedAfter(await(sender, WAIT));
        awaitCondition("the first generated message logged", () -> logger.handled() >= 1);
    }

    // ------------------------------------------------------------------ the page itself

    /** Every {@code Class#method} the page names is a test of some module. */
    @Test
    void everyTestThePageNamesExists() throws IOException {
        String page = Files.readString(DocsSnippetsTest.MODULE.resolve(PAGE));
        Matcher m = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([a-z][A-Za-z0-9_]*)`").matcher(page);
        Map<String, List<Path>> sources = ReliabilityDocTest.testSources();
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (m.find()) {
            named++;
            boolean found = false;
            for (Path f : sources.getOrDefault(m.group(1), List.of())) {
                found |= ReliabilityDocTest.isTestMethod(Files.readString(f), m.group(2));
            }
            if (!found) {
                missing.add(m.group(1) + "#" + m.group(2));
            }
        }
        assertTrue(named >= 10, "the page names only " + named + " tests");
        assertEquals(List.of(), missing);
    }
}
