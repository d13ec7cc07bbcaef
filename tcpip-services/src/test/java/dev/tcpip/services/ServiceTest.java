package dev.tcpip.services;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.Await.awaitNext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceTest extends VertxTest {
    @Test
    void aHandlerThatThrowsMovesTheServiceToFailedReportsTheExceptionAndTheWatchdogActs() throws Exception {
        MessageQueue<String> in = new MessageQueue<>(vertx, 10);
        BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> exits = new LinkedBlockingQueue<>();
        Service<String, String> service = Service.<String, String>of("thrower", in, null, m -> {
            throw new IllegalStateException("boom on " + m);
        }).exceptionHandler(reported::add);
        Watchdog watchdog = new Watchdog(WatchdogAction.exit(3, exits::add)).watch(service);
        await(vertx.deployVerticle(service));

        await(in.put("x"));

        IllegalStateException failure = awaitFailure(service.done(), IllegalStateException.class);
        assertEquals("boom on x", failure.getMessage());
        assertEquals(ServiceState.FAILED, service.state());
        assertSame(failure, awaitNext("reported exception", reported));
        assertEquals(3, awaitNext("exit status", exits));
        assertEquals(1, watchdog.failures());
        await("shutdown of a failed service", service.shutdown(), BOUND);
    }

    @Test
    void aHandlerWhoseFutureFailsMovesTheServiceToFailed() throws Exception {
        MessageQueue<String> in = new MessageQueue<>(vertx, 10);
        BlockingQueue<String> logged = new LinkedBlockingQueue<>();
        Service<String, Void> service = Service.of("async-failure", in, null, m -> Future.<Void>failedFuture(new IllegalArgumentException(m)));
        new Watchdog((name, cause) -> logged.add(name + ": " + cause.getMessage())).watch(service);
        await(vertx.deployVerticle(service));
        await(in.put("bad"));
        awaitFailure(service.done(), IllegalArgumentException.class);
        assertEquals(ServiceState.FAILED, service.state());
        assertEquals("async-failure: bad", awaitNext(logged));
    }

    @Test
    void theWatchdogDoesNotActOnAServiceThatStopsOnPurpose() throws Exception {
        MessageQueue<String> in = new MessageQueue<>(vertx, 10);
        Service<String, String> service = new ToUpper(in, null);
        Watchdog watchdog = new Watchdog((name, cause) -> {
            throw new AssertionError("acted on " + name);
        }).watch(service);
        await(vertx.deployVerticle(service));
        await(service.shutdown(), BOUND);
        await(service.done());
        assertEquals(0, watchdog.failures());
    }

    @Test
    void shutdownCompletesWithinABoundWhileTheServiceWaitsForInput() throws Exception {
        MessageQueue<String> in = new MessageQueue<>(vertx, 10);
        MessageQueue<String> out = new MessageQueue<>(vertx, 10);
        ToUpper service = new ToUpper(in, out);
        await(vertx.deployVerticle(service));
        awaitCondition("the service waits for input", () -> in.waitingTakes() == 1);

        await("shutdown", service.shutdown(), BOUND);

        assertEquals(ServiceState.STOPPED, service.state());
        awaitCondition("the waiting take is withdrawn", () -> in.waitingTakes() == 0);
        await(in.put("later"));
        assertEquals(1, in.size(), "a message put after the shutdown stays in the queue");
    }

    @Test
    void shutdownCompletesWithinABoundWhileBlockedOnAFullOutput() throws Exception {
        MessageQueue<String> in = new MessageQueue<>(vertx, 10);
        MessageQueue<String> out = new MessageQueue<>(vertx, 1);
        for (String m : new String[] {"a", "b", "c"}) {
            await(in.put(m));
        }
        ToUpper service = new ToUpper(in, out);
        await(vertx.deployVerticle(service));
        awaitCondition("the service is blocked on the full output", () -> out.waitingPuts() == 1);

        await("shutdown", service.shutdown(), BOUND);

        assertEquals(ServiceState.STOPPED, service.state());
        awaitCondition("the waiting put is withdrawn", () -> out.waitingPuts() == 0);
        awaitCondition("the message it held is counted as abandoned", () -> service.abandoned() == 1);
        assertEquals(1, service.handled());
        assertEquals("A", out.take(Duration.ofSeconds(1)));
        assertEquals("c", in.take(Duration.ofSeconds(1)), "the message not yet taken stays in the input");
    }

    @Test
    void undeployingARunningServiceShutsItDown() throws Exception {
        MessageQueue<String> in = new MessageQueue<>(vertx, 10);
        ToUpper service = new ToUpper(in, null);
        String id = await(vertx.deployVerticle(service));
        await("undeploy", vertx.undeploy(id), BOUND);
        assertEquals(ServiceState.STOPPED, service.state());
    }

    @Test
    void aServiceStartedWithoutBeingDeployedFailsWithTheReason() throws Exception {
        Service<String, String> service = new ToUpper(new MessageQueue<>(vertx, 1), new MessageQueue<>(vertx, 1));
        IllegalStateException e = awaitFailure(service.start(), IllegalStateException.class);
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("deployVerticle"), e.getMessage());
    }

    @Test
    void aServiceShutDownBeforeItStartsIsStoppedAndCannotStart() throws Exception {
        ToUpper service = new ToUpper(new MessageQueue<>(vertx, 1), null);
        await(service.shutdown(), BOUND);
        assertEquals(ServiceState.STOPPED, service.state());
        awaitFailure(vertx.deployVerticle(service), IllegalStateException.class);
    }

    @Test
    void aStopConditionStopsTheServiceAfterNMessages() throws Exception {
        MessageQueue<String> in = new MessageQueue<>(vertx, 10);
        MessageQueue<String> out = new MessageQueue<>(vertx, 10);
        for (int i = 1; i <= 5; i++) {
            await(in.put("m" + i));
        }
        Service<String, String> service = new ToUpper(in, out).stopWhen(StopCondition.afterMessages(3));
        await(vertx.deployVerticle(service));

        await("the service stops by itself", service.done());

        assertEquals(ServiceState.STOPPED, service.state());
        assertEquals(3, service.handled());
        assertEquals(3, out.size());
        assertEquals(2, in.size());
        assertEquals("M1", out.take(Duration.ZERO));
    }

    @Test
    void aServiceHandlesMessagesOneAtATimeInOrderWithAsyncHandlers() throws Exception {
        MessageQueue<Integer> in = new MessageQueue<>(vertx, 100);
        MessageQueue<Integer> out = new MessageQueue<>(vertx, 100);
        int[] running = {0};
        int[] maxRunning = {0};
        Service<Integer, Integer> service = Service.of("slow", in, out, m -> {
            running[0]++;
            maxRunning[0] = Math.max(maxRunning[0], running[0]);
            // Later messages finish sooner if they were handled together: 1 ms timers in reverse order.
            return vertx.timer(1 + (50 - m) % 3).map(id -> {
                running[0]--;
                return m;
            });
        });
        for (int i = 0; i < 50; i++) {
            await(in.put(i));
        }
        await(vertx.deployVerticle(service.stopWhen(StopCondition.afterMessages(50))));
        await(service.done());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, out.take(Duration.ZERO));
        }
        assertEquals(1, maxRunning[0]);
        assertTrue(service.handled() == 50);
    }
}
