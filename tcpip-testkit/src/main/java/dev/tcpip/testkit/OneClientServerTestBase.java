package dev.tcpip.testkit;

import dev.tcpip.core.BaseClientOrServer;
import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.ConnectCallback;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Base class for JUnit 5 tests of one-client servers and their clients: the Java form of ts_tcpip's
 * {@code BaseOneClientServerTestCase}.
 *
 * <p>Each test gets its own Vert.x instance ({@link #vertx()}). {@link #createServer()} starts a server on
 * 127.0.0.1, port 0, whose connect callback records every change of {@code connected()} in a queue that
 * {@link #assertNextConnected(boolean)} takes from; {@link #createClient(OneClientServer)} connects a
 * {@link Client} to it, recording into a second queue ({@link #assertNextClientConnected(boolean)}). Every
 * server and client created is undeployed (closed) after the test, and then the Vert.x instance is closed;
 * every wait has a deadline ({@link #timeout()}, 10 s unless given to the constructor).
 *
 * <pre>{@code
 * class EchoServerTest extends OneClientServerTestBase {
 *     @Test
 *     void echoesEachLine() throws Exception {
 *         EchoServer server = createServer(cb -> new EchoServer(new ServerOptions(), cb));
 *         Client client = createClient(server);
 *         assertNextConnected(true);            // the server saw the client arrive
 *
 *         await(client.writeStr("hello"));
 *         assertEquals("hello", await(client.readStr()));
 *
 *         await(client.close());
 *         assertNextConnected(false);           // ... and go
 *     }
 * }
 * }</pre>
 *
 * <p>Everything here delegates to a {@link TcpipTestKit} registered as a JUnit extension ({@link #kit()});
 * a test class that cannot extend this class can register a {@code TcpipTestKit} itself. Methods block the
 * test thread; never call them from a Vert.x event loop (compose futures there instead).
 */
public abstract class OneClientServerTestBase {
    /** The extension doing the work; JUnit registers it for each test instance. */
    @RegisterExtension
    final TcpipTestKit kit;

    /** A base whose waits have a deadline of {@link TcpipTestKit#DEFAULT_TIMEOUT} (10 s). */
    protected OneClientServerTestBase() {
        this(TcpipTestKit.DEFAULT_TIMEOUT);
    }

    /**
     * A base whose waits have the given deadline, for tests that need more (or less) than 10 s.
     *
     * @param timeout the deadline of every wait (positive): futures, queues, conditions, clean-up
     */
    protected OneClientServerTestBase(Duration timeout) {
        this.kit = new TcpipTestKit(timeout);
    }

    /**
     * {@return the test kit behind this class, for what it offers beyond the methods here}
     */
    protected final TcpipTestKit kit() {
        return kit;
    }

    /**
     * {@return this test's Vert.x instance (a new one per test, closed after it)}
     */
    protected final Vertx vertx() {
        return kit.vertx();
    }

    /**
     * {@return the deadline of every wait}
     */
    protected final Duration timeout() {
        return kit.timeout();
    }

    /**
     * {@return the queue fed by the connect callback of every server created here}
     */
    protected final ConnectStateQueue serverConnectStates() {
        return kit.serverConnectStates();
    }

    /**
     * {@return the queue fed by the connect callback of every client created here}
     */
    protected final ConnectStateQueue clientConnectStates() {
        return kit.clientConnectStates();
    }

    /**
     * Python's {@code create_server()}: a {@link OneClientServer} on 127.0.0.1, port 0, listening, whose
     * connect callback feeds {@link #serverConnectStates()}.
     *
     * @return the server; {@link OneClientServer#port()} is its real port
     * @throws Exception the start error
     * @see TcpipTestKit#createServer()
     */
    protected final OneClientServer createServer() throws Exception {
        return kit.createServer();
    }

    /**
     * A {@link OneClientServer} with these options (keep port 0), listening, whose connect callback feeds
     * {@link #serverConnectStates()}.
     *
     * @param options the server options
     * @return the server
     * @throws Exception the start error
     * @see TcpipTestKit#createServer(ServerOptions)
     */
    protected final OneClientServer createServer(ServerOptions options) throws Exception {
        return kit.createServer(options);
    }

    /**
     * Your own server type, built by {@code factory} from the callback that feeds
     * {@link #serverConnectStates()}, listening, returned as its own type:
     * {@code MyServer s = createServer(cb -> new MyServer(options, cb));}
     *
     * @param factory makes the server from the connect callback; it must not deploy it
     * @param <S>     the server type
     * @return the server
     * @throws Exception the start error
     * @see TcpipTestKit#createServer(Function)
     */
    protected final <S extends OneClientServer> S createServer(Function<ConnectCallback<BaseClientOrServer>, S> factory)
        throws Exception {
        return kit.createServer(factory);
    }

    /**
     * Python's {@code create_client(server)}: a {@link Client} connected to {@code server}, whose connect
     * callback feeds {@link #clientConnectStates()}.
     *
     * @param server a started server
     * @return the client, connected
     * @throws Exception the connect error
     * @see TcpipTestKit#createClient(OneClientServer)
     */
    protected final Client createClient(OneClientServer server) throws Exception {
        return kit.createClient(server);
    }

    /**
     * A {@link Client} with these options (host and port replaced by the server's) connected to
     * {@code server}, whose connect callback feeds {@link #clientConnectStates()}.
     *
     * @param server  a started server
     * @param options the client options
     * @return the client, connected
     * @throws Exception the connect error
     * @see TcpipTestKit#createClient(OneClientServer, ClientOptions)
     */
    protected final Client createClient(OneClientServer server, ClientOptions options) throws Exception {
        return kit.createClient(server, options);
    }

    /**
     * Your own client type, built by {@code factory} from the callback that feeds
     * {@link #clientConnectStates()}, connected, returned as its own type.
     *
     * @param factory makes the client from the connect callback; it must not deploy it
     * @param <C>     the client type
     * @return the client
     * @throws Exception the connect error
     * @see TcpipTestKit#createClient(Function)
     */
    protected final <C extends Client> C createClient(Function<ConnectCallback<BaseClientOrServer>, C> factory)
        throws Exception {
        return kit.createClient(factory);
    }

    /**
     * Makes client options that connect to a server, for a test that starts its own client.
     *
     * @param server a started server
     * @return default client options with the server's host and port
     */
    protected final ClientOptions clientOptionsFor(OneClientServer server) {
        return kit.clientOptionsFor(server);
    }

    /**
     * Deploys an endpoint you made yourself, waits for it to start, and undeploys it after the test.
     *
     * @param endpoint a server or client not deployed yet
     * @param <E>      its type
     * @return the endpoint, started
     * @throws Exception the start error
     */
    protected final <E extends BaseClientOrServer> E deploy(E endpoint) throws Exception {
        return kit.deploy(endpoint);
    }

    /**
     * Starts deploying an endpoint without waiting (to start several at once); undeployed after the test.
     *
     * @param endpoint a server or client not deployed yet
     * @param <E>      its type
     * @return a future completed with the endpoint once started
     */
    protected final <E extends BaseClientOrServer> Future<E> deployAsync(E endpoint) {
        return kit.deployAsync(endpoint);
    }

    /**
     * Python's {@code assert_next_connected(connected)}: the next connect callback of the servers created
     * here saw {@code expected}; waits up to {@link #timeout()}.
     *
     * @param expected the expected {@code connected()} value
     * @throws AssertionError on another value, or none in time
     */
    protected final void assertNextConnected(boolean expected) {
        kit.assertNextConnected(expected);
    }

    /**
     * As {@link #assertNextConnected(boolean)}, waiting up to {@code timeout}.
     *
     * @param expected the expected {@code connected()} value
     * @param timeout  how long to wait
     * @throws AssertionError on another value, or none in time
     */
    protected final void assertNextConnected(boolean expected, Duration timeout) {
        kit.assertNextConnected(expected, timeout);
    }

    /**
     * The next connect callback of the clients created here saw {@code expected}; waits up to
     * {@link #timeout()}.
     *
     * @param expected the expected {@code connected()} value
     * @throws AssertionError on another value, or none in time
     */
    protected final void assertNextClientConnected(boolean expected) {
        kit.assertNextClientConnected(expected);
    }

    /**
     * As {@link #assertNextClientConnected(boolean)}, waiting up to {@code timeout}.
     *
     * @param expected the expected {@code connected()} value
     * @param timeout  how long to wait
     * @throws AssertionError on another value, or none in time
     */
    protected final void assertNextClientConnected(boolean expected, Duration timeout) {
        kit.assertNextClientConnected(expected, timeout);
    }

    /**
     * Waits for a future, at most {@link #timeout()}; returns its result or throws its failure.
     *
     * @param future the future
     * @param <T>    the result type
     * @return the result
     * @throws Exception the future's failure
     * @see TcpipTestKit#await(Future)
     */
    protected final <T> T await(Future<T> future) throws Exception {
        return kit.await(future);
    }

    /**
     * Waits for a future, at most {@code timeout}; returns its result or throws its failure.
     *
     * @param future  the future
     * @param timeout the deadline
     * @param <T>     the result type
     * @return the result
     * @throws Exception the future's failure
     */
    protected final <T> T await(Future<T> future, Duration timeout) throws Exception {
        return kit.await(future, timeout);
    }

    /**
     * Waits for a future to fail with {@code type}, at most {@link #timeout()}, and returns the failure.
     *
     * @param future the future
     * @param type   the expected failure type
     * @param <X>    that type
     * @return the failure
     * @throws AssertionError if it succeeds, fails otherwise, or is not complete in time
     */
    protected final <X extends Throwable> X awaitFailure(Future<?> future, Class<X> type) {
        return kit.awaitFailure(future, type);
    }

    /**
     * Polls a condition until it holds, at most {@link #timeout()} (a wait with a deadline, not a sleep).
     *
     * @param what      what the condition means, for the failure message
     * @param condition the condition
     * @throws AssertionError if it does not hold in time
     */
    protected final void awaitCondition(String what, BooleanSupplier condition) {
        kit.awaitCondition(what, condition);
    }
}
