package dev.tcpip.testsupport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.Await.awaitNext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwaitTest extends VertxPerTest {
    @Test
    void awaitReturnsTheResultOfAFutureCompletedLater() throws Exception {
        Promise<String> promise = Promise.promise();
        vertx.setTimer(20, id -> promise.complete("done"));
        assertEquals("done", await(promise.future()));
    }

    @Test
    void awaitThrowsTheFailureAsItIsCheckedOrNot() {
        ConnectException refused = new ConnectException("refused");
        assertSame(refused, assertThrows(ConnectException.class, () -> await(Future.failedFuture(refused))));
        StackOverflowError error = new StackOverflowError("deep");
        assertSame(error, assertThrows(StackOverflowError.class, () -> await(Future.failedFuture(error))));
    }

    @Test
    void aTimeoutFailsWithAMessageSayingWhatWasAwaited() {
        AssertionError plain = assertThrows(AssertionError.class, () -> await(Promise.<Void>promise().future(), SHORT));
        assertEquals("future not complete within 200 ms", plain.getMessage());
        AssertionError named = assertThrows(AssertionError.class,
            () -> await("the server's start", Promise.<Void>promise().future(), SHORT));
        assertEquals("the server's start not complete within 200 ms", named.getMessage());
    }

    @Test
    void awaitFailureReturnsAFailureOfTheTypeAndRefusesAnythingElse() {
        IllegalStateException failure = new IllegalStateException("boom");
        assertSame(failure, awaitFailure(Future.failedFuture(failure), RuntimeException.class));

        AssertionError other = assertThrows(AssertionError.class,
            () -> awaitFailure(Future.failedFuture(failure), IOException.class));
        assertEquals("expected the future to fail with java.io.IOException but it failed with " + failure, other.getMessage());
        assertSame(failure, other.getCause());

        AssertionError succeeded = assertThrows(AssertionError.class,
            () -> awaitFailure("the read", Future.succeededFuture(7), IOException.class));
        assertEquals("expected the read to fail with java.io.IOException but it succeeded with 7", succeeded.getMessage());

        AssertionError late = assertThrows(AssertionError.class,
            () -> awaitFailure("the read", Promise.promise().future(), IOException.class, SHORT));
        assertEquals("the read not complete within 200 ms", late.getMessage());
    }

    @Test
    void aFutureFailedByAnAssertionIsTheTestsOwnFailureNotAResult() {
        AssertionError assertion = new AssertionError("a handler's check failed");
        assertSame(assertion, assertThrows(AssertionError.class,
            () -> awaitFailure(Future.failedFuture(assertion), Throwable.class)));
    }

    @Test
    void awaitConditionReturnsOnceTheConditionHoldsAndNamesItAtTheDeadline() {
        AtomicBoolean flag = new AtomicBoolean();
        vertx.setTimer(20, id -> flag.set(true));
        awaitCondition("the flag is set", flag::get);

        AssertionError e = assertThrows(AssertionError.class, () -> awaitCondition("pigs fly", () -> false, SHORT));
        assertEquals("not true within 200 ms: pigs fly", e.getMessage());
    }

    @Test
    void anInterruptedWaitFailsAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> awaitCondition("never", () -> false));
            assertEquals("interrupted while waiting for: never", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void awaitNextTakesTheNextElementOrNamesWhatDidNotArrive() {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        vertx.setTimer(20, id -> lines.add("first"));
        assertEquals("first", awaitNext("line", lines));
        assertTrue(lines.isEmpty());

        AssertionError named = assertThrows(AssertionError.class, () -> awaitNext("line", lines, SHORT));
        assertEquals("no line within 200 ms", named.getMessage());
        AssertionError plain = assertThrows(AssertionError.class, () -> awaitNext(null, lines, SHORT));
        assertEquals("nothing arrived within 200 ms", plain.getMessage());
    }

    @Test
    void everyWaitRefusesToBlockAnEventLoop() throws Exception {
        Promise<Void> never = Promise.promise();
        List<Executable> waits = List.of(
            () -> await(never.future()),
            () -> await("x", never.future(), SHORT),
            () -> awaitFailure(never.future(), Throwable.class),
            () -> awaitCondition("x", () -> false),
            () -> awaitNext(new LinkedBlockingQueue<>()));
        for (Executable wait : waits) {
            Promise<Throwable> seen = Promise.promise();
            vertx.runOnContext(v -> {
                try {
                    wait.execute();
                    seen.complete(null);
                } catch (Throwable t) {
                    seen.complete(t);
                }
            });
            Throwable t = await(seen.future());
            assertInstanceOf(IllegalStateException.class, t);
            assertTrue(t.getMessage().contains("event loop"), t.getMessage());
        }
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> await(Future.succeededFuture(), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> awaitCondition("x", () -> true, Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> awaitNext("x", new LinkedBlockingQueue<>(), null));
    }
}
