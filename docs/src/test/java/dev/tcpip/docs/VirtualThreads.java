package dev.tcpip.docs;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;

/** Runs test code the way the Java 21+ examples run: inside a virtual-thread verticle. */
final class VirtualThreads {
    private VirtualThreads() {
    }

    /**
     * Deploys a verticle with {@link ThreadingModel#VIRTUAL_THREAD} whose {@code start()} runs the body.
     *
     * @return the body's result, or its exception as a failure
     */
    static <T> Future<T> run(Vertx vertx, Callable<T> body) {
        Promise<T> result = Promise.promise();
        vertx.deployVerticle(new AbstractVerticle() {
            @Override
            public void start() {
                try {
                    result.complete(body.call());
                } catch (Throwable t) {
                    result.fail(t);
                }
            }
        }, new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD)).onFailure(result::tryFail);
        return result.future();
    }
}
