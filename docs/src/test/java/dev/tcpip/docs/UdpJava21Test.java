package dev.tcpip.docs;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.udp.DatagramClient;
import dev.tcpip.udp.DatagramOptions;
import dev.tcpip.udp.DatagramServer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The Java 21+ (virtual thread) examples of docs/udp.md: a server whose handler awaits, in a verticle on
 * virtual threads, and a client that asks again when UDP loses a datagram.
 */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+")
@ExtendWith(VertxExtension.class)
class UdpJava21Test {

    // tag::udp-virtual-thread-server[]
    /** Answers each name with an address that it asks the event bus for: its handler awaits. */
    static class AddressBook extends AbstractVerticle {
        final Promise<Integer> port = Promise.promise();

        @Override
        public void start() {                                         // runs on a virtual thread
            DatagramServer<String> server = DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.string(),
                (name, sender, reply) -> {                            // on a virtual thread too
                    String address = vertx.eventBus().<String>request("directory", name).await().body();
                    reply.send(address, sender);
                });
            port.complete(server.start().await());                   // 127.0.0.1, a free port
        }
    }
    // end::udp-virtual-thread-server[]

    /** Answers "directory" requests; "slow" after 200 ms, the others at once. */
    private static void directory(Vertx vertx) {
        vertx.eventBus().<String>consumer("directory", request -> {
            String answer = request.body() + "@example.org";
            if (request.body().equals("slow")) {
                vertx.setTimer(200, id -> request.reply(answer));
            } else {
                request.reply(answer);
            }
        });
    }

    @Test
    void aHandlerOnAVirtualThreadAwaitsAndTheNextDatagramDoesNotWaitForIt(Vertx vertx) throws Exception {
        directory(vertx);
        // tag::udp-virtual-thread-deploy[]
        AddressBook book = new AddressBook();
        vertx.deployVerticle(book, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD));
        // end::udp-virtual-thread-deploy[]
        int port = await(book.port.future());
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            peer.setSoTimeout(10_000);
            send(peer, port, "slow");
            send(peer, port, "fast");
            assertEquals("fast@example.org", receive(peer), "the second handler ran while the first awaited");
            assertEquals("slow@example.org", receive(peer));
        }
    }

    @Test
    void aClientAsksAgainWhenAnAnswerIsLost(Vertx vertx) throws Exception {
        AtomicInteger questions = new AtomicInteger();
        DatagramServer<String> lossy = DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (name, sender, reply) -> {
                if (questions.incrementAndGet() > 1) {                // the first answer is "lost"
                    reply.send(name + "@example.org", sender);
                }
            });
        int port = await(lossy.start());
        SocketAddress server = SocketAddress.inetSocketAddress(port, "127.0.0.1");
        String found = await(VirtualThreads.run(vertx, () -> {
            // tag::udp-virtual-thread-ask[]
            AtomicReference<Promise<String>> answer = new AtomicReference<>(Promise.promise());
            DatagramClient<String> client = DatagramClient.create(vertx, new DatagramOptions(), PayloadCodec.string(),
                (message, sender) -> answer.get().tryComplete(message));
            client.start().await();
            String address = null;
            for (int attempt = 1; address == null && attempt <= 3; attempt++) {   // UDP may lose either datagram
                answer.set(Promise.promise());
                client.send("alice", server).await();
                address = answer.get().future()
                    .timeout(500, TimeUnit.MILLISECONDS).otherwiseEmpty().await();   // null if none came in time
            }
            client.close().await();
            // end::udp-virtual-thread-ask[]
            return address;
        }));
        assertEquals("alice@example.org", found);
        assertEquals(2, questions.get());

        DatagramServer<String> silent = DatagramServer.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (name, sender, reply) -> { });
        int silentPort = await(silent.start());
        String none = await(VirtualThreads.run(vertx, () -> {
            DatagramClient<String> client = DatagramClient.create(vertx, new DatagramOptions(), PayloadCodec.string(),
                (message, sender) -> { });
            client.start().await();
            String address = "unset";
            for (int attempt = 1; attempt <= 3; attempt++) {
                client.send("alice", SocketAddress.inetSocketAddress(silentPort, "127.0.0.1")).await();
                address = Promise.<String>promise().future().timeout(20, TimeUnit.MILLISECONDS).otherwiseEmpty().await();
            }
            client.close().await();
            return address;
        }));
        assertEquals(null, none, "three questions unanswered: null, and the context still works");
    }

    /**
     * Pins what the page says about Vert.x 5.1.5: on a virtual-thread verticle's context, an
     * {@code await(timeout, unit)} that times out leaves the context unable to await again (the next
     * {@code await} throws IllegalStateException). When Vert.x fixes it, this test fails: update udp.md.
     */
    @Test
    void vertxAwaitWithATimeoutBreaksTheNextAwaitOnAVirtualThreadContext(Vertx vertx) throws Exception {
        Throwable next = await(VirtualThreads.run(vertx, () -> {
            try {
                Promise.<String>promise().future().await(20, TimeUnit.MILLISECONDS);
                return null;
            } catch (TimeoutException expected) {
                try {
                    vertx.timer(1).await();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            }
        }));
        assertInstanceOf(IllegalStateException.class, next);
    }

    /** What the page says about blocking calls: a poll on the verticle's thread keeps the handler from running. */
    @Test
    void aBlockingPollOnTheVerticlesThreadStarvesTheClientsHandler(Vertx vertx) throws Exception {
        DatagramServer<String> echo = UdpDocTest.echoServer(vertx);
        int port = echo.port();
        String[] polled = await(VirtualThreads.run(vertx, () -> {
            BlockingQueue<String> answers = new LinkedBlockingQueue<>();
            DatagramClient<String> client = DatagramClient.create(vertx, new DatagramOptions(), PayloadCodec.string(),
                (message, sender) -> answers.add(message));
            client.start().await();
            client.send("hello", SocketAddress.inetSocketAddress(port, "127.0.0.1")).await();
            String whilePolling = answers.poll(300, TimeUnit.MILLISECONDS);   // holds the context: nothing comes
            vertx.timer(1).await();                                           // frees it: the echo is delivered
            return new String[] {whilePolling, answers.poll(10, TimeUnit.SECONDS)};
        }));
        assertEquals(null, polled[0]);
        assertEquals("echo:hello", polled[1]);
    }

    private static void send(DatagramSocket from, int port, String text) throws java.io.IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        from.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), port));
    }

    private static String receive(DatagramSocket at) throws java.io.IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        at.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
    }
}
