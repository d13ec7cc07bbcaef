package dev.tcpip.mock;

import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.NotConnectedException;
import dev.tcpip.core.OneClientReadLoopServer;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.struct.message.Message;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.MessageException;
import dev.tcpip.struct.message.MessageSizeException;
import dev.tcpip.struct.message.StandardHeader;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import javolution.io.Struct;

import java.io.IOException;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A mock telescope mount controller on tcpip-core and tcpip-struct: one client at a time sends commands
 * ({@link MoveCommand}, {@link StopCommand}, {@link ConfigureCommand}) and gets one {@link Ack} for each,
 * while {@link Telemetry} streams to it at the configured rate. The wire format is {@link MockProtocol}'s
 * (docs/structs.md has the tables).
 *
 * <ul>
 *   <li>Telemetry starts when a client connects (first sample one period later) and stops when it leaves:
 *       the periodic timer is cancelled ({@link #telemetryRunning()}). A client that does not read is not
 *       buried: a sample is skipped while the previous one is still unwritten.</li>
 *   <li>Commands are read and answered in order; each command's ack is written before the next command is
 *       read. Acks and telemetry share the connection's header sequence (1, 2, 3... per connection).</li>
 *   <li>A message id that is not a command (unknown, or the ack and telemetry ids) and a command whose
 *       header declares the wrong body size get a rejected ack, and their body is skipped; a body too large
 *       to skip (over 64 KiB) drops the client, with a warning in the log.</li>
 *   <li>A client that leaves, even in the middle of a message, costs nothing: the next one is served. So
 *       does one that resets the connection while acks are still queued for it (an INFO line, no stack
 *       trace).</li>
 *   <li>The {@link Mount} (position, targets, velocity, rate) outlives clients: a new client finds the
 *       mount where the last one left it, still moving if it was.</li>
 * </ul>
 *
 * <p>It is a Vert.x verticle: deploy it, and undeploy it (or close Vert.x) to stop it.
 *
 * <p>Logging (SLF4J, logger {@code dev.tcpip.mock.MockController}): INFO per client and per rejected
 * command, DEBUG per accepted command, WARN for a client dropped for what it sent.
 *
 * <p>Final: its constructor hands {@code this} to a {@link MessageChannel}, which a subclass could see half
 * built, and nothing here is meant to be overridden.
 */
public final class MockController extends OneClientReadLoopServer {
    /** The port {@link Main} listens on when no {@code --port} is given. */
    public static final int DEFAULT_PORT = 5002;

    private final LongSupplier nanoTime;

    // Confined to the server's context.
    private final Mount mount;
    private final Telemetry sample = new Telemetry();
    private MessageChannel<StandardHeader> channel;
    private SocketAddress clientAddress;
    private long telemetryTimer = -1;
    private long samplesSent;
    private long samplesSkipped;
    private long commandsAnswered;
    private boolean sampleInFlight;
    private long periodNanos;
    private long lastSampleNanos;

    // Written on the context, readable anywhere (tests, monitoring).
    private volatile boolean telemetryRunning;
    private volatile long timersStarted;
    private volatile long timersCancelled;

    /**
     * A controller on 127.0.0.1 and a free port, with the default telemetry rate.
     */
    public MockController() {
        this(new ServerOptions(), MockProtocol.DEFAULT_TELEMETRY_HZ);
    }

    /**
     * A controller that listens as the options say and starts with the given telemetry rate.
     *
     * @param options     the server options (host, port...)
     * @param telemetryHz the telemetry rate until a client configures another, Hz
     * @throws IllegalArgumentException if the rate is outside {@value MockProtocol#TELEMETRY_HZ_MIN} to
     *     {@value MockProtocol#TELEMETRY_HZ_MAX}
     */
    public MockController(ServerOptions options, int telemetryHz) {
        this(options, telemetryHz, null, System::nanoTime);
    }

    /**
     * A controller that also tells the caller when a client connects or goes away.
     *
     * @param options     the server options (host, port...)
     * @param telemetryHz the telemetry rate until a client configures another, Hz
     * @param callback    also called on every change of {@link #connected()}, after the controller's own
     *                    handling; or null
     * @throws IllegalArgumentException if the rate is out of range
     */
    public MockController(ServerOptions options, int telemetryHz, ConnectCallback<? super OneClientServer> callback) {
        this(options, telemetryHz, callback, System::nanoTime);
    }

    /**
     * A controller whose simulated motion follows the given clock, so that a test can move time by hand.
     *
     * @param options     the server options (host, port...)
     * @param telemetryHz the telemetry rate until a client configures another, Hz
     * @param callback    also called on every change of {@link #connected()}, or null
     * @param nanoTime    the monotonic clock that drives the simulated motion, in nanoseconds
     * @throws IllegalArgumentException if the rate is out of range
     */
    public MockController(ServerOptions options, int telemetryHz, ConnectCallback<? super OneClientServer> callback,
                          LongSupplier nanoTime) {
        super(options, chain(callback));
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.mount = new Mount(telemetryHz, nanoTime.getAsLong());
        this.channel = MockProtocol.PROTOCOL.channel(this);
    }

    /** The controller's own connect handling, then the user's callback; no {@code this} in a constructor call. */
    private static ConnectCallback<OneClientServer> chain(ConnectCallback<? super OneClientServer> user) {
        return server -> {
            ((MockController) server).connectionChanged();
            return user == null ? Future.succeededFuture() : user.call(server);
        };
    }

    /**
     * {@return whether the telemetry timer is running (only while a client is connected)}
     */
    public boolean telemetryRunning() {
        return telemetryRunning;
    }

    /**
     * {@return how many telemetry timers were started so far (one per client, one more per rate change)}
     */
    public long telemetryTimersStarted() {
        return timersStarted;
    }

    /**
     * {@return how many telemetry timers were cancelled so far; equal to {@link #telemetryTimersStarted()}
     *     whenever no client is connected}
     */
    public long telemetryTimersCancelled() {
        return timersCancelled;
    }

    private void connectionChanged() {
        if (connected()) {
            // A fresh channel per client: sequence numbers restart at 1 for each connection.
            channel = MockProtocol.PROTOCOL.channel(this);
            clientAddress = remoteAddress();
            samplesSent = 0;
            samplesSkipped = 0;
            commandsAnswered = 0;
            sampleInFlight = false;
            startTelemetry();
        } else {
            stopTelemetry();
            if (clientAddress != null) {
                log.info("{}client {} gone after {} command(s), {} telemetry sample(s) ({} skipped)",
                    logPrefix(), clientAddress, commandsAnswered, samplesSent, samplesSkipped);
                clientAddress = null;
            }
        }
    }

    @Override
    protected void onConnectionLost() {
        stopTelemetry();
        super.onConnectionLost();
    }

    // ---------------------------------------------------------------- telemetry

    private void startTelemetry() {
        stopTelemetry();
        long periodMillis = Math.max(1, Math.round(1000.0 / mount.telemetryHz()));
        periodNanos = periodMillis * 1_000_000L;
        lastSampleNanos = nanoTime.getAsLong();
        MessageChannel<StandardHeader> ch = channel;
        telemetryTimer = vertx.setPeriodic(periodMillis, timer -> tick(timer, ch));
        timersStarted++;
        telemetryRunning = true;
        log.debug("{}telemetry every {} ms", logPrefix(), periodMillis);
    }

    private void stopTelemetry() {
        if (telemetryTimer != -1) {
            vertx.cancelTimer(telemetryTimer);
            telemetryTimer = -1;
            timersCancelled++;
        }
        telemetryRunning = false;
    }

    private void tick(long timer, MessageChannel<StandardHeader> ch) {
        if (timer != telemetryTimer || ch != channel) {
            vertx.cancelTimer(timer); // a stale timer: never expected, but never left running either
            return;
        }
        if (!connected()) {
            stopTelemetry();
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - lastSampleNanos < periodNanos / 2) {
            // Vert.x periodic timers run at a fixed rate: after a stall (a GC pause, a busy event loop) the
            // missed ticks come back to back. Skip them rather than send a burst of near-identical samples.
            samplesSkipped++;
            return;
        }
        if (sampleInFlight) {
            samplesSkipped++;
            return;
        }
        lastSampleNanos = now;
        mount.advance(now);
        mount.fill(sample);
        sample.counter.set(++samplesSent);
        sampleInFlight = true;
        ch.writeMessage(sample).onComplete(ar -> {
            if (ch == channel) {
                sampleInFlight = false;
            }
            if (ar.failed()) {
                log.debug("{}telemetry sample not sent: {}", logPrefix(), ar.cause().toString());
            }
        });
    }

    // ---------------------------------------------------------------- commands

    /**
     * Reads one command and answers it with an ack.
     *
     * @return completes once the ack is written; fails (ending this client's read loop) when the client has
     *     gone
     */
    @Override
    protected Future<Void> readAndDispatch() {
        MessageChannel<StandardHeader> ch = channel;
        return ch.readMessage().transform(ar -> ar.succeeded() ? dispatch(ch, ar.result()) : refused(ch, ar.cause()));
    }

    private Future<Void> dispatch(MessageChannel<StandardHeader> ch, Message<StandardHeader> message) {
        long now = nanoTime.getAsLong();
        Struct body = message.body();
        Mount.Result result;
        if (body instanceof MoveCommand) {
            MoveCommand move = (MoveCommand) body;
            result = mount.move(now, move.azimuth.get(), move.elevation.get());
        } else if (body instanceof StopCommand) {
            result = mount.stop(now, ((StopCommand) body).axes.get());
        } else if (body instanceof ConfigureCommand) {
            ConfigureCommand configure = (ConfigureCommand) body;
            int before = mount.telemetryHz();
            result = mount.configure(now, configure.maxVelocity.get(), configure.telemetryHz.get());
            if (result.accepted() && mount.telemetryHz() != before && telemetryRunning) {
                startTelemetry();
            }
        } else {
            result = new Mount.Result(MockProtocol.REJECTED_UNKNOWN_COMMAND,
                MockProtocol.messageName(message.id()) + " is not a command");
        }
        return answer(ch, message.header(), result);
    }

    private Future<Void> refused(MessageChannel<StandardHeader> ch, Throwable cause) {
        if (!(cause instanceof MessageException)) {
            // IncompleteReadException or NotConnectedException: the client has gone, even in the middle of
            // a message; the read loop ends, logs it, and the server waits for the next client.
            return Future.failedFuture(cause);
        }
        MessageException refused = (MessageException) cause;
        StandardHeader header = (StandardHeader) refused.header();
        if (!refused.skippable()) {
            log.warn("{}dropping client {}: {}", logPrefix(), clientAddress, refused.getMessage());
            return closeClient();
        }
        Mount.Result result = refused instanceof MessageSizeException
            ? new Mount.Result(MockProtocol.REJECTED_BAD_SIZE, "body_size " + header.bodySize.get() + " is not "
                + MockProtocol.PROTOCOL.bodySize(refused.header().messageId()) + " for "
                + MockProtocol.messageName(header.messageId.get()))
            : new Mount.Result(MockProtocol.REJECTED_UNKNOWN_COMMAND,
                "unknown message id " + header.messageId.get());
        return ch.skipBody(refused).compose(v -> answer(ch, header, result));
    }

    private Future<Void> answer(MessageChannel<StandardHeader> ch, StandardHeader command, Mount.Result result) {
        long id = command.messageId.get();
        long sequence = command.sequence.get();
        Ack ack = new Ack();
        ack.commandId.set(id);
        ack.commandSequence.set(sequence);
        ack.result.set(result.code());
        ack.setText(result.text());
        if (result.accepted()) {
            log.debug("{}{} (sequence {}) accepted: {}", logPrefix(), MockProtocol.messageName(id), sequence,
                result.text());
        } else {
            log.info("{}{} (sequence {}) rejected, {}: {}", logPrefix(), MockProtocol.messageName(id), sequence,
                MockProtocol.resultName(result.code()), result.text());
        }
        commandsAnswered++;
        return ch.writeMessage(ack).<Void>mapEmpty().recover(t -> {
            if (t instanceof NotConnectedException) {
                return Future.succeededFuture(); // gone before its ack: the read loop sees connected() false and ends
            }
            if (t instanceof IOException) {
                // The socket failed under the ack: the client reset the connection while messages were still
                // queued for it (one that sent commands without reading, then went). Its doing: no stack trace.
                log.info("{}client {} gone while its ack was being written: {}", logPrefix(), clientAddress,
                    t.getMessage());
                return closeClient();
            }
            return Future.failedFuture(t);
        });
    }

    /**
     * {@return the simulated mount; use it on the controller's context only}
     */
    protected Mount mount() {
        return mount;
    }
}
