package dev.tcpip.bench.load;

import dev.tcpip.bench.model.Sample32;
import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.struct.Structs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-way load on this project's {@link Client}: a header line {@code COUNT n}, then {@code n} structs
 * with {@code Structs.writeFrom(client, struct)} or {@code n} JSON lines with {@code client.writeJson(obj)},
 * one write per item, then the sink's answer. Backpressure: it issues a batch of writes on the client's
 * context, waits on the last one's future, and only then issues the next batch (from a new event-loop
 * task, so the event loop is never held for long).
 */
final class OneWayClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OneWayClient.class);

    private final Vertx vertx;
    private final Client client;
    private final String deploymentId;

    private OneWayClient(Vertx vertx, Client client, String deploymentId) {
        this.vertx = vertx;
        this.client = client;
        this.deploymentId = deploymentId;
    }

    /**
     * Connects a client.
     *
     * @param vertx the parent's Vert.x instance
     * @param port  the sink's port on 127.0.0.1
     * @return the connected client
     * @throws LoadException if it cannot connect
     */
    static OneWayClient connect(Vertx vertx, int port) throws LoadException {
        Client client = new Client(new ClientOptions().setHost("127.0.0.1").setPort(port).setName("load"));
        String where = "127.0.0.1:" + port;
        String id;
        try {
            id = vertx.deployVerticle(client).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new LoadException("cannot connect to " + where + ": " + connectReason(e.getCause(), where), e.getCause());
        } catch (TimeoutException e) {
            throw new LoadException("cannot connect to " + where + ": no result within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted", e);
        }
        return new OneWayClient(vertx, client, id);
    }

    /**
     * Why the connect failed, without the address: the {@link Client}'s error already reads
     * {@code Client load: cannot connect to 127.0.0.1:5999: Connection refused}.
     */
    private static String connectReason(Throwable t, String where) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String said = "cannot connect to " + where + ": ";
        int at = m.indexOf(said);
        return at >= 0 ? m.substring(at + said.length()) : m;
    }

    /**
     * Sends {@code n} items and waits for the sink's answer, which must be {@code OK n checksum}.
     *
     * @param kind           {@link ServerKind#STRUCT} or {@link ServerKind#JSON}
     * @param n              how many items
     * @param batch          writes issued before waiting on the last one's future
     * @param timeoutSeconds how long to wait for the answer
     * @return nanoseconds from the first write to the answer
     * @throws LoadException on a wrong answer, no answer, or a failed write
     */
    long run(ServerKind kind, long n, int batch, long timeoutSeconds) throws LoadException {
        String expected = Items.OK + " " + n + " "
            + (kind == ServerKind.STRUCT ? Items.structChecksum(n) : Items.jsonChecksum(n));
        Driver driver = new Driver(kind, n, batch);
        client.onContext(() -> {
            driver.start();
            return Future.succeededFuture();
        });
        Result result;
        try {
            result = driver.done.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new LoadException(kind.title() + ": no answer within " + timeoutSeconds + " s", e);
        } catch (ExecutionException e) {
            throw new LoadException(kind.title() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted", e);
        }
        if (!expected.equals(result.answer)) {
            throw new LoadException(kind.title() + ": the sink answered '" + result.answer + "', expected '"
                + expected + "'");
        }
        return result.nanos;
    }

    private static final class Result {
        final String answer;
        final long nanos;

        Result(String answer, long nanos) {
            this.answer = answer;
            this.nanos = nanos;
        }
    }

    /** Runs on the client's context: writes in batches, then reads the answer. */
    private final class Driver {
        final CompletableFuture<Result> done = new CompletableFuture<>();
        final ServerKind kind;
        final long n;
        final int batch;
        final Sample32 struct = new Sample32();
        long next;
        long start;

        Driver(ServerKind kind, long n, int batch) {
            this.kind = kind;
            this.n = n;
            this.batch = batch;
        }

        void start() {
            start = System.nanoTime();
            client.writeStr(Items.COUNT + " " + n);
            pump();
        }

        /**
         * Issues one batch, then continues from the completion of its last write; when that is complete
         * at once, the next batch is queued on the context rather than run here, so that the event loop
         * gets to do its other work (flushing, reading the answer) between batches.
         */
        void pump() {
            try {
                if (next < n) {
                    long end = Math.min(n, next + batch);
                    Future<Void> last = null;
                    for (; next < end; next++) {
                        last = write(next);
                    }
                    if (last.isComplete() && last.succeeded()) {
                        Vertx.currentContext().runOnContext(v -> pump());
                        return;
                    }
                    last.onComplete(ar -> {
                        if (ar.failed()) {
                            done.completeExceptionally(ar.cause());
                        } else {
                            pump();
                        }
                    });
                    return;
                }
                client.readStr().onComplete(ar -> {
                    long nanos = System.nanoTime() - start;
                    if (ar.failed()) {
                        done.completeExceptionally(ar.cause());
                    } else {
                        done.complete(new Result(ar.result(), nanos));
                    }
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        private Future<Void> write(long i) {
            if (kind == ServerKind.STRUCT) {
                return Structs.writeFrom(client, Items.fill(struct, i));
            }
            return client.writeJson(Items.jsonObject(i));
        }
    }

    private static <T> T await(Future<T> future, long seconds, String what) throws LoadException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new LoadException(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new LoadException(what + ": no result within " + seconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("interrupted", e);
        }
    }

    /** Undeploys the client, which closes its connection. */
    @Override
    public void close() {
        try {
            await(vertx.undeploy(deploymentId), 10, "closing the client");
        } catch (LoadException e) {
            LOG.warn("{}", e.getMessage());
        }
    }
}
