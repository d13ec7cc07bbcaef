package dev.tcpip.services;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CancellationException;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageGeneratorTest extends VertxTest {
    private static final Duration SHORT_PERIOD = Duration.ofMillis(1);

    @Test
    void messageGeneratorEmitsNameAndACountStartingAtOne() throws Exception {
        MessageGenerator generator = new MessageGenerator(vertx, "name", SHORT_PERIOD);
        assertEquals("name 1", await(generator.take()));
        assertEquals("name 2", await(generator.take()));
        assertEquals("name 3", await(generator.take()));
    }

    @Test
    void messageGeneratorWrapsFrom100To1() throws Exception {
        MessageGenerator generator = new MessageGenerator(vertx, "name", SHORT_PERIOD);
        for (int n = 1; n <= 100; n++) {
            assertEquals("name " + n, await(generator.take()));
        }
        assertEquals("name 1", await(generator.take()));
        assertEquals("name 2", await(generator.take()));
    }

    @Test
    void theDefaultPeriodIsFiveSeconds() {
        assertEquals(Duration.ofSeconds(5), MessageGenerator.DEFAULT_PERIOD);
    }

    @Test
    void theNextMessageWaitsForThePeriodAndATakeCanBeWithdrawn() throws Exception {
        MessageGenerator generator = new MessageGenerator(vertx, "slow", Duration.ofHours(1));
        assertEquals("slow 1", await(generator.take()));
        var second = generator.take();
        assertFalse(second.isComplete(), "the second message is due in an hour");
        assertTrue(await(generator.cancelTake(second)));
        awaitFailure(second, CancellationException.class);
    }

    @Test
    void theGeneratorServicePutsItsMessagesOnItsOutput() throws Exception {
        MessageQueue<String> out = new MessageQueue<>(vertx, 10);
        Service<String, String> service = MessageGenerator.service(vertx, "gen", out, SHORT_PERIOD).stopWhen(StopCondition.afterMessages(3));
        await(vertx.deployVerticle(service));
        await(service.done());
        assertEquals(3, out.size());
        assertEquals("gen 1", out.take(Duration.ZERO));
        assertEquals("gen 2", out.take(Duration.ZERO));
        assertEquals("gen 3", out.take(Duration.ZERO));
    }
}
