package dev.tcpip.docs;

import dev.tcpip.services.endpoint.ClientSender;
import dev.tcpip.services.endpoint.QueueEndpointOptions;
import dev.tcpip.services.endpoint.ServerReceiver;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The Java 21+ examples of docs/queues-reconnect-services.md: {@code await()} in a virtual-thread verticle, and
 * the blocking {@code offer} and {@code receive(Duration)} on virtual threads of one's own
 * ({@code Executors.newVirtualThreadPerTaskExecutor()} is Java 21 API, so this lives in src/test/java21).
 */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+")
@ExtendWith(VertxExtension.class)
class QueuesReconnectServicesJava21Test {

    @Test
    void awaitInAVirtualThreadVerticle(Vertx vertx) throws Exception {
        List<String> got = await(VirtualThreads.run(vertx, () -> {
            // tag::queue-virtual-thread-await[]
            ServerReceiver<String> server = ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0));
            server.start().await();                                    // listening
            ClientSender<String> client = ClientSender.create(vertx,
                new QueueEndpointOptions().setPort(server.port()));
            client.start().await();
            client.connectedWithin(Duration.ofSeconds(10)).await();   // throws TimeoutException if not connected by then
            client.send("Hello").await();                              // waits while the outbound queue is full
            client.send("World").await();
            String hello = server.receive().await();                   // waits for a message
            String world = server.receive().await();
            // end::queue-virtual-thread-await[]
            client.close().await();
            server.close().await();
            return List.of(hello, world);
        }), Duration.ofSeconds(20));
        assertEquals(List.of("Hello", "World"), got);
    }

    @Test
    void blockingCallsOnVirtualThreadsOfYourOwn(Vertx vertx) throws Exception {
        ServerReceiver<String> server = ServerReceiver.create(vertx,
            new QueueEndpointOptions().setPort(0).setInboundCapacity(10));
        server.start().await(10, TimeUnit.SECONDS);
        ClientSender<String> client = ClientSender.create(vertx,
            new QueueEndpointOptions().setPort(server.port()).setOutboundCapacity(10));
        client.start().await(10, TimeUnit.SECONDS);
        // tag::queue-virtual-thread-blocking[]
        List<String> got = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            threads.submit(() -> {                           // a producer, held back while the outbound queue is full
                for (int i = 1; i <= 1000; i++) {
                    if (!client.offer("reading " + i, Duration.ofSeconds(10))) {
                        throw new TimeoutException("the outbound queue stayed full for 10 s");
                    }
                }
                return null;
            });
            threads.submit(() -> {                           // a consumer, waiting while the inbound queue is empty
                String line;
                while (got.size() < 1000 && (line = server.receive(Duration.ofSeconds(10))) != null) {
                    got.add(line);
                }
                return null;
            });
        }                                                    // waits for both
        // end::queue-virtual-thread-blocking[]
        assertEquals(1000, got.size());
        for (int i = 1; i <= 1000; i++) {
            assertEquals("reading " + i, got.get(i - 1));
        }
        assertNull(server.receive(Duration.ZERO));
        client.close().await(10, TimeUnit.SECONDS);
        server.close().await(10, TimeUnit.SECONDS);
    }

    /**
     * The trap the page warns about: in a virtual-thread verticle, a blocking receive on an endpoint made there
     * would hold the very context that delivers the message, so it is refused; await() works.
     */
    @Test
    void aBlockingReceiveOnTheEndpointsOwnVirtualThreadContextIsRefusedAndAwaitWorks(Vertx vertx) throws Exception {
        String outcome = await(VirtualThreads.run(vertx, () -> {
            ServerReceiver<String> server = ServerReceiver.create(vertx, new QueueEndpointOptions().setPort(0));
            server.start().await();
            ClientSender<String> client = ClientSender.create(vertx, new QueueEndpointOptions().setPort(server.port()));
            client.start().await();
            client.send("waiting").await();
            String blocking;
            try {
                blocking = "returned " + server.receive(Duration.ofMillis(300));
            } catch (IllegalStateException refused) {
                blocking = "refused";
            }
            String awaited = server.receive().await();
            client.close().await();
            server.close().await();
            return blocking + " then " + awaited;
        }), Duration.ofSeconds(20));
        assertEquals("refused then waiting", outcome);
    }
}
