package dev.tcpip.services;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * A worker from an input to an output (pysocklib's {@code AbstractService}): it takes a message from its
 * {@link MessageSource}, hands it to {@link #handle(Object)}, puts the result on its {@link MessageSink}, and
 * only then takes the next one: one message at a time, in order. The handler returns a future, so
 * asynchronous work is natural; a full output pauses the service (its put waits), and an empty input leaves
 * it waiting on a future: nothing polls and no thread is held.
 *
 * <p><b>Input and output.</b> A service without an output (a pure sink, such as {@link MessageLogger}) passes
 * {@code null}; a handler result of {@code null} is not put either. A pure source takes from a source that
 * makes messages, such as {@link MessageGenerator}.
 *
 * <p><b>Lifetime.</b> {@code vertx.deployVerticle(service)} starts it on the deployment's context
 * ({@link ServiceState#RUNNING}); {@link #done()} is pysocklib's {@code join()}. It ends in one of two ways:
 * <ul>
 *   <li>{@link ServiceState#STOPPED}: {@link #shutdown()} (or undeployment), or its {@link StopCondition}
 *       held; {@code done()} succeeds.</li>
 *   <li>{@link ServiceState#FAILED}: the handler threw or returned a failed future, or the input or output
 *       failed. The error is logged at ERROR, given to the {@link #exceptionHandler(Handler)}, and
 *       {@code done()} fails with it: a service never dies silently (a {@link Watchdog} can act on it).</li>
 * </ul>
 * Ending does not undeploy the verticle; undeploying a running service shuts it down.
 *
 * <p><b>Bounded shutdown.</b> {@link #shutdown()} ends the service at once in every state: a take waiting for
 * input and a put waiting on a full output are withdrawn ({@link MessageSource#cancelTake},
 * {@link MessageSink#cancelPut}). A message taken but not yet accepted by the output at that moment (being
 * handled, waiting for room, or arriving as the take is withdrawn) is abandoned: it is logged at WARN and
 * counted in {@link #abandoned()}, never dropped silently.
 *
 * <p><b>Threading.</b> The loop runs on the service's context; the handler is called there. Everything
 * returned may be used from any thread.
 *
 * @param <I> the input message type
 * @param <O> the output message type
 */
public abstract class Service<I, O> extends VerticleBase {
    /** Logger of the concrete class ({@code Service} for {@link #of}); messages start with the service's name. */
    protected final Logger log = LoggerFactory.getLogger(getClass() == FunctionService.class ? Service.class : getClass());

    private final String name;
    private final MessageSource<I> input;
    private final MessageSink<O> output;
    private final Promise<Void> done = Promise.promise();

    private volatile ServiceState state = ServiceState.NEW;
    private volatile StopCondition stopCondition = StopCondition.never();
    private volatile Handler<Throwable> exceptionHandler;
    private volatile long handled;
    private volatile long abandoned;

    // Touched only on the service's context.
    private Confined confined;
    private Future<I> pendingTake;
    private Future<Void> pendingPut;

    /**
     * Creates a service that does nothing until deployed.
     *
     * @param name   the name for logs
     * @param input  where messages come from
     * @param output where results go, or {@code null} for none
     */
    protected Service(String name, MessageSource<I> input, MessageSink<O> output) {
        this.name = Objects.requireNonNull(name, "name");
        this.input = Objects.requireNonNull(input, "input");
        this.output = output;
    }

    /**
     * A service whose handling is a function.
     *
     * @param name    the name for logs
     * @param input   where messages come from
     * @param output  where results go, or {@code null} for none
     * @param handler turns a message into a future of the result ({@code null} result: nothing is put)
     * @param <I>     the input message type
     * @param <O>     the output message type
     * @return the service, not started
     */
    public static <I, O> Service<I, O> of(String name, MessageSource<I> input, MessageSink<O> output, Function<I, Future<O>> handler) {
        return new FunctionService<>(name, input, output, handler);
    }

    /**
     * Handles one message, on the service's context. The next message is taken only once the returned future
     * has completed and its result has been accepted by the output.
     *
     * @param message the message taken from the input
     * @return a future of the result to put on the output ({@code null}: nothing to put); a failed future (or
     *     an exception thrown) fails the service
     */
    protected abstract Future<O> handle(I message);

    /**
     * Sets the condition that stops the service by itself, checked before each take; {@link StopCondition#never()}
     * by default.
     *
     * @param condition the condition
     * @return this service
     */
    public Service<I, O> stopWhen(StopCondition condition) {
        this.stopCondition = Objects.requireNonNull(condition, "condition");
        return this;
    }

    /**
     * Sets the handler told of the error that fails the service (besides the ERROR log line and {@link #done()}).
     *
     * @param handler the handler, called once, on the service's context
     * @return this service
     */
    public Service<I, O> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    /**
     * Starts the loop: called by Vert.x on deployment ({@code vertx.deployVerticle(service)}), which gives the
     * service its context.
     *
     * @return a succeeded future once running; a failed one ({@link IllegalStateException}) if this service
     *     was started before, or is started without being deployed
     */
    @Override
    public final Future<?> start() {
        if (context == null) {
            return Future.failedFuture(new IllegalStateException("service " + name
                + " has no context: start it with vertx.deployVerticle(service)"));
        }
        if (state != ServiceState.NEW || confined != null) {
            return Future.failedFuture(new IllegalStateException("service " + name + " is " + state + "; a service starts once"));
        }
        confined = new Confined(context);
        state = ServiceState.RUNNING;
        log.debug("{}: running", name);
        context.runOnContext(v -> next());
        return Future.succeededFuture();
    }

    /**
     * Shuts the service down (called by Vert.x on undeployment).
     *
     * @return {@link #shutdown()}
     */
    @Override
    public final Future<?> stop() {
        return shutdown();
    }

    /**
     * Ends the service ({@link ServiceState#STOPPED}) unless it has already ended, withdrawing a waiting take
     * or put. Idempotent; callable from any thread and in every state.
     *
     * @return a future completed (successfully, even if the service had failed) once the service has ended;
     *     it does not wait for the input, the output or a running handler
     */
    public Future<Void> shutdown() {
        Confined c = confined;
        if (c == null) {
            if (state == ServiceState.NEW) {
                state = ServiceState.STOPPED;
                done.tryComplete();
            }
        } else {
            c.run(() -> {
                if (state == ServiceState.RUNNING) {
                    end(null);
                }
            });
        }
        return done.future().otherwiseEmpty();
    }

    /**
     * The same as {@link #shutdown()}.
     *
     * @return {@link #shutdown()}
     */
    public Future<Void> close() {
        return shutdown();
    }

    /**
     * pysocklib's {@code join()}.
     *
     * @return a future that succeeds when the service stops and fails with the error when it fails
     */
    public Future<Void> done() {
        return done.future();
    }

    /** {@return the state now} */
    public ServiceState state() {
        return state;
    }

    /** {@return the name given} */
    public String name() {
        return name;
    }

    /** {@return the number of messages handled (and accepted by the output, if there is one)} */
    public long handled() {
        return handled;
    }

    /** {@return the number of messages abandoned by a shutdown (taken, not delivered)} */
    public long abandoned() {
        return abandoned;
    }

    // ---------------------------------------------------------------- the loop, on the context

    private void next() {
        if (state != ServiceState.RUNNING) {
            return;
        }
        Future<I> take;
        try {
            if (stopCondition.shouldStop(handled)) {
                log.info("{}: stop condition met after {} messages", name, handled);
                end(null);
                return;
            }
            take = Objects.requireNonNull(input.take(), "the input's take() returned null");
        } catch (RuntimeException e) {
            end(e);
            return;
        }
        pendingTake = take;
        take.onComplete(ar -> confined.run(() -> taken(take, ar)));
    }

    private void taken(Future<I> take, AsyncResult<I> ar) {
        if (pendingTake == take) {
            pendingTake = null;
        }
        if (state != ServiceState.RUNNING) {
            if (ar.succeeded()) {
                abandon(ar.result());
            }
            return;
        }
        if (ar.failed()) {
            end(ar.cause());
            return;
        }
        I message = ar.result();
        Future<O> result;
        try {
            result = handle(message);
        } catch (RuntimeException | AssertionError e) {
            end(e);
            return;
        }
        if (result == null) {
            result = Future.succeededFuture();
        }
        result.onComplete(h -> confined.run(() -> handled(message, h)));
    }

    private void handled(I message, AsyncResult<O> h) {
        if (state != ServiceState.RUNNING) {
            abandon(message);
            return;
        }
        if (h.failed()) {
            end(h.cause());
            return;
        }
        O result = h.result();
        if (output == null || result == null) {
            delivered();
            return;
        }
        Future<Void> put;
        try {
            put = Objects.requireNonNull(output.put(result), "the output's put() returned null");
        } catch (RuntimeException e) {
            end(e);
            return;
        }
        pendingPut = put;
        put.onComplete(p -> confined.run(() -> putDone(put, result, p)));
    }

    private void putDone(Future<Void> put, O result, AsyncResult<Void> p) {
        if (pendingPut == put) {
            pendingPut = null;
        }
        if (p.succeeded()) {
            delivered();
        } else if (state == ServiceState.RUNNING) {
            end(p.cause());
        } else {
            abandon(result);
        }
    }

    private void delivered() {
        handled++;
        // A hop per message: a source and sink that answer at once must not grow the stack.
        context.runOnContext(v -> next());
    }

    private void abandon(Object message) {
        abandoned++;
        log.warn("{}: shut down with a message taken but not delivered, abandoned: {}", name, message);
    }

    private void end(Throwable cause) {
        Future<I> take = pendingTake;
        Future<Void> put = pendingPut;
        pendingTake = null;
        pendingPut = null;
        if (take != null) {
            input.cancelTake(take);
        }
        if (put != null && output != null) {
            output.cancelPut(put);
        }
        if (cause == null) {
            state = ServiceState.STOPPED;
            log.debug("{}: stopped after {} messages", name, handled);
            done.tryComplete();
            return;
        }
        state = ServiceState.FAILED;
        log.error("{}: failed after {} messages", name, handled, cause);
        Handler<Throwable> handler = exceptionHandler;
        if (handler != null) {
            try {
                handler.handle(cause);
            } catch (RuntimeException e) {
                log.error("{}: the exception handler threw", name, e);
            }
        }
        done.tryFail(cause);
    }

    private static final class FunctionService<I, O> extends Service<I, O> {
        private final Function<I, Future<O>> handler;

        FunctionService(String name, MessageSource<I> input, MessageSink<O> output, Function<I, Future<O>> handler) {
            super(name, input, output);
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        @Override
        protected Future<O> handle(I message) {
            return handler.apply(message);
        }
    }
}
