package dev.tcpip.cluster.relay;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.Tcpip;
import dev.tcpip.core.reconnect.ConnectionState;
import dev.tcpip.core.reconnect.Reconnector;
import dev.tcpip.struct.message.Message;
import dev.tcpip.struct.message.MessageChannel;
import dev.tcpip.struct.message.MessageException;
import dev.tcpip.struct.message.MessageHeader;
import dev.tcpip.struct.message.MessageProtocol;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import javolution.io.Struct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A link between a controller that speaks a tcpip-struct {@link MessageProtocol} and the event bus: it holds a
 * connection to the controller (reconnecting by its {@link RelayOptions#getReconnect() policy} whenever the
 * connection fails or is lost), publishes every message the controller sends that is not a reply, as JSON,
 * on an address ({@link SequencedPublisher}: {@code {"seq": n, "body": {...}}}, {@code n} going on across
 * reconnections), and takes JSON commands on the command address: each is sent to the controller and answered
 * with the controller's reply, as JSON.
 *
 * <pre>{@code
 * StructRelay<StandardHeader> relay = StructRelay.create(vertx, new RelayOptions()
 *     .setControllerPort(5002).setAddress("mount"), MockProtocol.PROTOCOL, codec);
 * relay.start();                                   // publishes on "mount", takes commands on "mount.commands"
 * vertx.eventBus().request("mount.commands", new JsonObject().put("command", "stop"));
 * }</pre>
 *
 * <p>A command fails (its sender's request fails with a {@link io.vertx.core.eventbus.ReplyException}) with
 * code {@link #FAILURE_BAD_COMMAND} when it is not a command ({@link RelayCodec#toCommand} refused it, the
 * reason as message), {@link #FAILURE_NOT_CONNECTED} when the relay is not connected to the controller,
 * {@link #FAILURE_CONNECTION_LOST} when the connection is lost before the reply came, and
 * {@link #FAILURE_TIMEOUT} when no reply came within the command timeout. Commands are never sent twice: a
 * command whose connection was lost may or may not have reached the controller.
 *
 * @param <H> the protocol's header type
 */
public final class StructRelay<H extends Struct & MessageHeader> {
    /** The failure code of a message that is not a command. */
    public static final int FAILURE_BAD_COMMAND = 400;
    /** The failure code of a command sent while the relay is not connected to the controller. */
    public static final int FAILURE_NOT_CONNECTED = 503;
    /** The failure code of a command whose connection was lost before its reply came. */
    public static final int FAILURE_CONNECTION_LOST = 502;
    /** The failure code of a command that got no reply within the command timeout. */
    public static final int FAILURE_TIMEOUT = 504;

    private static final Logger LOG = LoggerFactory.getLogger(StructRelay.class);

    private final Vertx vertx;
    private final RelayOptions options;
    private final MessageProtocol<H> protocol;
    private final RelayCodec<H> codec;
    private final SequencedPublisher publisher;
    private final Context context;
    private final Reconnector<Session> reconnector;
    private final AtomicReference<Session> current = new AtomicReference<>();
    private final String where;
    private MessageConsumer<JsonObject> consumer;

    private StructRelay(Vertx vertx, RelayOptions options, MessageProtocol<H> protocol, RelayCodec<H> codec) {
        this.vertx = vertx;
        this.options = options;
        this.protocol = protocol;
        this.codec = codec;
        this.publisher = new SequencedPublisher(vertx.eventBus(), options.getAddress());
        this.context = vertx.getOrCreateContext();
        this.where = options.getControllerHost() + ":" + options.getControllerPort();
        this.reconnector = new Reconnector<>(context, options.getReconnect(), this::connect, Session::close,
            options.getName());
    }

    /**
     * Creates a relay; {@link #start()} starts it.
     *
     * @param vertx    the Vert.x (clustered, for the address to reach other nodes)
     * @param options  the controller, the addresses, the policies
     * @param protocol the controller's message protocol
     * @param codec    which messages are replies, and the JSON forms
     * @param <H>      the protocol's header type
     * @return the relay
     * @throws IllegalArgumentException if the options lack the controller's port or the address
     */
    public static <H extends Struct & MessageHeader> StructRelay<H> create(Vertx vertx, RelayOptions options,
                                                                        MessageProtocol<H> protocol, RelayCodec<H> codec) {
        Objects.requireNonNull(vertx, "vertx");
        RelayOptions o = new RelayOptions(Objects.requireNonNull(options, "options"));
        if (o.getControllerPort() == 0 || o.getAddress() == null) {
            throw new IllegalArgumentException("a relay needs the controller's port and an address: " + o);
        }
        return new StructRelay<>(vertx, o, Objects.requireNonNull(protocol, "protocol"), Objects.requireNonNull(codec, "codec"));
    }

    /**
     * Takes commands on the command address (registered on every node of the cluster when this completes) and
     * starts connecting to the controller; the connection comes when the controller is there
     * ({@link #connected()}).
     *
     * @return completed once the command address is registered
     */
    public Future<Void> start() {
        return Tcpip.onContext(context, () -> {
            consumer = vertx.eventBus().consumer(options.getCommandAddress(), this::command);
            reconnector.start().onFailure(e -> LOG.warn("{}: gave up connecting to {}: {}", options.getName(), where,
                e.getMessage()));
            LOG.info("{}: publishing what {} sends on '{}', taking commands on '{}'", options.getName(), where,
                options.getAddress(), options.getCommandAddress());
            return consumer.completion();
        });
    }

    /** {@return the current connection to the controller, or the next one} */
    public Future<Void> connected() {
        return reconnector.connected().mapEmpty();
    }

    /** {@return the state of the connection to the controller} */
    public ConnectionState state() {
        return reconnector.state();
    }

    /** {@return the sequence number of the last message published; 0 before the first} */
    public long published() {
        return publisher.lastSeq();
    }

    /** {@return the options (a copy)} */
    public RelayOptions options() {
        return new RelayOptions(options);
    }

    /**
     * Stops taking commands and closes the connection to the controller (commands waiting for a reply fail
     * with {@link #FAILURE_CONNECTION_LOST}). Idempotent.
     *
     * @return completed once closed
     */
    public Future<Void> close() {
        return Tcpip.onContext(context, () -> {
            Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
            return Future.join(unregistered, reconnector.close()).mapEmpty();
        });
    }

    private Future<Session> connect(Duration timeout) {
        Client client = new Client(new ClientOptions().setName(options.getName()).setHost(options.getControllerHost())
            .setPort(options.getControllerPort())
            .setNetClientOptions(Tcpip.setSocketOptions(new NetClientOptions()).setConnectTimeout((int) timeout.toMillis())));
        return vertx.deployVerticle(client).map(id -> {
            Session s = new Session(client, id);
            current.set(s);
            LOG.info("{}: connected to {}", options.getName(), where);
            client.onContext(() -> {
                s.readLoop();
                return Future.succeededFuture();
            });
            return s;
        });
    }

    private void command(io.vertx.core.eventbus.Message<JsonObject> message) {
        Struct command;
        try {
            if (!(message.body() instanceof JsonObject)) {
                throw new IllegalArgumentException("a command is a JSON object, got " + message.body());
            }
            command = codec.toCommand(message.body());
        } catch (RuntimeException e) {
            message.fail(FAILURE_BAD_COMMAND, String.valueOf(e.getMessage()));
            return;
        }
        Session s = current.get();
        if (s == null) {
            message.fail(FAILURE_NOT_CONNECTED, "not connected to the controller at " + where);
            return;
        }
        s.send(command, message);
    }

    /** A command sent, waiting for its reply; on its connection's context. */
    private static final class Pending {
        final io.vertx.core.eventbus.Message<JsonObject> sender;
        final long timer;
        boolean timedOut;

        Pending(io.vertx.core.eventbus.Message<JsonObject> sender, long timer) {
            this.sender = sender;
            this.timer = timer;
        }
    }

    /** One connection to the controller; everything of it runs on its client's context. */
    private final class Session {
        final Client client;
        final String deploymentId;
        final MessageChannel<H> channel;
        /** Commands sent, oldest first: the controller answers in order. */
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        boolean lost;

        Session(Client client, String deploymentId) {
            this.client = client;
            this.deploymentId = deploymentId;
            this.channel = protocol.channel(client);
        }

        /** Reads messages for as long as the connection lasts, without recursing on messages already buffered. */
        void readLoop() {
            while (!lost) {
                // Reused structs: each message is converted (handled) before the next one is asked for.
                Future<Message<H>> next = channel.readReusedMessage();
                if (!next.isComplete()) {
                    next.onComplete(ar -> {
                        if (handled(ar)) {
                            readLoop();
                        }
                    });
                    return;
                }
                if (!handled(next)) {
                    return;
                }
            }
        }

        /** {@return whether to read on} */
        boolean handled(AsyncResult<Message<H>> read) {
            if (read.failed()) {
                if (read.cause() instanceof MessageException && ((MessageException) read.cause()).skippable()) {
                    LOG.warn("{}: skipped a message from {}: {}", options.getName(), where, read.cause().getMessage());
                    channel.skipBody((MessageException) read.cause()).onComplete(ar -> {
                        if (ar.succeeded()) {
                            readLoop();
                        } else {
                            lose(ar.cause());
                        }
                    });
                    return false;
                }
                lose(read.cause());
                return false;
            }
            Message<H> message = read.result();
            try {
                if (codec.isReply(message)) {
                    reply(message);
                } else {
                    JsonObject event = codec.toEvent(message);
                    if (event != null) {
                        publisher.publish(event);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: cannot relay a message from {}: {}", options.getName(), where, e.toString());
            }
            return true;
        }

        void reply(Message<H> message) {
            Pending p = pending.poll();
            if (p == null) {
                LOG.warn("{}: a reply from {} that no command waits for", options.getName(), where);
                return;
            }
            if (p.timedOut) {
                return;   // its sender has been told already
            }
            vertx.cancelTimer(p.timer);
            p.sender.reply(codec.toReply(message));
        }

        void send(Struct command, io.vertx.core.eventbus.Message<JsonObject> sender) {
            client.onContext(() -> {
                if (lost) {
                    sender.fail(FAILURE_NOT_CONNECTED, "not connected to the controller at " + where);
                    return Future.succeededFuture();
                }
                long timeout = options.getCommandTimeout().toMillis();
                Pending[] self = new Pending[1];
                long timer = vertx.setTimer(timeout, id -> client.onContext(() -> {
                    self[0].timedOut = true;
                    self[0].sender.fail(FAILURE_TIMEOUT, "no reply from the controller at " + where + " within "
                        + timeout + " ms");
                    return Future.succeededFuture();
                }));
                self[0] = new Pending(sender, timer);
                pending.add(self[0]);
                channel.writeMessage(command).onFailure(e -> LOG.debug("{}: a command was not written: {}",
                    options.getName(), e.toString()));   // the connection is lost: lose() answers its sender
                return Future.succeededFuture();
            });
        }

        void lose(Throwable cause) {
            if (lost) {
                return;
            }
            lost = true;
            current.compareAndSet(this, null);
            for (Pending p; (p = pending.poll()) != null; ) {
                if (!p.timedOut) {
                    vertx.cancelTimer(p.timer);
                    p.sender.fail(FAILURE_CONNECTION_LOST, "the connection to the controller at " + where
                        + " was lost before its reply came");
                }
            }
            LOG.info("{}: lost the connection to {}: {}", options.getName(), where, cause.getMessage());
            vertx.undeploy(deploymentId).onFailure(e -> LOG.debug("undeploy: {}", e.toString()));
            reconnector.lost(this, cause);
        }

        Future<?> close() {
            return client.onContext(() -> {
                lose(new IllegalStateException("relay closed"));
                return Future.succeededFuture();
            });
        }
    }
}
