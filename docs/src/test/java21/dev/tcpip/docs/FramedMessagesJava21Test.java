package dev.tcpip.docs;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.message.EndOfStreamException;
import dev.tcpip.core.message.MessageListener;
import dev.tcpip.core.message.MessageListenerOptions;
import dev.tcpip.core.message.MessageSocket;
import dev.tcpip.core.message.MessageSocketOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java 21+ examples of docs/framed-messages.md: a thread per client and a client loop, on virtual threads
 * ({@code Thread.ofVirtual()} and {@code Executors.newVirtualThreadPerTaskExecutor()} are Java 21 API, so this
 * lives in src/test/java21).
 */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+")
@ExtendWith(VertxExtension.class)
class FramedMessagesJava21Test {

    // tag::message-virtual-thread-serve[]
    /** One client, on a virtual thread of its own: each line back in capitals, until the client leaves. */
    static void serve(MessageSocket<String> client) {
        try {
            while (true) {
                String line = client.receive(Duration.ofMinutes(5));
                client.send(line.toUpperCase(Locale.ROOT)).await();
            }
        } catch (EndOfStreamException e) {
            // the client has closed, or the listener was closed
        } catch (TimeoutException | InterruptedException e) {
            client.close();                                   // silent for five minutes, or told to stop
        }
    }
    // end::message-virtual-thread-serve[]

    // tag::message-virtual-thread-client[]
    /** A client loop: connect, one reply per line, close; on a virtual thread, blocking costs nothing. */
    static List<String> shout(Vertx vertx, int port, List<String> lines) throws Exception {
        MessageSocket<String> socket = MessageSocket.connect(vertx,
            new MessageSocketOptions().setPort(port), PayloadCodec.string()).await();
        try {
            List<String> replies = new ArrayList<>();
            for (String line : lines) {
                socket.send(line).await();
                replies.add(socket.receive(Duration.ofSeconds(10)));
            }
            return replies;
        } finally {
            socket.close().await();
        }
    }
    // end::message-virtual-thread-client[]

    @Test
    void aVirtualThreadPerClient(Vertx vertx) throws Exception {
        // tag::message-virtual-thread-acceptor[]
        MessageListener<MessageSocket<String>> listener =
            MessageListener.create(vertx, new MessageListenerOptions(), PayloadCodec.string());
        int port = listener.listen().await();
        Thread acceptor = Thread.ofVirtual().name("acceptor").start(() -> {
            try (ExecutorService perClient = Executors.newVirtualThreadPerTaskExecutor()) {
                while (true) {
                    MessageSocket<String> client = listener.accept(Duration.ofHours(1));
                    perClient.submit(() -> serve(client));
                }
            } catch (EndOfStreamException e) {
                // listener.close(): no more clients, and every client thread has ended
            } catch (TimeoutException | InterruptedException e) {
                listener.close();                             // no new client for an hour, or told to stop
            }
        });
        // end::message-virtual-thread-acceptor[]

        // tag::message-virtual-thread-clients[]
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                String name = "client " + i;
                clients.submit(() -> replies.addAll(shout(vertx, port, List.of("hello from " + name, "bye"))));
            }
        }                                                     // waits for every client
        // end::message-virtual-thread-clients[]

        assertEquals(200, replies.size());
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 100; i++) {
            expected.add("HELLO FROM CLIENT " + i);
        }
        expected.add("BYE");
        assertEquals(expected, new TreeSet<>(replies));
        assertEquals(100, replies.stream().filter("BYE"::equals).count());
        assertEquals(100, listener.acceptedConnections());
        await(listener.close());
        assertTrue(acceptor.join(Duration.ofSeconds(10)), "the acceptor ends once the listener is closed");
    }
}
