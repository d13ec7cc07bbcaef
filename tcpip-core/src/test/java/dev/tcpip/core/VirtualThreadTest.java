package dev.tcpip.core;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.receive;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same endpoints used from Java 21+ virtual-thread verticles, where {@code future.await()} reads like
 * asyncio's {@code await}. Run by .ci/run under a JDK 21 or newer ({@code -Dgroups=java21}).
 */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+; .ci/run runs these under a newer JDK")
class VirtualThreadTest extends TestSupport {

    private static DeploymentOptions virtualThreads() {
        return new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD);
    }

    /** A virtual-thread verticle that owns a server and echoes upper-cased lines with blocking-style code. */
    static final class UpperCaseVerticle extends VerticleBase {
        volatile OneClientServer server;

        @Override
        public Future<?> start() {
            server = new OneClientServer(new ServerOptions());
            vertx.deployVerticle(server).await();
            context.runOnContext(v -> serveForever());
            return Future.succeededFuture();
        }

        private void serveForever() {
            try {
                while (true) {
                    server.connectedFuture().await();
                    try {
                        while (true) {
                            String line = server.readStr().await();
                            server.writeStr(line.toUpperCase()).await();
                        }
                    } catch (TcpipException clientGone) {
                        // The failed read already closed that connection; wait for the next client.
                    }
                }
            } catch (Exception e) {
                if (!(e instanceof InterruptedException)) {
                    throw e;
                }
                // Undeployed: Vert.x interrupts the virtual thread.
            }
        }
    }

    @Test
    void aVirtualThreadVerticleReadsAndWritesWithAwait() throws Exception {
        UpperCaseVerticle verticle = new UpperCaseVerticle();
        await(vertx.deployVerticle(verticle, virtualThreads()));
        for (int round = 0; round < 2; round++) {
            try (Socket peer = rawConnect(verticle.server.port())) {
                send(peer, "hello\r\nworld\r\n");
                assertArrayEquals("HELLO\r\nWORLD\r\n".getBytes(StandardCharsets.US_ASCII), receive(peer, 14));
            }
            // One client at a time: let the server see this one go before the next connects.
            awaitCondition("client gone", () -> !verticle.server.connected());
        }
    }

    /** A read-loop server whose readAndDispatch blocks on await() and returns a completed future. */
    static final class BlockingEcho extends OneClientReadLoopServer {
        BlockingEcho() {
            super(new ServerOptions());
        }

        @Override
        protected Future<Void> readAndDispatch() {
            JsonObject request = (JsonObject) readJson().await();
            writeJson(request.put("thread", Thread.currentThread().getName())).await();
            return Future.succeededFuture();
        }
    }

    @Test
    void aReadLoopServerDeployedOnVirtualThreadsMayBlockInReadAndDispatch() throws Exception {
        BlockingEcho server = new BlockingEcho();
        await(vertx.deployVerticle(server, virtualThreads()));
        Client client = deploy(new Client(new ClientOptions().setPort(server.port())));
        for (int i = 0; i < 50; i++) {
            await(client.writeJson(new JsonObject().put("i", i)));
            JsonObject reply = (JsonObject) await(client.readJson());
            assertEquals(i, reply.getInteger("i"));
            assertTrue(reply.getString("thread").contains("virtual"), "readAndDispatch ran on " + reply.getString("thread"));
        }
    }

    @Test
    void aClientUsedFromAVirtualThreadVerticle() throws Exception {
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()));
        Promise<String> answer = Promise.promise();
        // start() blocks until the server answers, so the deployment completes after the exchange.
        Future<String> deployment = vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                Client client = new Client(new ClientOptions().setPort(server.port()));
                vertx.deployVerticle(client).await();
                client.writeStr("ping").await();
                answer.complete(client.readStr().await());
                return client.close();
            }
        }, virtualThreads());
        await(server.connectedFuture());
        assertEquals("ping", await(server.readStr()));
        await(server.writeStr("pong"));
        assertEquals("pong", await(answer.future()));
        await(deployment);
    }

    /** Answers "ack" to a line, then blocks its virtual thread (not in await) until the peer has the ack. */
    static final class AckThenBlock extends OneClientReadLoopServer {
        final java.util.concurrent.CompletableFuture<Void> peerHasTheAck = new java.util.concurrent.CompletableFuture<>();

        AckThenBlock() {
            super(new ServerOptions());
        }

        @Override
        protected Future<Void> readAndDispatch() throws Exception {
            String line = readStr().await();
            writeStr("ack " + line).await();
            // A plain JDK wait, as blocking library code does: the deadline keeps a failing test short.
            peerHasTheAck.get(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            writeStr("done").await();
            return Future.succeededFuture();
        }
    }

    @Test
    void aWriteMadeBeforeAVirtualThreadBlocksReachesThePeerWhileItBlocks() throws Exception {
        AckThenBlock server = new AckThenBlock();
        await(vertx.deployVerticle(server, virtualThreads()));
        try (Socket peer = rawConnect(server.port())) {
            await(server.connectedFuture());
            send(peer, "go\r\n");
            byte[] ack = receive(peer, 8);
            server.peerHasTheAck.complete(null);
            assertArrayEquals("ack go\r\n".getBytes(StandardCharsets.US_ASCII), ack);
            assertArrayEquals("done\r\n".getBytes(StandardCharsets.US_ASCII), receive(peer, 6));
        }
    }
}
