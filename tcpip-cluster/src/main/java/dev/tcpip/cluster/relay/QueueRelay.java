package dev.tcpip.cluster.relay;

import dev.tcpip.services.MessageSink;
import dev.tcpip.services.MessageSource;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.function.Function;

/**
 * A relay between the queues of a queue-backed endpoint (tcpip-services' {@code ClientReceiver},
 * {@code Client}..., which reconnect by themselves; or any {@link MessageSource} and {@link MessageSink}) and
 * the event bus: every message taken from the source is published on an address, as JSON, with a sequence
 * number ({@link SequencedPublisher}: {@code {"seq": n, "body": {...}}}); JSON commands sent to
 * {@code ADDRESS.commands} are put, converted, into the sink, and answered with an empty JSON object once the
 * sink has taken them. A line protocol has no replies of its own: the answer says the command was queued
 * for sending, not what the peer made of it.
 *
 * <pre>{@code
 * Client<String> controller = Client.create(vertx, new QueueEndpointOptions().setPort(5000));
 * QueueRelay<String> relay = QueueRelay.create(vertx, "dome", controller.received(),
 *     line -> new JsonObject().put("line", line), controller.toSend(), json -> json.getString("line"));
 * controller.start().compose(v -> relay.start());
 * }</pre>
 *
 * <p>A command fails with {@link StructRelay#FAILURE_BAD_COMMAND} when the conversion refuses it, and with
 * {@link StructRelay#FAILURE_NOT_CONNECTED} when the sink refuses it (closed); without a sink, every command
 * fails with {@link StructRelay#FAILURE_BAD_COMMAND}.
 *
 * @param <T> the endpoint's message type
 */
public final class QueueRelay<T> {
    private static final Logger LOG = LoggerFactory.getLogger(QueueRelay.class);

    private final Vertx vertx;
    private final String address;
    private final MessageSource<T> source;
    private final Function<T, JsonObject> toJson;
    private final MessageSink<T> sink;
    private final Function<JsonObject, T> fromJson;
    private final SequencedPublisher publisher;
    private volatile boolean closed;
    private MessageConsumer<JsonObject> commands;

    private QueueRelay(Vertx vertx, String address, MessageSource<T> source, Function<T, JsonObject> toJson,
                       MessageSink<T> sink, Function<JsonObject, T> fromJson) {
        this.vertx = vertx;
        this.address = address;
        this.source = source;
        this.toJson = toJson;
        this.sink = sink;
        this.fromJson = fromJson;
        this.publisher = new SequencedPublisher(vertx.eventBus(), address);
    }

    /**
     * Creates a relay; {@link #start()} starts it.
     *
     * @param vertx    the Vert.x (clustered, for the address to reach other nodes)
     * @param address  where the source's messages are published; commands are taken on
     *                 {@code address + ".commands"}
     * @param source   the messages to publish (an endpoint's {@code received()} queue)
     * @param toJson   a message as published
     * @param sink     where commands go (an endpoint's {@code toSend()} queue), or null for none
     * @param fromJson a command as the sink takes it (throws {@link IllegalArgumentException} to refuse one),
     *                 or null when there is no sink
     * @param <T>      the message type
     * @return the relay
     */
    public static <T> QueueRelay<T> create(Vertx vertx, String address, MessageSource<T> source,
                                           Function<T, JsonObject> toJson, MessageSink<T> sink,
                                           Function<JsonObject, T> fromJson) {
        if ((sink == null) != (fromJson == null)) {
            throw new IllegalArgumentException("give both the sink and its conversion, or neither");
        }
        return new QueueRelay<>(Objects.requireNonNull(vertx, "vertx"), Objects.requireNonNull(address, "address"),
            Objects.requireNonNull(source, "source"), Objects.requireNonNull(toJson, "toJson"), sink, fromJson);
    }

    /**
     * Starts publishing and taking commands.
     *
     * @return completed once the command address is registered in the cluster
     */
    public Future<Void> start() {
        commands = vertx.eventBus().consumer(address + RelayOptions.COMMANDS_SUFFIX, this::command);
        takeLoop();
        return commands.completion();
    }

    /** {@return the sequence number of the last message published; 0 before the first} */
    public long published() {
        return publisher.lastSeq();
    }

    /**
     * Stops publishing and taking commands (the endpoint is the caller's to close).
     *
     * @return completed once the command address is unregistered
     */
    public Future<Void> close() {
        closed = true;
        return commands == null ? Future.succeededFuture() : commands.unregister();
    }

    /** Takes and publishes for as long as the relay is open, without recursing on messages already queued. */
    private void takeLoop() {
        while (!closed) {
            Future<T> next = source.take();
            if (!next.isComplete()) {
                next.onComplete(ar -> {
                    if (published(ar)) {
                        takeLoop();
                    }
                });
                return;
            }
            if (!published(next)) {
                return;
            }
        }
    }

    /** {@return whether to take on} */
    private boolean published(AsyncResult<T> taken) {
        if (taken.failed()) {
            if (!closed) {
                LOG.info("relay {}: the source ended: {}", address, taken.cause().toString());
            }
            return false;
        }
        try {
            publisher.publish(toJson.apply(taken.result()));
        } catch (RuntimeException e) {
            LOG.warn("relay {}: cannot publish a message: {}", address, e.toString());
        }
        return !closed;
    }

    private void command(Message<JsonObject> message) {
        if (sink == null) {
            message.fail(StructRelay.FAILURE_BAD_COMMAND, "this relay takes no commands");
            return;
        }
        T command;
        try {
            if (!(message.body() instanceof JsonObject)) {
                throw new IllegalArgumentException("a command is a JSON object, got " + message.body());
            }
            command = Objects.requireNonNull(fromJson.apply(message.body()), "the command's conversion gave null");
        } catch (RuntimeException e) {
            message.fail(StructRelay.FAILURE_BAD_COMMAND, String.valueOf(e.getMessage()));
            return;
        }
        sink.put(command).onComplete(ar -> {
            if (ar.succeeded()) {
                message.reply(new JsonObject());
            } else {
                message.fail(StructRelay.FAILURE_NOT_CONNECTED, "the command cannot be queued: " + ar.cause().getMessage());
            }
        });
    }
}
