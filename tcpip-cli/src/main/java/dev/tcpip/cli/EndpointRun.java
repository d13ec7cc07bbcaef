package dev.tcpip.cli;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.core.reconnect.ConnectionState;
import dev.tcpip.services.MessageGenerator;
import dev.tcpip.services.MessageSink;
import dev.tcpip.services.MessageSource;
import dev.tcpip.services.endpoint.Client;
import dev.tcpip.services.endpoint.ClientReceiver;
import dev.tcpip.services.endpoint.ClientSender;
import dev.tcpip.services.endpoint.QueueEndpoint;
import dev.tcpip.services.endpoint.QueueEndpointOptions;
import dev.tcpip.services.endpoint.Server;
import dev.tcpip.services.endpoint.ServerEndpoint;
import dev.tcpip.services.endpoint.ServerReceiver;
import dev.tcpip.services.endpoint.ServerSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the {@code endpoint} command, once its options are good: make the endpoint on a new Vert.x,
 * queue the messages, start it, wait for its end; on SIGTERM or SIGINT close it and Vert.x, bounded.
 */
final class EndpointRun {
    /** The program's name in an error line: {@code tcpip endpoint: cannot connect ...}. */
    static final String PROGRAM = "tcpip endpoint";
    /** How long a server may take to bind. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** How long closing the endpoint and Vert.x may take, after the end or on a signal. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(EndpointRun.class);

    private final EndpointCommand command;
    private final List<String> messages;
    private final String kind;
    /** Set by the shutdown hook: a signal is ending the program. */
    private volatile boolean stopping;
    /** Touched on the endpoint's context only: whether a server's listening line has been printed. */
    private boolean announced;

    /**
     * A run of the command.
     *
     * @param command  the options, checked
     * @param messages the messages to send, or null to send pysocklib's sample messages (a sending type)
     */
    EndpointRun(EndpointCommand command, List<String> messages) {
        this.command = command;
        this.messages = messages;
        this.kind = command.kind();
    }

    /**
     * Runs the endpoint until it ends, or until a signal stops it (then the shutdown hook ends the JVM).
     *
     * @return the exit status: 0, or 1 if it could not listen, could not connect, or failed
     */
    int run() {
        Vertx vertx = Vertx.vertx();
        StdoutPrinter stdout = new StdoutPrinter(new FileOutputStream(FileDescriptor.out));
        QueueEndpoint<String> endpoint = create(vertx, stdout);
        Thread hook = new Thread(() -> stop(vertx, endpoint, stdout), "tcpip-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            stopping = true;   // a signal came first: nothing started yet
            close(vertx, endpoint, stdout);
            return 0;
        }
        int status = runEndpoint(endpoint, stdout);
        if (stopping) {
            return 0;   // a signal is ending the program: the hook closes everything and decides its status
        }
        close(vertx, endpoint, stdout);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 0;   // as above
        }
        return status;
    }

    /** The endpoint the options ask for, receiving into stdout, sending the messages or the samples. */
    private QueueEndpoint<String> create(Vertx vertx, MessageSink<String> stdout) {
        QueueEndpointOptions options = command.endpointOptions(messages == null ? 0 : messages.size());
        PayloadCodec<String> codec = PayloadCodec.string(StandardCharsets.UTF_8);
        MessageSource<String> samples = command.type().sends() && messages == null
            ? new MessageGenerator(vertx, command.server() ? "server" : "client") : null;
        if (command.server()) {
            return switch (command.type()) {
                case RECEIVER -> new ServerReceiver<>(vertx, options, codec, stdout);
                case SENDER -> new ServerSender<>(vertx, options, codec, samples);
                case MULTI -> new Server<>(vertx, options, codec, stdout, samples);
            };
        }
        return switch (command.type()) {
            case RECEIVER -> new ClientReceiver<>(vertx, options, codec, stdout);
            case SENDER -> new ClientSender<>(vertx, options, codec, samples);
            case MULTI -> new Client<>(vertx, options, codec, stdout, samples);
        };
    }

    /** Queues the messages, starts the endpoint and waits for its end; {@return the exit status} */
    private int runEndpoint(QueueEndpoint<String> endpoint, StdoutPrinter stdout) {
        String where = command.ip() + ":" + command.port();
        try {
            if (messages != null) {
                List<Future<Void>> queued = new ArrayList<>();
                for (String m : messages) {
                    queued.add(endpoint.toSend().put(m));   // the queue has room for them all
                }
                await(Future.all(queued), START_TIMEOUT);
            }
            if (command.count() > 0) {
                endpoint.stopAfterReceived(command.count());
            } else if (messages != null) {
                endpoint.stopWhenOutboundEmpty();
            }
            if (endpoint instanceof ServerEndpoint<String> server) {
                // The listening line goes to stdout once the port is bound, from the endpoint's context, so that
                // it is printed before any message from a client: a server's first state, CONNECTING (waiting
                // for a client), is set as soon as it listens, before it accepts anyone.
                endpoint.stateHandler(state -> {
                    if (state == ConnectionState.CONNECTING && !announced) {
                        announced = true;
                        stdout.line(kind + " listening on port " + server.port());
                    }
                });
            }
        } catch (ExecutionException | TimeoutException e) {
            return failed("cannot queue the messages: " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        try {
            await(endpoint.start(), START_TIMEOUT);   // a server listens; a client has started connecting
        } catch (ExecutionException | TimeoutException e) {
            return failed((command.server() ? "cannot listen on " : "cannot connect to ") + where + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        try {
            endpoint.done().toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            if (!command.server() && endpoint.connections() == 0) {
                String reason = reason(e);   // the policy's last attempt: "cannot connect to H:P: why"
                return failed(reason.startsWith("cannot connect") ? reason : "cannot connect to " + where + ": " + reason);
            }
            return failed(kind + " failed: " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (endpoint.unsendableMessages() > 0) {
            return failed(endpoint.unsendableMessages() + " message(s) could not be sent");
        }
        return 0;
    }

    /** The shutdown hook: closes the endpoint and Vert.x, bounded; exits 0 once they have closed. */
    private void stop(Vertx vertx, QueueEndpoint<String> endpoint, StdoutPrinter stdout) {
        stopping = true;
        LOG.info("Stopping the {}", kind);
        if (close(vertx, endpoint, stdout)) {
            LOG.info("{} stopped", kind);
            Runtime.getRuntime().halt(0);
        }
        LOG.warn("{} did not close within {} s; exiting anyway", kind, STOP_TIMEOUT.toSeconds());
        // returning lets the JVM end with the signal's status (130 or 143)
    }

    /** Closes the endpoint, then Vert.x, then stdout, within the stop timeout; {@return whether all closed in time} */
    private boolean close(Vertx vertx, QueueEndpoint<String> endpoint, StdoutPrinter stdout) {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        boolean clean = true;
        for (Future<?> closing : List.of(endpoint.close(), vertx.close())) {
            try {
                await(closing, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (ExecutionException | TimeoutException e) {
                clean = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return stdout.drain(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))) && clean;
    }

    private static void await(Future<?> future, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        future.toCompletionStage().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private int failed(String message) {
        if (stopping) {
            return 0;
        }
        System.err.println(PROGRAM + ": " + message);
        System.err.flush();
        return 1;
    }

    /** The reason of a failure in a few words: a server's BindException already names the address. */
    private static String reason(Throwable t) {
        Throwable cause = t instanceof ExecutionException && t.getCause() != null ? t.getCause() : t;
        if (t instanceof TimeoutException) {
            return "no answer within " + START_TIMEOUT.toSeconds() + " s";
        }
        if (cause instanceof BindException && cause.getCause() instanceof BindException) {
            cause = cause.getCause();
        }
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }
}
