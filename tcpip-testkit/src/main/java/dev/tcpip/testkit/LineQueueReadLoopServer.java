package dev.tcpip.testkit;

import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testsupport.Await;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link OneClientReadLoopServer} that queues every line its client sends, for a test to take (the port
 * of ts_tcpip's {@code TestOneClientReadLoopServer}).
 *
 * <p>Each {@link #readAndDispatch()} reads one line with {@link #readStr()} and hands it to
 * {@link #dispatchLine(String)}, which by default puts it on a queue; the test takes the lines with
 * {@link #nextLine()}. {@link #failNextRead()} makes the next read fail with
 * {@link InjectedReadFailureException}, so the read loop drops the client and the server waits for the
 * next one.
 *
 * <pre>{@code
 * LineQueueReadLoopServer server = createServer(cb -> new LineQueueReadLoopServer(new ServerOptions(), cb));
 * Client client = createClient(server);
 * await(client.writeStr("hello"));
 * assertEquals("hello", server.nextLine());
 * }</pre>
 *
 * <p>Subclass it and override {@link #dispatchLine(String)} to act on some lines yourself (for instance to
 * call {@link #handleReceivedHeartbeat()} on {@code "heartbeat"}) and queue the rest with
 * {@code super.dispatchLine(line)}.
 */
public class LineQueueReadLoopServer extends OneClientReadLoopServer {
    /** How long {@link #nextLine()} waits by default: 10 s. */
    public static final Duration DEFAULT_TIMEOUT = ConnectStateQueue.DEFAULT_TIMEOUT;

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final AtomicBoolean failNextRead = new AtomicBoolean();

    /**
     * A server without a connect callback.
     *
     * @param options the options (copied; the monitor interval is set to 0, as for every read-loop server)
     */
    public LineQueueReadLoopServer(ServerOptions options) {
        this(options, null);
    }

    /**
     * A server that calls the callback whenever a client connects or goes away; {@link
     * TcpipTestKit#createServer(java.util.function.Function)} passes one that feeds its connect-state queue.
     *
     * @param options  the options (copied; the monitor interval is set to 0, as for every read-loop server)
     * @param callback called on every change of {@link #connected()}, before the read loop starts; or null
     */
    public LineQueueReadLoopServer(ServerOptions options, ConnectCallback<? super OneClientServer> callback) {
        super(options, callback);
    }

    /**
     * Reads one line with {@link #readStr()} and passes it to {@link #dispatchLine(String)}; if
     * {@link #failNextRead()} was called, the line is discarded instead and the returned future fails with
     * {@link InjectedReadFailureException}, which drops the client.
     *
     * @return a future completed when the line is handled
     */
    @Override
    protected Future<Void> readAndDispatch() {
        return readStr().compose(line -> {
            if (failNextRead.getAndSet(false)) {
                return Future.failedFuture(new InjectedReadFailureException(
                    describe() + ": failNextRead() was called; discarding line " + quote(line)));
            }
            return dispatchLine(line);
        });
    }

    /**
     * Handles one line read from the client; by default puts it on the queue {@link #nextLine()} takes
     * from. Runs on the server's context.
     *
     * @param line the line, terminator stripped
     * @return a future completed when the line is handled; failing it drops the client
     */
    protected Future<Void> dispatchLine(String line) {
        lines.add(line);
        return Future.succeededFuture();
    }

    /**
     * Makes the next {@link #readAndDispatch()} fail: the next line the client sends is read, discarded, and
     * the read fails with {@link InjectedReadFailureException}, so the server drops that client (with
     * {@code closeClient()}) and keeps listening. Only the next read fails. Thread-safe.
     */
    public void failNextRead() {
        failNextRead.set(true);
    }

    /**
     * Takes the next line read, waiting up to {@link #DEFAULT_TIMEOUT}.
     *
     * @return the line, terminator stripped
     * @throws AssertionError if no line is read in time
     */
    public String nextLine() {
        return nextLine(DEFAULT_TIMEOUT);
    }

    /**
     * Takes the next line read, waiting up to {@code timeout}. Blocks: never call it on an event loop.
     *
     * @param timeout how long to wait (positive)
     * @return the line, terminator stripped
     * @throws AssertionError if no line is read in time, or the thread is interrupted
     */
    public String nextLine(Duration timeout) {
        Await.requirePositive(timeout, "timeout");
        String line = poll(timeout);
        if (line == null) {
            throw new AssertionError(describe() + ": no line read within " + Await.describe(timeout));
        }
        return line;
    }

    /**
     * Asserts that no line is queued now nor read during the next {@code quiet} period (a bounded wait for
     * something not to happen; it fails as soon as a line arrives).
     *
     * @param quiet how long to watch (zero: only check what is already queued)
     * @throws AssertionError if a line is or gets queued
     */
    public void assertNoMoreLines(Duration quiet) {
        Objects.requireNonNull(quiet, "quiet");
        if (quiet.isNegative()) {
            throw new IllegalArgumentException("quiet must not be negative, got " + quiet);
        }
        String line = quiet.isZero() ? lines.poll() : poll(quiet);
        if (line != null) {
            throw new AssertionError(describe() + ": expected no more lines, but read " + quote(line));
        }
    }

    /**
     * {@return how many lines are queued and not taken yet}
     */
    public int queuedLineCount() {
        return lines.size();
    }

    private String poll(Duration timeout) {
        try {
            return lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(describe() + ": interrupted while waiting for a line", e);
        }
    }

    private static String quote(String line) {
        return line.length() > 200 ? "\"" + line.substring(0, 200) + "...\"" : "\"" + line + "\"";
    }

    /**
     * The failure {@link LineQueueReadLoopServer#failNextRead()} injects into the read loop. Its own type, so
     * a test can tell it from a real read error (in a log, or a subclass's handling).
     */
    public static final class InjectedReadFailureException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the failure with a message that names the server and the line.
         *
         * @param message which server and which line
         */
        public InjectedReadFailureException(String message) {
            super(message);
        }
    }
}
