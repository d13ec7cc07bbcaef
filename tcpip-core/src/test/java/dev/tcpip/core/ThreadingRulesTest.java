package dev.tcpip.core;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What the docs say about threading, on any JDK. */
class ThreadingRulesTest extends TestSupport {

    @Test
    void awaitOnAnEventLoopThreadThrows() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        Promise<String> outcome = Promise.promise();
        vertx.runOnContext(v -> {
            try {
                server.connectedFuture().await(); // not complete: no client
                outcome.complete("no error");
            } catch (IllegalStateException e) {
                outcome.complete("IllegalStateException");
            }
        });
        assertEquals("IllegalStateException", await(outcome.future()));
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20, disabledReason = "only Java 17-20 lack virtual threads")
    void onJava17AVirtualThreadDeploymentFails() throws Exception {
        OneClientServer server = new OneClientServer(new ServerOptions());
        Future<String> deployment = vertx.deployVerticle(server,
            new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD));
        Exception e = awaitFailure(deployment, Exception.class);
        assertFalse(server.startFuture().isComplete(), "never started: " + e);
    }
}
