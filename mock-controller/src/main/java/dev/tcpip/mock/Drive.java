package dev.tcpip.mock;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.struct.message.Message;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.StandardHeader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import javolution.io.Struct;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The drive client ({@code java -jar mock-controller.jar drive ...}): connects to a controller, sends the
 * commands of its {@link DriveCommand} one after another, each once the previous one's ack has come,
 * reports each ack, then reports the next N telemetry samples, and disconnects. Written on the public API
 * of tcpip-core ({@link Client}) and tcpip-struct ({@link MessageChannel}), as any client of the controller
 * would be.
 *
 * <p>Lines go to the consumer given to {@link #run}: {@link #ackLine} and {@link #telemetryLine} say how they
 * look.
 */
public final class Drive {
    /** Exit status: every command accepted, every sample received. */
    public static final int EXIT_OK = 0;
    /** Exit status: the controller cannot be reached, closed the connection or did not answer in time. */
    public static final int EXIT_FAILED = 1;
    /** Exit status: a command was rejected (its ack says why). */
    public static final int EXIT_REJECTED = 3;

    private final Vertx vertx;
    private final DriveCommand args;
    private final Consumer<String> out;
    private final Client client;
    private final Promise<Integer> done = Promise.promise();

    // Confined to the client's context.
    private MessageChannel<StandardHeader> channel;
    private Promise<Ack> pendingAck;
    private boolean collecting;
    private int printed;
    private final Promise<Void> samplesDone = Promise.promise();
    private boolean rejected;
    private boolean finishing;

    private Drive(Vertx vertx, DriveCommand args, Consumer<String> out) {
        this.vertx = vertx;
        this.args = args;
        this.out = out;
        this.client = new Client(new ClientOptions().setName("drive").setHost(args.host()).setPort(args.port()));
    }

    /**
     * Runs the client once.
     *
     * @param vertx the Vert.x instance to run on
     * @param args  what to send and how many samples to report
     * @param out   receives each output line (an ack or a telemetry sample)
     * @return the exit status, {@link #EXIT_OK} or {@link #EXIT_REJECTED}; failed, with a message for the
     *     user, when the controller cannot be reached, closes the connection, sends something unexpected or
     *     does not answer within the timeout. The client is closed when it completes.
     */
    public static Future<Integer> run(Vertx vertx, DriveCommand args, Consumer<String> out) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        return new Drive(vertx, args, out).start();
    }

    private Future<Integer> start() {
        long timeoutMillis = args.timeout().toMillis();
        long timer = vertx.setTimer(timeoutMillis, id -> client.onContext(() -> {
            fail(new TimeoutException("no " + (collecting ? "telemetry" : "ack") + " within "
                + args.timeout().toMillis() / 1000.0 + " s"));
            return Future.succeededFuture();
        }));
        vertx.deployVerticle(client).onComplete(ar -> {
            if (ar.failed()) {
                done.tryFail(new IllegalStateException("cannot connect to " + where() + ": " + connectReason(ar.cause()),
                    ar.cause()));
                return;
            }
            client.onContext(this::session);
        });
        return done.future().transform(ar -> {
            vertx.cancelTimer(timer);
            return client.close().transform(closed -> ar.succeeded()
                ? Future.succeededFuture(ar.result())
                : Future.failedFuture(ar.cause()));
        });
    }

    private Future<Void> session() {
        channel = MockProtocol.PROTOCOL.channel(client);
        readLoop();
        Future<Void> chain = Future.succeededFuture();
        for (Struct command : args.commands()) {
            chain = chain.compose(v -> send(command));
        }
        chain.compose(v -> {
            collecting = true;
            if (args.samples() == 0) {
                samplesDone.tryComplete();
            }
            return samplesDone.future();
        }).onComplete(ar -> {
            if (ar.failed()) {
                fail(ar.cause());
            } else {
                finishing = true;
                done.tryComplete(rejected ? EXIT_REJECTED : EXIT_OK);
            }
        });
        return Future.succeededFuture();
    }

    private Future<Void> send(Struct command) {
        if (done.future().isComplete()) {
            return Future.failedFuture(new IllegalStateException("stopped"));
        }
        long id = MockProtocol.PROTOCOL.idOf(command.getClass());
        Promise<Ack> ack = Promise.promise();
        pendingAck = ack;
        Future<Long> written = channel.writeMessage(command);   // the sequence it stamped
        written.onFailure(ack::tryFail);
        return written.compose(sequence -> ack.future().compose(a -> {
            if (a.commandId.get() != id || a.commandSequence.get() != sequence) {
                return Future.failedFuture(new IllegalStateException("expected the ack of "
                    + MockProtocol.messageName(id) + " seq=" + sequence + ", got one for "
                    + MockProtocol.messageName(a.commandId.get()) + " seq=" + a.commandSequence.get()));
            }
            out.accept(ackLine(a));
            if (!a.accepted()) {
                rejected = true;
            }
            return Future.<Void>succeededFuture();
        }));
    }

    /** Reads messages until the connection ends; never recurses deeper than one level. */
    private void readLoop() {
        while (!done.future().isComplete()) {
            Future<Message<StandardHeader>> next = channel.readMessage();
            if (!next.isComplete()) {
                next.onComplete(ar -> {
                    if (handle(ar.succeeded() ? ar.result() : null, ar.cause())) {
                        readLoop();
                    }
                });
                return;
            }
            if (!handle(next.succeeded() ? next.result() : null, next.cause())) {
                return;
            }
        }
    }

    /** @return whether to read on */
    private boolean handle(Message<StandardHeader> message, Throwable failure) {
        if (message == null) {
            if (!finishing) {
                fail(new IllegalStateException("the controller at " + where() + " closed the connection ("
                    + message(failure) + ")"));
            }
            return false;
        }
        Struct body = message.body();
        if (body instanceof Ack) {
            Promise<Ack> waiting = pendingAck;
            pendingAck = null;
            if (waiting == null) {
                fail(new IllegalStateException("unexpected ack: " + ackLine((Ack) body)));
                return false;
            }
            waiting.tryComplete((Ack) body);
        } else if (body instanceof Telemetry) {
            if (collecting && printed < args.samples()) {
                out.accept(telemetryLine((Telemetry) body));
                if (++printed == args.samples()) {
                    samplesDone.tryComplete();
                }
            }
        } else {
            client.log().debug("ignoring a {} message from the controller", MockProtocol.messageName(message.id()));
        }
        return true;
    }

    private void fail(Throwable cause) {
        Promise<Ack> waiting = pendingAck;
        pendingAck = null;
        if (waiting != null) {
            waiting.tryFail(cause);
        }
        samplesDone.tryFail(cause);
        done.tryFail(cause);
    }

    private String where() {
        String host = args.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + args.port();
    }

    /**
     * Why the connect failed, without the address: the {@link Client}'s error already reads
     * {@code Client drive: cannot connect to host:port: Connection refused}, and this client's message
     * names the address itself.
     */
    private String connectReason(Throwable t) {
        String m = message(t);
        String said = "cannot connect to " + where() + ": ";
        int at = m.indexOf(said);
        return at >= 0 ? m.substring(at + said.length()) : m;
    }

    private static String message(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /**
     * Formats an ack as the line the drive client reports for it.
     *
     * @param ack an ack
     * @return {@code ack <command> seq=<n> <RESULT> "<text>"}, e.g.
     *     {@code ack move seq=1 ACCEPTED "moving to az 120.000 el 45.000"}
     */
    public static String ackLine(Ack ack) {
        return "ack " + MockProtocol.messageName(ack.commandId.get()) + " seq=" + ack.commandSequence.get() + " "
            + MockProtocol.resultName(ack.result.get()) + " \"" + ack.text + "\"";
    }

    /**
     * Formats a telemetry sample as the line the drive client reports for it.
     *
     * @param t a telemetry sample
     * @return {@code telemetry #<n> az=<deg> el=<deg> vel=(<az>, <el>) target=(<az>, <el>) state=<STATE>
     *     in_position=<bool>}, numbers with three decimals
     */
    public static String telemetryLine(Telemetry t) {
        return String.format(Locale.ROOT,
            "telemetry #%d az=%.3f el=%.3f vel=(%.3f, %.3f) target=(%.3f, %.3f) state=%s in_position=%b",
            t.counter.get(), t.azimuth.get(), t.elevation.get(), t.azimuthVelocity.get(), t.elevationVelocity.get(),
            t.targetAzimuth.get(), t.targetElevation.get(), MockProtocol.stateName(t.state.get()), t.inPosition.get());
    }
}
