package dev.tcpip.core.message;

import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.codec.PayloadCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitNext;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many clients at once, limits, hostile peers and options of the listener. */
class MessageListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }

    /** A frame echo whose sockets report their close causes. */
    private MessageListener<MessageSocket<Buffer>> echo(MessageListenerOptions options, LinkedBlockingQueue<Object> causes)
        throws Exception {
        MessageListener<MessageSocket<Buffer>> listener = MessageListener.create(vertx, options, PayloadCodec.bytes());
        listener.connectionHandler(s -> {
            s.closeHandler(e -> causes.add(e == null ? "normal" : e));
            s.handler(s::send);
        });
        await(listener.listen());
        return listener;
    }

    @Test
    void twoHundredClientsAtOnceEachEchoAThousandFramesNoneLostOrReordered() throws Exception {
        MessageListener<MessageSocket<Buffer>> listener = echo(new MessageListenerOptions(), new LinkedBlockingQueue<>());
        int clients = 200;
        int frames = 1000;
        List<Future<Void>> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            all.add(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(listener.port()), PayloadCodec.bytes())
                .compose(s -> {
                    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
                    int[] next = {0};
                    s.handler(b -> {
                        String expected = client + ":" + next[0];
                        if (!b.toString().equals(expected)) {
                            done.tryFail(new AssertionError("client " + client + " expected " + expected + ", got " + b));
                        } else if (++next[0] == frames) {
                            done.tryComplete();
                        }
                        return Future.succeededFuture();
                    });
                    for (int i = 0; i < frames; i++) {
                        s.send(Buffer.buffer(client + ":" + i));
                    }
                    return done.future().eventually(s::close);
                }));
        }
        await(Future.all(all), Duration.ofSeconds(60));
        assertEquals(clients, listener.acceptedConnections());
    }

    @Test
    void aPeerStalledMidFrameDelaysNeitherItsOwnSendsNorOtherConnections() throws Exception {
        MessageListener<MessageSocket<Buffer>> listener = MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.bytes());
        await(listener.listen());
        try (Socket stalled = rawConnect(listener.port())) {
            MessageSocket<Buffer> stalledSide = listener.accept(WAIT);
            DataOutputStream out = new DataOutputStream(stalled.getOutputStream());
            out.writeInt(1000);
            out.write(new byte[10]);   // 10 of 1000 bytes, then nothing
            out.flush();
            // qsocket held its send lock while receiving a frame: here sends to the stalled peer go out at once.
            await(stalledSide.send(Buffer.buffer("to the stalled peer")));
            DataInputStream in = new DataInputStream(stalled.getInputStream());
            assertEquals(19, in.readInt());
            byte[] body = new byte[19];
            in.readFully(body);
            assertEquals("to the stalled peer", new String(body));

            MessageSocket<Buffer> other = await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(listener.port()),
                PayloadCodec.bytes()));
            MessageSocket<Buffer> otherSide = listener.accept(WAIT);
            for (int i = 0; i < 100; i++) {
                other.send(Buffer.buffer("m" + i));
                assertEquals("m" + i, otherSide.receive(WAIT).toString());
            }
        }
    }

    @Test
    void randomBytesHalfClosesAndResetsMidFrameCostOnlyTheirConnection() throws Exception {
        LinkedBlockingQueue<Object> causes = new LinkedBlockingQueue<>();
        MessageListener<MessageSocket<Buffer>> listener = echo(new MessageListenerOptions().setMaxFrameLength(4096), causes);
        MessageSocket<Buffer> good = await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(listener.port()),
            PayloadCodec.bytes()));

        try (Socket random = rawConnect(listener.port())) {
            byte[] noise = new byte[64];
            new Random(7).nextBytes(noise);
            noise[0] = (byte) 0x80;   // a negative length first: rejected on the header
            random.getOutputStream().write(noise);
            assertEquals(-1, random.getInputStream().read(), "closed by the listener");
        }
        assertInstanceOf(Throwable.class, awaitNext(causes), "random bytes: an error");

        try (Socket half = rawConnect(listener.port())) {
            DataOutputStream out = new DataOutputStream(half.getOutputStream());
            out.writeInt(100);
            out.write(new byte[40]);
            out.flush();
            half.shutdownOutput();
            assertEquals(-1, half.getInputStream().read(), "closed after the half-close");
        }
        IncompleteReadException cut = assertInstanceOf(IncompleteReadException.class, awaitNext(causes), "half-close mid-frame");
        assertEquals(40, cut.partial().length());

        Socket reset = rawConnect(listener.port());
        DataOutputStream out = new DataOutputStream(reset.getOutputStream());
        out.writeInt(100);
        out.write(new byte[40]);
        out.flush();
        reset.setSoLinger(true, 0);
        reset.close();
        assertInstanceOf(Throwable.class, awaitNext(causes), "reset mid-frame: an error");

        good.send(Buffer.buffer("still served"));
        assertEquals("still served", good.receive(WAIT).toString());
        await(good.close());
        assertEquals("normal", awaitNext(causes));
    }

    @Test
    void aPeerThatFloodsASocketNobodyReadsMeetsBackpressureWithTheQueueAtItsCapacity() throws Exception {
        assertFloodStallsWith(new MessageListenerOptions().setReceiveQueueCapacity(4), 4);
    }

    @Test
    void theReceiveQueueAlsoStopsReadingOnceItHoldsTheMaximumFrameLengthInBytes() throws Exception {
        // 1,000-byte frames, a 1,000-byte maximum: one queued message is all the queue takes, whatever its capacity.
        assertFloodStallsWith(new MessageListenerOptions().setReceiveQueueCapacity(64).setMaxFrameLength(1000), 1);
    }

    private void assertFloodStallsWith(MessageListenerOptions options, int queued) throws Exception {
        MessageListener<MessageSocket<Buffer>> listener = MessageListener.create(vertx, options, PayloadCodec.bytes());
        await(listener.listen());
        try (java.nio.channels.SocketChannel flood = java.nio.channels.SocketChannel.open(
            new java.net.InetSocketAddress("127.0.0.1", listener.port()))) {
            MessageSocket<Buffer> nobodyReads = listener.accept(WAIT);
            flood.configureBlocking(false);
            // 64 frames of 1,000 bytes per chunk; nobody takes them from the socket's queue.
            java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(64 * 1004);
            for (int i = 0; i < 64; i++) {
                chunk.putInt(1000).put(new byte[1000]);
            }
            long written = 0;
            int refusals = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (refusals < 1000) {
                assertTrue(written < 64L * 1024 * 1024, "no backpressure: " + written + " bytes accepted");
                assertTrue(System.nanoTime() < deadline, "the flood did not stall in time");
                if (!chunk.hasRemaining()) {
                    chunk.flip();
                }
                int n = flood.write(chunk);
                written += n;
                refusals = n == 0 ? refusals + 1 : 0;
                if (n == 0) {
                    Thread.onSpinWait();
                }
            }
            // Under load the event loop may still be decoding what the kernel handed over: wait for it.
            dev.tcpip.testsupport.Await.awaitCondition("the queue filled to its limit", () -> nobodyReads.queuedMessages() >= queued);
            assertEquals(queued, nobodyReads.queuedMessages(), "the queue holds no more than its limits allow");
            for (int i = 0; i < 3 * queued; i++) {
                assertEquals(1000, nobodyReads.receive(WAIT).length(), "and reading goes on as they are taken");
            }
        }
    }

    @Test
    void connectingGivesUpAfterTheConnectTimeout() throws Exception {
        // A listening socket that never accepts, its backlog full: the kernel drops further SYNs.
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<Socket> filling = new ArrayList<>();
            try {
                boolean hung = false;
                for (int i = 0; i < 20 && !hung; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(new java.net.InetSocketAddress("127.0.0.1", full.getLocalPort()), 300);
                        filling.add(s);
                    } catch (java.net.SocketTimeoutException e) {
                        hung = true;
                        s.close();
                    }
                }
                org.junit.jupiter.api.Assumptions.assumeTrue(hung, "this kernel never lets a connect hang on a full backlog");
                long start = System.nanoTime();
                java.net.ConnectException e = dev.tcpip.testsupport.Await.awaitFailure(MessageSocket.connect(vertx,
                    new MessageSocketOptions().setPort(full.getLocalPort()).setConnectTimeout(Duration.ofMillis(300)),
                    PayloadCodec.bytes()), java.net.ConnectException.class);
                assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + full.getLocalPort()), e.getMessage());
                assertTrue(System.nanoTime() - start < WAIT.toNanos(), "within the timeout, not the kernel's retries");
            } finally {
                for (Socket s : filling) {
                    s.close();
                }
            }
        }
    }

    @Test
    void connectionsOverTheMaximumAreClosedAtOnceAndCounted() throws Exception {
        MessageListener<MessageSocket<Buffer>> listener = echo(new MessageListenerOptions().setMaxConnections(2),
            new LinkedBlockingQueue<>());
        List<MessageSocket<Buffer>> two = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            two.add(await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(listener.port()), PayloadCodec.bytes())));
        }
        awaitCondition("two accepted", () -> listener.acceptedConnections() == 2);
        try (Socket third = rawConnect(listener.port())) {
            assertEquals(-1, third.getInputStream().read(), "the third is closed at once");
        }
        assertEquals(1, listener.rejectedConnections());
        await(two.get(0).close());
        awaitCondition("one slot free", () -> openConnections(listener) == 1);
        MessageSocket<Buffer> again = await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(listener.port()),
            PayloadCodec.bytes()));
        again.send(Buffer.buffer("in"));
        assertEquals("in", again.receive(WAIT).toString());
    }

    private static int openConnections(MessageListener<?> listener) {
        try {
            return await(listener.openConnections());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        LinkedBlockingQueue<Object> causes = new LinkedBlockingQueue<>();
        MessageListener<MessageSocket<Buffer>> listener = echo(new MessageListenerOptions().setIdleTimeout(Duration.ofMillis(200)), causes);
        MessageSocket<Buffer> client = await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(listener.port()),
            PayloadCodec.bytes()));
        await(client.closeFuture(), WAIT);
        assertEquals("normal", awaitNext(causes));
        assertThrows(EndOfStreamException.class, () -> client.receive(WAIT));
    }

    @Test
    void closingTheListenerClosesEverySocketAndReleasesThePort() throws Exception {
        LinkedBlockingQueue<Object> causes = new LinkedBlockingQueue<>();
        MessageListener<MessageSocket<Buffer>> listener = echo(new MessageListenerOptions(), causes);
        MessageSocket<Buffer> client = await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(listener.port()),
            PayloadCodec.bytes()));
        awaitCondition("accepted", () -> listener.acceptedConnections() == 1);
        await(listener.close());
        assertEquals("normal", awaitNext(causes), "the accepted socket's hook");
        await(client.closeFuture());
        MessageListener<MessageSocket<Buffer>> again = MessageListener.create(vertx,
            new MessageListenerOptions().setPort(listener.port()), PayloadCodec.bytes());
        assertEquals(listener.port(), await(again.listen()), "the port is free again");
    }

    @Test
    void receiveRefusesToBlockAnEventLoop() throws Exception {
        MessageListener<MessageSocket<Buffer>> listener = echo(new MessageListenerOptions(), new LinkedBlockingQueue<>());
        MessageSocket<Buffer> client = await(MessageSocket.connect(vertx, new MessageSocketOptions().setPort(listener.port()),
            PayloadCodec.bytes()));
        Throwable refused = await(Future.future(p -> client.context().runOnContext(v -> {
            try {
                client.receive(Duration.ofMillis(1));
                p.fail("received");
            } catch (Exception | Error e) {
                p.complete(e);
            }
        })));
        assertInstanceOf(IllegalStateException.class, refused);
    }

    @Test
    void sendingAMessageOverTheMaximumFailsAndTheSocketGoesOn() throws Exception {
        MessageListener<MessageSocket<Buffer>> listener = echo(new MessageListenerOptions(), new LinkedBlockingQueue<>());
        MessageSocket<Buffer> client = await(MessageSocket.connect(vertx,
            new MessageSocketOptions().setPort(listener.port()).setMaxFrameLength(10), PayloadCodec.bytes()));
        Throwable tooLong = assertThrows(Exception.class, () -> await(client.send(Buffer.buffer(new byte[11]))));
        assertTrue(tooLong.getMessage().contains("11"), tooLong.getMessage());
        client.send(Buffer.buffer(new byte[10]));
        assertArrayEquals(new byte[10], client.receive(WAIT).getBytes());
    }

    @Test
    void vertxServerAndClientOptionsBringTlsAndAPlaintextClientGetsNothing() throws Exception {
        // Deprecated for removal in Vert.x 5.1, with no replacement in vertx-core; it works on Java 17 and 25.
        @SuppressWarnings("removal")
        SelfSignedCertificate made = SelfSignedCertificate.create("localhost");
        try {
            MessageListener<MessageSocket<Buffer>> listener = echo(new MessageListenerOptions()
                .setNetServerOptions(new NetServerOptions().setSsl(true).setKeyCertOptions(
                    new PemKeyCertOptions().setCertPath(made.certificatePath()).setKeyPath(made.privateKeyPath()))),
                new LinkedBlockingQueue<>());
            MessageSocket<Buffer> client = await(MessageSocket.connect(vertx, new MessageSocketOptions()
                .setHost("localhost").setPort(listener.port())
                .setNetClientOptions(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
                    .setTrustOptions(new PemTrustOptions().addCertPath(made.certificatePath()))), PayloadCodec.bytes()));
            client.send(Buffer.buffer("over TLS"));
            assertEquals("over TLS", client.receive(WAIT).toString());

            // A plaintext frame is not a TLS record: the server never takes it as a message.
            try (Socket raw = rawConnect(listener.port())) {
                DataOutputStream out = new DataOutputStream(raw.getOutputStream());
                out.writeInt(5);
                out.write("plain".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.flush();
                raw.setSoTimeout((int) WAIT.toMillis());
                int first = raw.getInputStream().read();
                assertTrue(first == -1 || first == 0x15, "EOF or a TLS alert, not an echo: " + first);
            }
            client.send(Buffer.buffer("still served"));
            assertEquals("still served", client.receive(WAIT).toString());
        } finally {
            made.delete();
        }
    }

    @Test
    void optionsHaveAJsonFormThatReadsBack() {
        MessageListenerOptions options = new MessageListenerOptions().setName("tel").setHost("0.0.0.0").setPort(5100)
            .setMaxFrameLength(1024).setMaxConnections(7).setIdleTimeout(Duration.ofMillis(1500)).setReceiveQueueCapacity(3)
            .setNetServerOptions(new NetServerOptions().setSsl(true).setAcceptBacklog(16));
        JsonObject json = options.toJson();
        assertEquals(json, new MessageListenerOptions(json).toJson());
        assertTrue(new MessageListenerOptions(json).getNetServerOptions().isSsl());
        assertEquals(16, new MessageListenerOptions(json).getNetServerOptions().getAcceptBacklog());
        assertEquals(1024, new MessageListenerOptions(new JsonObject().put("maxFrameLength", 1024)).getMaxFrameLength());
        MessageSocketOptions socket = new MessageSocketOptions().setPort(1).setConnectTimeout(Duration.ofMillis(250))
            .setNetClientOptions(new NetClientOptions().setSsl(true).setLocalAddress("127.0.0.1"));
        assertEquals(socket.toJson(), new MessageSocketOptions(socket.toJson()).toJson());
        assertEquals("127.0.0.1", new MessageListenerOptions().getHost(), "loopback unless told otherwise");
        assertThrows(IllegalArgumentException.class, () -> new MessageListenerOptions().setMaxConnections(0));
        assertThrows(IllegalArgumentException.class, () -> new MessageListenerOptions().setPort(65536));
        assertThrows(IllegalArgumentException.class, () -> new MessageListenerOptions().setMaxFrameLength(-1));
        assertThrows(IllegalArgumentException.class, () -> new MessageSocketOptions().setConnectTimeout(Duration.ZERO));
    }

    @Test
    void aReplySentJustBeforeTheListenerClosesReachesThePeerBeforeTheEnd() throws Exception {
        // Five times: a loss seen elsewhere was a race (the server close overtaking what a socket had queued).
        for (int run = 0; run < 5; run++) {
            MessageListener<MessageSocket<Buffer>> listener = MessageListener.create(vertx, new MessageListenerOptions(),
                PayloadCodec.bytes());
            listener.connectionHandler(socket -> socket.handler(request -> {
                socket.send(Buffer.buffer(new byte[256 * 1024]));   // the last reply, then the listener closes
                listener.close();
                return Future.succeededFuture();
            }));
            int port = await(listener.listen());
            try (Socket peer = rawConnect(port)) {
                DataOutputStream out = new DataOutputStream(peer.getOutputStream());
                out.writeInt(1);
                out.write('x');
                out.flush();
                DataInputStream in = new DataInputStream(peer.getInputStream());
                assertEquals(256 * 1024, in.readInt(), "run " + run);
                byte[] payload = new byte[256 * 1024];
                in.readFully(payload);
                assertEquals(-1, in.read(), "then the end, run " + run);
            }
            await(listener.close());
        }
    }
}
