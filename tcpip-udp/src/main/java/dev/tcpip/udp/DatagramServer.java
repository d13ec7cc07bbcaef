package dev.tcpip.udp;

import dev.tcpip.core.Tcpip;
import dev.tcpip.core.codec.PayloadCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A UDP server (python-easyservers' {@code UDPServer(handler, port, threaded)}, without its faults): it binds
 * 127.0.0.1 unless told otherwise, calls the {@link DatagramHandler} with each datagram, its sender and a
 * reply, and stops with {@link #close()}, which releases the port and cancels its tasks.
 *
 * <pre>{@code
 * DatagramServer<String> echo = DatagramServer.create(vertx, new DatagramOptions().setPort(8181),
 *     PayloadCodec.string(), (message, sender, reply) -> reply.send("echo:" + message, sender));
 * echo.start().onSuccess(port -> ...);
 * }</pre>
 *
 * See {@link DatagramEndpoint} for sizes, counters and where handlers run.
 *
 * @param <T> the message type
 */
public final class DatagramServer<T> extends DatagramEndpoint<T> {
    // Context-confined.
    private final List<BackgroundTask> tasks = new ArrayList<>();

    private DatagramServer(Vertx vertx, DatagramOptions options, PayloadCodec<T> codec, DatagramHandler<T> handler) {
        super(vertx, options, codec, handler, "DatagramServer");
    }

    /**
     * Creates a server, not yet bound.
     *
     * @param vertx   the Vert.x instance; the server lives on the caller's context, or a new one
     * @param options where to bind, sizes, handler threads
     * @param codec   how datagrams become messages: {@link PayloadCodec#bytes()}, {@link PayloadCodec#string()},
     *                {@link PayloadCodec#json()}
     * @param handler called with each datagram
     * @param <T>     the message type
     * @return the server; {@link #start()} binds it
     */
    public static <T> DatagramServer<T> create(Vertx vertx, DatagramOptions options, PayloadCodec<T> codec, DatagramHandler<T> handler) {
        return new DatagramServer<>(vertx, options, codec, handler);
    }

    /**
     * Makes a task run every period on the server's context while the server runs (python-easyservers'
     * {@code create_thread(fn, args, start)}).
     *
     * @param name   for logs
     * @param period the time between runs, at least 1 ms
     * @param action what to run; it must not block (it runs on the server's context)
     * @param start  whether to start it now (else call {@link BackgroundTask#start()})
     * @return the task
     */
    public BackgroundTask task(String name, Duration period, Runnable action, boolean start) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("period must be at least 1 ms, got " + period);
        }
        BackgroundTask task = new BackgroundTask(vertx(), context(), name, period, action);
        Tcpip.onContext(context(), () -> {
            if (isClosing()) {
                task.cancel();
            } else {
                tasks.add(task);
            }
            return Future.succeededFuture();
        });
        if (start) {
            task.start();
        }
        return task;
    }

    @Override
    protected void beforeClose() {
        for (BackgroundTask task : tasks) {
            task.cancel();
        }
        tasks.clear();
    }
}
