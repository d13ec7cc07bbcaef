package dev.tcpip.services;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ToUpperTest extends VertxTest {
    @Test
    void toUpperTurnsHelloWorldIntoHELLOWORLDThroughInMemoryQueues() throws Exception {
        MessageQueue<String> in = new MessageQueue<>(vertx, 10);
        MessageQueue<String> out = new MessageQueue<>(vertx, 10);
        ToUpper service = new ToUpper(in, out);
        await(vertx.deployVerticle(service));
        assertEquals(ServiceState.RUNNING, service.state());

        in.offer("hello", Duration.ofSeconds(1));
        in.offer("world", Duration.ofSeconds(1));

        assertEquals("HELLO", out.take(Duration.ofSeconds(5)));
        assertEquals("WORLD", out.take(Duration.ofSeconds(5)));
        // The count goes up once the put has completed, on the service's context: maybe after our take.
        awaitCondition("both counted as handled", () -> service.handled() == 2);
        await(service.shutdown(), BOUND);
        assertEquals(ServiceState.STOPPED, service.state());
        assertEquals(2, service.handled());
    }

    @Test
    void toUpperTurnsHelloWorldIntoHELLOWORLDThroughEventBusAddresses() throws Exception {
        EventBusSource<String> in = new EventBusSource<>(vertx, "to-upper.in", 10);
        EventBusSource<String> out = new EventBusSource<>(vertx, "to-upper.out", 10);
        await(in.registered());
        await(out.registered());
        ToUpper service = new ToUpper(in, new EventBusSink<>(vertx, "to-upper.out"));
        await(vertx.deployVerticle(service));

        EventBusSink<String> producer = new EventBusSink<>(vertx, "to-upper.in");
        await(producer.put("hello"));
        await(producer.put("world"));

        assertEquals("HELLO", await(out.take()));
        assertEquals("WORLD", await(out.take()));
        await(service.shutdown(), BOUND);
        await(in.close());
        await(out.close());
    }
}
