package dev.tcpip.testkit;

import dev.tcpip.core.BaseClientOrServer;
import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.core.Tcpip;
import dev.tcpip.testsupport.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The JUnit 5 extension behind {@link OneClientServerTestBase}: a Vert.x instance per test, servers and
 * clients deployed on it with their connect callbacks feeding {@link ConnectStateQueue}s, waits with a
 * deadline, and clean-up of everything after the test.
 *
 * <p>Extend {@link OneClientServerTestBase} to get all of this as inherited methods. When your test class
 * already has a base class, register the kit as a field instead:
 *
 * <pre>{@code
 * class MyServerTest extends MyOwnBase {
 *     @RegisterExtension
 *     final TcpipTestKit kit = new TcpipTestKit();
 *
 *     @Test
 *     void greetsTheClient() throws Exception {
 *         MyServer server = kit.createServer(cb -> new MyServer(new ServerOptions(), cb));
 *         Client client = kit.createClient(server);
 *         kit.assertNextConnected(true);
 *         assertEquals("hello", kit.await(client.readStr()));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Lifetime.</b> Before each test the kit creates a fresh {@link Vertx} and two fresh queues: one fed
 * by every server it creates ({@link #serverConnectStates()}), one by every client it creates
 * ({@link #clientConnectStates()}). After each test it undeploys (so closes) every endpoint it deployed,
 * newest first, then closes the Vert.x instance, waiting at most {@link #timeout()} for each step; a step
 * that fails or overruns fails the test. The kit must be an instance field (registered per test instance);
 * with {@code @TestInstance(PER_CLASS)} it starts afresh before every test all the same.
 *
 * <p><b>Threads.</b> Every method here blocks the calling thread (the JUnit test thread). Calling a waiting
 * method on a Vert.x event loop fails with {@link IllegalStateException} rather than deadlocking it.
 */
public class TcpipTestKit implements BeforeEachCallback, AfterEachCallback {
    /** The default deadline of every wait: 10 s. */
    public static final Duration DEFAULT_TIMEOUT = ConnectStateQueue.DEFAULT_TIMEOUT;

    private final Duration timeout;
    private Vertx vertx;
    private ConnectStateQueue serverStates;
    private ConnectStateQueue clientStates;
    /** Newest first; deployments may be added from any thread. */
    private final java.util.concurrent.ConcurrentLinkedDeque<Deployed> deployed = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** A kit whose waits have a deadline of {@link #DEFAULT_TIMEOUT}. */
    public TcpipTestKit() {
        this(DEFAULT_TIMEOUT);
    }

    /**
     * A kit whose waits have the given deadline.
     *
     * @param timeout the deadline of every wait (positive): futures, queues, conditions, clean-up
     */
    public TcpipTestKit(Duration timeout) {
        this.timeout = Await.requirePositive(timeout, "timeout");
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Creates the test's Vert.x instance and connect-state queues (called by JUnit before each test).
     *
     * @param context the JUnit context (not used)
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (vertx != null) {
            throw new IllegalStateException("TcpipTestKit is already running a test; register one kit per test instance");
        }
        deployed.clear();
        serverStates = new ConnectStateQueue("server connect states", timeout);
        clientStates = new ConnectStateQueue("client connect states", timeout);
        vertx = Vertx.vertx();
    }

    /**
     * Undeploys every endpoint the kit deployed, newest first, then closes the Vert.x instance (called by
     * JUnit after each test). Each step waits at most {@link #timeout()}.
     *
     * @param context the JUnit context (not used)
     * @throws Exception the first clean-up failure, with later ones suppressed; an {@link AssertionError} if
     *     a step did not finish in time
     */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Vertx v = vertx;
        if (v == null) {
            return;
        }
        List<Throwable> errors = new ArrayList<>();
        List<Deployed> toUndeploy = new ArrayList<>();
        for (Deployed d = deployed.pollFirst(); d != null; d = deployed.pollFirst()) {
            toUndeploy.add(d);
        }
        for (Deployed d : toUndeploy) {
            try {
                // A deployment still starting is waited for; one that failed was reported to the test already.
                awaitWithin(d.deploymentId.otherwiseEmpty(), "deploying " + d.description);
                String id = d.deploymentId.result();
                if (id != null && v.deploymentIDs().contains(id)) {
                    awaitWithin(v.undeploy(id), "undeploying " + d.description);
                }
            } catch (Throwable t) {
                errors.add(t);
            }
        }
        try {
            awaitWithin(v.close(), "closing Vert.x");
        } catch (Throwable t) {
            errors.add(t);
        } finally {
            vertx = null;
        }
        if (!errors.isEmpty()) {
            Throwable first = errors.get(0);
            for (Throwable t : errors.subList(1, errors.size())) {
                first.addSuppressed(t);
            }
            if (first instanceof Exception) {
                throw (Exception) first;
            }
            throw (Error) first;
        }
    }

    // ---------------------------------------------------------------- accessors

    /**
     * {@return the Vert.x instance of the running test}
     *
     * @throws IllegalStateException outside a test
     */
    public Vertx vertx() {
        Vertx v = vertx;
        if (v == null) {
            throw new IllegalStateException("TcpipTestKit is not running a test: register it with @RegisterExtension "
                + "on an instance field, or extend OneClientServerTestBase, and use it from a test method");
        }
        return v;
    }

    /**
     * {@return the deadline of every wait}
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * {@return the queue fed by the connect callback of every server this kit created}
     */
    public ConnectStateQueue serverConnectStates() {
        vertx();
        return serverStates;
    }

    /**
     * {@return the queue fed by the connect callback of every client this kit created}
     */
    public ConnectStateQueue clientConnectStates() {
        vertx();
        return clientStates;
    }

    // ---------------------------------------------------------------- servers

    /**
     * Starts a {@link OneClientServer} with default options (127.0.0.1, port 0: a free port) whose connect
     * callback feeds {@link #serverConnectStates()}.
     *
     * @return the server, listening; {@link OneClientServer#port()} is its real port
     * @throws Exception if it fails to start (the start error)
     */
    public OneClientServer createServer() throws Exception {
        return createServer(new ServerOptions());
    }

    /**
     * Starts a {@link OneClientServer} with these options whose connect callback feeds
     * {@link #serverConnectStates()}. Keep the port 0 (the default) so tests never collide.
     *
     * @param options the server options
     * @return the server, listening; {@link OneClientServer#port()} is its real port
     * @throws Exception if it fails to start (the start error)
     */
    public OneClientServer createServer(ServerOptions options) throws Exception {
        Objects.requireNonNull(options, "options");
        return createServer(callback -> new OneClientServer(options, callback));
    }

    /**
     * Builds a server of your own type with the callback that feeds {@link #serverConnectStates()}, deploys
     * it, and returns it started, as its own type:
     *
     * <pre>{@code
     * MyServer server = kit.createServer(cb -> new MyServer(new ServerOptions(), cb));
     * }</pre>
     *
     * <p>The callback may be wrapped in a callback of your own (call it, then do your part). Give the server
     * port 0 so tests never collide.
     *
     * @param factory makes the server from the connect callback; it must not deploy it
     * @param <S>     the server type
     * @return the server, listening
     * @throws Exception if it fails to start (the start error)
     */
    public <S extends OneClientServer> S createServer(Function<ConnectCallback<BaseClientOrServer>, S> factory)
        throws Exception {
        Objects.requireNonNull(factory, "factory");
        ConnectStateQueue states = serverConnectStates();
        S server = Objects.requireNonNull(factory.apply(states.callback()), "the factory returned null");
        return deploy(server);
    }

    // ---------------------------------------------------------------- clients

    /**
     * Connects a {@link Client} with default options to {@code server}; its connect callback feeds
     * {@link #clientConnectStates()}.
     *
     * @param server a started server
     * @return the client, connected (its callback has already recorded {@code true})
     * @throws Exception if it fails to connect (the connect error)
     */
    public Client createClient(OneClientServer server) throws Exception {
        return createClient(server, new ClientOptions());
    }

    /**
     * Connects a {@link Client} with these options to {@code server}; its connect callback feeds
     * {@link #clientConnectStates()}. The options are copied and their host and port replaced by the
     * server's (a server listening on every interface, 0.0.0.0 or ::, is reached through loopback).
     *
     * @param server  a started server
     * @param options the client options (heartbeats, name, encoding...)
     * @return the client, connected
     * @throws Exception if it fails to connect (the connect error)
     */
    public Client createClient(OneClientServer server, ClientOptions options) throws Exception {
        ClientOptions opts = clientOptionsFor(server, options);
        return createClient(callback -> new Client(opts, callback));
    }

    /**
     * Builds a client of your own type with the callback that feeds {@link #clientConnectStates()}, deploys
     * it, and returns it connected, as its own type. Use {@link #clientOptionsFor(OneClientServer)} for
     * options aimed at a server:
     *
     * <pre>{@code
     * MyClient client = kit.createClient(cb -> new MyClient(kit.clientOptionsFor(server), cb));
     * }</pre>
     *
     * @param factory makes the client from the connect callback; it must not deploy it
     * @param <C>     the client type
     * @return the client, connected
     * @throws Exception if it fails to connect (the connect error)
     */
    public <C extends Client> C createClient(Function<ConnectCallback<BaseClientOrServer>, C> factory) throws Exception {
        Objects.requireNonNull(factory, "factory");
        ConnectStateQueue states = clientConnectStates();
        C client = Objects.requireNonNull(factory.apply(states.callback()), "the factory returned null");
        return deploy(client);
    }

    /**
     * Makes client options that connect to a server, for a test that starts its own client.
     *
     * @param server a started server
     * @return default client options with the server's host and port
     */
    public ClientOptions clientOptionsFor(OneClientServer server) {
        return clientOptionsFor(server, new ClientOptions());
    }

    /**
     * Points client options at a server, for a test that starts its own client with options of its own (TLS,
     * heartbeats ...).
     *
     * @param server  a started server
     * @param options options to start from (copied)
     * @return a copy of the options with the server's host and port (wildcard hosts mapped to loopback)
     */
    public ClientOptions clientOptionsFor(OneClientServer server, ClientOptions options) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(options, "options");
        if (!server.startFuture().succeeded()) {
            throw new IllegalStateException(server.name().isEmpty() ? "the server is not started"
                : "server " + server.name() + " is not started");
        }
        return new ClientOptions(options).setHost(connectableHost(server.host())).setPort(server.port());
    }

    private static String connectableHost(String host) {
        switch (host) {
            case "0.0.0.0":
            case "":
                return Tcpip.LOCALHOST_IPV4;
            case "::":
            case "[::]":
            case "0:0:0:0:0:0:0:0":
                return Tcpip.LOCALHOST_IPV6;
            default:
                return host;
        }
    }

    // ---------------------------------------------------------------- any endpoint

    /**
     * Deploys an endpoint you made yourself (with a callback of your choice), waits until it has started,
     * and undeploys it after the test.
     *
     * @param endpoint a server or client not deployed yet
     * @param <E>      its type
     * @return the endpoint, started
     * @throws Exception if it fails to start (the start error)
     */
    public <E extends BaseClientOrServer> E deploy(E endpoint) throws Exception {
        return await(deployAsync(endpoint));
    }

    /**
     * Starts deploying an endpoint without waiting, for tests that start several at the same moment; it is
     * undeployed after the test like the others.
     *
     * @param endpoint a server or client not deployed yet
     * @param <E>      its type
     * @return a future completed with the endpoint once it has started, failed with its start error
     */
    public <E extends BaseClientOrServer> Future<E> deployAsync(E endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        Future<String> id = vertx().deployVerticle(endpoint);
        deployed.addFirst(new Deployed(describe(endpoint), id));
        return id.map(ignored -> endpoint);
    }

    private static String describe(BaseClientOrServer endpoint) {
        String type = endpoint.getClass().getSimpleName();
        return endpoint.name().isEmpty() ? type : type + " " + endpoint.name();
    }

    // ---------------------------------------------------------------- assertions

    /**
     * Asserts that the next connect callback of the kit's servers saw {@code expected}, waiting up to
     * {@link #timeout()}.
     *
     * @param expected the expected {@code connected()} value
     * @throws AssertionError on another value, or none in time
     */
    public void assertNextConnected(boolean expected) {
        serverConnectStates().assertNextConnected(expected);
    }

    /**
     * Asserts that the next connect callback of the kit's servers saw {@code expected}.
     *
     * @param expected the expected {@code connected()} value
     * @param timeout  how long to wait
     * @throws AssertionError on another value, or none in time
     */
    public void assertNextConnected(boolean expected, Duration timeout) {
        serverConnectStates().assertNextConnected(expected, timeout);
    }

    /**
     * Asserts that the next connect callback of the kit's clients saw {@code expected}, waiting up to
     * {@link #timeout()}.
     *
     * @param expected the expected {@code connected()} value
     * @throws AssertionError on another value, or none in time
     */
    public void assertNextClientConnected(boolean expected) {
        clientConnectStates().assertNextConnected(expected);
    }

    /**
     * Asserts that the next connect callback of the kit's clients saw {@code expected}.
     *
     * @param expected the expected {@code connected()} value
     * @param timeout  how long to wait
     * @throws AssertionError on another value, or none in time
     */
    public void assertNextClientConnected(boolean expected, Duration timeout) {
        clientConnectStates().assertNextConnected(expected, timeout);
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Waits for a future, at most {@link #timeout()}, and returns its result or throws its failure.
     *
     * @param future the future
     * @param <T>    the result type
     * @return the result
     * @throws Exception the future's failure, as it is (checked exceptions included)
     * @throws AssertionError if the future is not complete in time
     * @throws IllegalStateException if called on a Vert.x event loop
     */
    public <T> T await(Future<T> future) throws Exception {
        return await(future, timeout);
    }

    /**
     * Waits for a future, at most {@code timeout}, and returns its result or throws its failure.
     *
     * @param future  the future
     * @param timeout the deadline (positive)
     * @param <T>     the result type
     * @return the result
     * @throws Exception the future's failure, as it is (checked exceptions included)
     * @throws AssertionError if the future is not complete in time
     * @throws IllegalStateException if called on a Vert.x event loop
     */
    public <T> T await(Future<T> future, Duration timeout) throws Exception {
        return Await.await(future, timeout);
    }

    /**
     * Waits for a future to fail, at most {@link #timeout()}, and returns the failure.
     *
     * @param future the future
     * @param type   the failure's expected type
     * @param <X>    that type
     * @return the failure
     * @throws AssertionError if the future succeeds, fails with another type, or is not complete in time
     * @throws IllegalStateException if called on a Vert.x event loop
     */
    public <X extends Throwable> X awaitFailure(Future<?> future, Class<X> type) {
        return Await.awaitFailure(future, type, timeout);
    }

    /**
     * Polls a condition until it holds, for at most {@link #timeout()}. It is checked at once, then about
     * every millisecond: a wait with a deadline, not a fixed sleep.
     *
     * @param what      what the condition means, for the failure message
     * @param condition the condition; called on the test thread
     * @throws AssertionError if it does not hold in time
     */
    public void awaitCondition(String what, BooleanSupplier condition) {
        awaitCondition(what, condition, timeout);
    }

    /**
     * Polls a condition until it holds, for at most {@code timeout}.
     *
     * @param what      what the condition means, for the failure message
     * @param condition the condition; called on the test thread
     * @param timeout   the deadline (positive)
     * @throws AssertionError if it does not hold in time
     */
    public void awaitCondition(String what, BooleanSupplier condition, Duration timeout) {
        Await.awaitCondition(what, condition, timeout);
    }

    private <T> void awaitWithin(Future<T> future, String what) throws Exception {
        try {
            await(future);
        } catch (AssertionError e) {
            throw new AssertionError(what + " did not finish within " + Await.describe(timeout), e);
        }
    }

    private static final class Deployed {
        final String description;
        final Future<String> deploymentId;

        Deployed(String description, Future<String> deploymentId) {
            this.description = description;
            this.deploymentId = deploymentId;
        }
    }
}
