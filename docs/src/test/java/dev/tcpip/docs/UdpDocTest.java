package dev.tcpip.docs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.udp.BackgroundTask;
import dev.tcpip.udp.DatagramClient;
import dev.tcpip.udp.DatagramEndpoint;
import dev.tcpip.udp.DatagramOptions;
import dev.tcpip.udp.DatagramServer;
import dev.tcpip.udp.chat.ChatServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Java 17 examples of docs/udp.md, its chat session, and the claims the page makes about tcpip-udp. */
@ExtendWith(VertxExtension.class)
class UdpDocTest {
    private static final int WAIT_MILLIS = 10_000;
    private final List<DatagramSocket> peers = new ArrayList<>();

    @AfterEach
    void closePeers() {
        peers.forEach(DatagramSocket::close);
    }

    /** The echo server of the page, started. */
    static DatagramServer<String> echoServer(Vertx vertx) throws Exception {
        // tag::udp-echo-server[]
        DatagramServer<String> server = DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (message, sender, reply) -> reply.send("echo:" + message, sender));   // each datagram, in order
        Future<Integer> port = server.start();     // 127.0.0.1 and a free port, unless the options say otherwise
        // end::udp-echo-server[]
        await(port);
        return server;
    }

    @Test
    void anEchoServerAndAClientWithFutures(Vertx vertx) throws Exception {
        DatagramServer<String> server = echoServer(vertx);
        assertEquals("127.0.0.1", server.localAddress().host());
        int port = server.port();
        // tag::udp-echo-client[]
        Promise<String> first = Promise.promise();
        DatagramClient<String> client = DatagramClient.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (message, sender) -> first.tryComplete(message));         // each datagram, on the client's context
        SocketAddress to = SocketAddress.inetSocketAddress(port, "127.0.0.1");
        Future<String> reply = client.start()                        // binds 127.0.0.1 and a free port of its own
            .compose(clientPort -> client.send("hello", to))          // done once handed to the system
            .compose(sent -> first.future())                          // "echo:hello"
            .timeout(2, TimeUnit.SECONDS);                            // UDP may lose the datagram or its echo
        // end::udp-echo-client[]
        assertEquals("echo:hello", await(reply));
        assertEquals("127.0.0.1", client.localAddress().host());
        assertEquals(1, server.receivedDatagrams());
        awaitCondition("the echo counted", () -> server.sentDatagrams() == 1);
        assertEquals(1, client.sentDatagrams());
        assertEquals(1, client.receivedDatagrams());

        await(client.close());
        await(server.close());
        awaitFailure("a send after close", server.send("late", to), IllegalStateException.class);
        awaitFailure("a second start", server.start(), IllegalStateException.class);
        await(server.close());   // idempotent
    }

    @Test
    void aBindFailureNamesTheAddressAndASendBeforeStartFails(Vertx vertx) throws Exception {
        DatagramSocket taken = peer();
        DatagramServer<String> server = DatagramServer.create(vertx, new DatagramOptions().setPort(taken.getLocalPort()),
            PayloadCodec.string(), (message, sender, reply) -> { });
        awaitFailure(server.send("early", address(taken)), IllegalStateException.class);
        BindException e = awaitFailure(server.start(), BindException.class);
        assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        assertEquals(DatagramOptions.DEFAULT_MAX_DATAGRAM_SIZE, 2048);
        assertEquals(DatagramOptions.DEFAULT_RECEIVE_BUFFER_SIZE, 1024 * 1024);
        assertEquals(DatagramOptions.DEFAULT_MAX_PENDING_HANDLERS, 1024);
        assertEquals(Duration.ofSeconds(10), DatagramOptions.DEFAULT_OVERSIZE_LOG_INTERVAL);
    }

    @Test
    void aSendSucceedsEvenWhenNobodyListens(Vertx vertx) throws Exception {
        DatagramServer<String> server = echoServer(vertx);
        int nobody;
        try (DatagramSocket gone = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            nobody = gone.getLocalPort();
        }
        SocketAddress to = SocketAddress.inetSocketAddress(nobody, "127.0.0.1");
        await(server.send("anyone?", to));
        await(server.send("anyone?", to));
        assertEquals(2, server.sentDatagrams());
        Promise<String> first = Promise.promise();
        DatagramClient<String> client = DatagramClient.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (message, sender) -> first.tryComplete(message));
        Future<String> reply = client.start()
            .compose(clientPort -> client.send("hello", to))
            .compose(sent -> first.future())
            .timeout(100, TimeUnit.MILLISECONDS);
        awaitFailure("no answer", reply, java.util.concurrent.TimeoutException.class);
    }

    @Test
    void byDefaultHandlersRunInOrderOnTheEventLoop(Vertx vertx) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        DatagramServer<String> server = DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (message, sender, reply) -> {
                seen.add(message);
                threads.add(Thread.currentThread().getName());
            });
        await(server.start());
        DatagramSocket peer = peer();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add("m" + i);
            send(peer, server.port(), "m" + i);
        }
        awaitCondition("50 handled", () -> seen.size() == 50);
        assertEquals(sent, seen);
        assertEquals(1, threads.size());
        assertTrue(threads.iterator().next().contains("eventloop"), threads.toString());
    }

    @Test
    void handlerThreadsMayBlockAndWhatDoesNotFitIsDroppedAndCounted(Vertx vertx) throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // Stands for any blocking call: a database query, a file read.
        Function<String, String> directory = name -> {
            threads.add(Thread.currentThread().getName());
            return name + "@example.org";
        };
        // tag::udp-handler-threads[]
        DatagramServer<String> lookup = DatagramServer.create(vertx,
            new DatagramOptions().setHandlerThreads(4).setMaxPendingHandlers(100),   // 4 threads, 100 datagrams at most
            PayloadCodec.string(),
            (name, sender, reply) -> reply.send(directory.apply(name), sender));    // may block: a worker thread
        // end::udp-handler-threads[]
        await(lookup.start());
        DatagramSocket peer = peer();
        send(peer, lookup.port(), "alice");
        assertEquals("alice@example.org", receive(peer));
        assertFalse(threads.iterator().next().contains("eventloop"), threads.toString());

        CountDownLatch release = new CountDownLatch(1);
        DatagramServer<String> slow = DatagramServer.create(vertx,
            new DatagramOptions().setHandlerThreads(2).setMaxPendingHandlers(5), PayloadCodec.string(),
            (name, sender, reply) -> release.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        await(slow.start());
        for (int i = 0; i < 20; i++) {
            send(peer, slow.port(), "m" + i);
        }
        awaitCondition("20 received", () -> slow.receivedDatagrams() == 20);
        assertEquals(15, slow.droppedDatagrams(), "5 handed to the pool (2 running, 3 waiting), 15 dropped");
        release.countDown();
    }

    @Test
    void theCodecsAndTextWhateverTheCodec(Vertx vertx) throws Exception {
        // tag::udp-codecs[]
        DatagramServer<Buffer> counter = DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.bytes(),
            (bytes, sender, reply) -> reply.sendText("got " + bytes.length() + " bytes", sender));   // text, any codec
        DatagramServer<Object> mount = DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.json(),
            (message, sender, reply) -> {
                JsonObject command = (JsonObject) message;                 // {"cmd": "move", "az": 120.5}
                reply.send(new JsonObject().put("ack", command.getString("cmd")), sender);   // {"ack":"move"}
            });
        // end::udp-codecs[]
        await(counter.start());
        await(mount.start());
        DatagramSocket peer = peer();
        send(peer, counter.port(), new byte[] {0, 1, 2, (byte) 0xFF});
        assertEquals("got 4 bytes", receive(peer));
        send(peer, mount.port(), "{\"cmd\": \"move\", \"az\": 120.5}");
        assertEquals("{\"ack\":\"move\"}", receive(peer));

        send(peer, mount.port(), "{not json");                            // not decoded: counted, not handled
        send(peer, mount.port(), "[1, 2]");                               // the handler's cast throws: counted
        send(peer, mount.port(), "{\"cmd\": \"stop\"}");
        assertEquals("{\"ack\":\"stop\"}", receive(peer), "nothing answered the two before");
        assertEquals(1, mount.undecodableDatagrams());
        assertEquals(1, mount.handlerFailures());
        assertEquals(4, mount.receivedDatagrams());

        DatagramServer<String> text = echoServer(vertx);
        send(peer, text.port(), new byte[] {(byte) 0xC3, 0x28});           // not UTF-8: no answer
        send(peer, text.port(), "h\u00e9");
        assertEquals("echo:h\u00e9", receive(peer));
        assertEquals(1, text.undecodableDatagrams());
    }

    @Test
    void theMaximumDatagramIsCheckedNeverCutAndLoggedOncePerSender(Vertx vertx) throws Exception {
        ch.qos.logback.classic.Logger endpointLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(DatagramEndpoint.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        endpointLog.addAppender(logged);
        try {
            List<Integer> sizes = new CopyOnWriteArrayList<>();
            Consumer<Buffer> store = image -> sizes.add(image.length());
            // tag::udp-max-datagram[]
            DatagramServer<Buffer> images = DatagramServer.create(vertx,
                new DatagramOptions().setMaxDatagramSize(9000),           // 1 to 65,507 bytes; 2048 unless set
                PayloadCodec.bytes(), (image, sender, reply) -> store.accept(image));
            // end::udp-max-datagram[]
            await(images.start());
            DatagramSocket one = peer();
            DatagramSocket other = peer();
            send(one, images.port(), new byte[9000]);
            send(one, images.port(), new byte[9001]);
            send(one, images.port(), new byte[20_000]);
            send(other, images.port(), new byte[9001]);
            send(one, images.port(), new byte[1]);
            awaitCondition("five received", () -> images.receivedDatagrams() == 5);
            awaitCondition("two handled", () -> sizes.size() == 2);
            assertEquals(List.of(9000, 1), sizes, "whole datagrams only");
            assertEquals(3, images.oversizeDatagrams());
            List<String> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
            assertEquals(2, warnings.size(), "once per sender: " + warnings);
            assertTrue(warnings.get(0).contains("longer than the maximum of 9000 bytes"), warnings.get(0));
            awaitFailure("a send over the maximum", images.send(Buffer.buffer(new byte[9001]), address(one)),
                IllegalArgumentException.class);

            DatagramServer<String> byDefault = echoServer(vertx);
            send(one, byDefault.port(), "x".repeat(2049));
            send(one, byDefault.port(), "x".repeat(2043));
            assertEquals("echo:" + "x".repeat(2043), receive(one), "2048 bytes out: the maximum, both ways");
            assertEquals(1, byDefault.oversizeDatagrams());
        } finally {
            endpointLog.detachAppender(logged);
        }
        assertThrows(IllegalArgumentException.class, () -> new DatagramOptions().setMaxDatagramSize(65_508));
        new DatagramOptions().setMaxDatagramSize(DatagramOptions.MAX_DATAGRAM_SIZE);
    }

    @Test
    void theKernelQueueIsAskedForApartAndZeroGivesTheKernelsDefault(Vertx vertx) throws Exception {
        DatagramServer<String> byDefault = echoServer(vertx);
        DatagramServer<String> zero = DatagramServer.create(vertx, new DatagramOptions().setReceiveBufferSize(0),
            PayloadCodec.string(), (message, sender, reply) -> { });
        await(zero.start());
        long rmemMax = Long.parseLong(java.nio.file.Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
        // The JDK reports half of what Linux keeps (Linux doubles SO_RCVBUF for its bookkeeping).
        assertEquals(Math.min(1 << 20, rmemMax), receiveQueue(byDefault), "1 MiB asked, capped at net.core.rmem_max");
        int kernelDefault;
        try (java.net.DatagramSocket plain = new java.net.DatagramSocket((java.net.SocketAddress) null)) {
            kernelDefault = plain.getReceiveBufferSize();
        }
        assertEquals(kernelDefault, receiveQueue(zero), "0: the kernel's default, not Vert.x's maximum + 1");
    }

    /** SO_RCVBUF of an endpoint's socket, as the JDK reports it (through the socket's Netty channel). */
    private static int receiveQueue(DatagramEndpoint<?> endpoint) throws ReflectiveOperationException {
        java.lang.reflect.Field socket = DatagramEndpoint.class.getDeclaredField("socket");
        socket.setAccessible(true);
        io.netty.channel.Channel channel = dev.tcpip.core.internal.VertxInternals.datagramChannel(
            (io.vertx.core.datagram.DatagramSocket) socket.get(endpoint));
        return channel.config().getOption(io.netty.channel.ChannelOption.SO_RCVBUF);
    }

    @Test
    void closingVertxClosesTheEndpoints() throws Exception {
        Vertx own = Vertx.vertx();
        DatagramServer<String> server = echoServer(own);
        int port = server.port();
        await(own.close());
        awaitCondition("the port free again", () -> {
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port))) {
                return again.getLocalPort() == port;
            } catch (IOException inUse) {
                return false;
            }
        });
    }

    @Test
    void aHandlerThatThrowsIsCountedAndTheNextDatagramIsHandled(Vertx vertx) throws Exception {
        DatagramServer<String> server = DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (message, sender, reply) -> reply.send(Integer.toString(Integer.parseInt(message) * 2), sender));
        await(server.start());
        DatagramSocket peer = peer();
        send(peer, server.port(), "two");
        send(peer, server.port(), "21");
        assertEquals("42", receive(peer));
        assertEquals(1, server.handlerFailures());
    }

    @Test
    void aBackgroundTaskRunsOnTheServersContextUntilClose(Vertx vertx) throws Exception {
        DatagramServer<String> server = echoServer(vertx);
        DatagramSocket monitorSocket = peer();
        SocketAddress monitor = address(monitorSocket);
        // tag::udp-task[]
        BackgroundTask heartbeat = server.task("heartbeat", Duration.ofMillis(500),
            () -> server.send("ALIVE", monitor), true);     // every 0.5 s, on the server's context, until close()
        // end::udp-task[]
        assertEquals("ALIVE", receive(monitorSocket));
        assertTrue(heartbeat.runs() >= 1);
        assertTrue(heartbeat.isRunning());
        await(server.close());
        assertFalse(heartbeat.isRunning());
        awaitFailure("a task of a closed server", heartbeat.start(), IllegalStateException.class);
        BackgroundTask late = server.task("late", Duration.ofMillis(10), () -> { }, false);
        awaitFailure("a task made after close", late.start(), IllegalStateException.class);
    }

    // ---------------------------------------------------------------- the chat sample

    @Test
    void theChatSessionOnThePage(Vertx vertx) throws Exception {
        // tag::udp-chat-server[]
        ChatServer chat = new ChatServer(vertx, new DatagramOptions(),              // 127.0.0.1, a free port
            ChatServer.DEFAULT_PING_INTERVAL, ChatServer.DEFAULT_MAX_MISSED);       // PING every 10 s, 3 missed at most
        Future<Integer> port = chat.start();
        // end::udp-chat-server[]
        int chatPort = await(port);
        Map<String, DatagramSocket> users = new LinkedHashMap<>();
        Pattern step = Pattern.compile("^(\\w+) +(->|<-) (.*)$");
        List<String> session = textBlock("udp.md", "alice -> JOIN alice");
        for (String line : session) {
            Matcher m = step.matcher(line);
            assertTrue(m.matches(), "not a step of the session: " + line);
            DatagramSocket user = users.get(m.group(1));
            if (user == null) {
                user = peer();
                users.put(m.group(1), user);
            }
            if (m.group(2).equals("->")) {
                send(user, chatPort, m.group(3));
            } else {
                assertEquals(m.group(3), receive(user), line);
            }
        }
        assertEquals(List.of("bob"), await(chat.users()));
        assertEquals(1234, ChatServer.DEFAULT_PORT);
        assertEquals(Duration.ofSeconds(10), ChatServer.DEFAULT_PING_INTERVAL);
        assertEquals(3, ChatServer.DEFAULT_MAX_MISSED);
        await(chat.close());
    }

    @Test
    void chatDetailsThePageStates(Vertx vertx) throws Exception {
        ChatServer chat = new ChatServer(vertx, new DatagramOptions(), Duration.ofMinutes(1), 3);
        int port = await(chat.start());
        DatagramSocket alice = peer();
        send(alice, port, "JOIN alice smith");                 // a name is one word: the rest is ignored
        assertEquals("JOK", receive(alice));
        send(alice, port, "JOIN alice");                       // the same name again from the same address
        assertEquals("JOK", receive(alice));
        send(alice, port, "MSGP (alice) note to self");        // to oneself: once
        assertEquals("(alice) note to self", receive(alice));
        send(alice, port, "MSGA   spaced  out");               // the text as sent
        assertEquals("(alice)   spaced  out", receive(alice));
        send(alice, port, "msga hi");                          // commands are upper case
        assertEquals("ERR UNKNOWN COMMAND", receive(alice));
        send(alice, port, "");                                 // an empty datagram is a command too
        assertEquals("ERR UNKNOWN COMMAND", receive(alice));
        send(alice, port, new byte[] {(byte) 0xFF});           // not UTF-8: no answer
        send(alice, port, new byte[3000]);                     // over 2048 bytes: no answer
        send(alice, port, "PONG");                             // no answer either
        send(alice, port, "MSGP (alice)");                     // no text after "(name) "
        assertEquals("ERR BAD MSGP", receive(alice), "the three before got no answer");
        assertEquals(1, chat.server().undecodableDatagrams());
        assertEquals(1, chat.server().oversizeDatagrams());

        DatagramSocket stranger = peer();
        send(stranger, port, "JOIN");
        assertEquals("ERR NO NAME", receive(stranger));
        send(stranger, port, "EXIT");
        assertEquals("ERR NOT JOINED", receive(stranger));
        send(stranger, port, "PONG");
        assertEquals("ERR NOT JOINED", receive(stranger));
        await(chat.close());
    }

    @Test
    void aUserThatMissesMoreThanMaxMissedPingsIsDroppedAndOneThatAnswersStays(Vertx vertx) throws Exception {
        ChatServer chat = new ChatServer(vertx, new DatagramOptions(), Duration.ofMillis(50), 2);
        int port = await(chat.start());
        DatagramSocket silent = peer();
        send(silent, port, "JOIN silent");
        assertEquals("JOK", receive(silent));
        DatagramSocket alive = peer();
        send(alive, port, "JOIN alive");
        assertEquals("JOK", receive(alive));
        for (int i = 1; i <= 3; i++) {
            assertEquals("PING", receive(silent), "ping " + i);        // the third is one more than 2: dropped
            assertEquals("PING", receive(alive));
            send(alive, port, "PONG");
        }
        send(silent, port, "MSGA hello?");
        assertEquals("ERR NOT JOINED", receive(silent), "dropped, without notice, after its third ping");
        for (int i = 0; i < 3; i++) {
            assertEquals("PING", receive(alive));
            send(alive, port, "PONG");
        }
        assertEquals(List.of("alive"), await(chat.users()));
        await(chat.close());
    }

    // ---------------------------------------------------------------- helpers

    /** The first {@code ```text} block of the page that contains the text, line by line. */
    static List<String> textBlock(String page, String containing) {
        Path file = Path.of(page).toAbsolutePath();
        return DocsSnippetsTest.blocks(file).stream()
            .filter(b -> b.language().equals("text") && b.body().stream().anyMatch(l -> l.contains(containing)))
            .findFirst()
            .map(DocsSnippetsTest.Block::body)
            .orElseGet(() -> fail(page + " has no ```text block containing " + containing));
    }

    private DatagramSocket peer() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        s.setSoTimeout(WAIT_MILLIS);
        peers.add(s);
        return s;
    }

    private static SocketAddress address(DatagramSocket s) {
        return SocketAddress.inetSocketAddress(s.getLocalPort(), "127.0.0.1");
    }

    private static void send(DatagramSocket from, int port, String text) throws IOException {
        send(from, port, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(DatagramSocket from, int port, byte[] bytes) throws IOException {
        from.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), port));
    }

    private static String receive(DatagramSocket at) throws IOException {
        byte[] buf = new byte[65_536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        at.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }
}
