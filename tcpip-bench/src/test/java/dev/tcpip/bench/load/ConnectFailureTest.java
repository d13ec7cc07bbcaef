package dev.tcpip.bench.load;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A server that is not there: one message, with the address once and the OS's reason once. */
class ConnectFailureTest {
    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A port on 127.0.0.1 that was free a moment ago and that nothing listens on. */
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void aPlainSocketThatIsRefusedSaysSoOnce() throws Exception {
        int port = closedPort();
        LoadException e = assertThrows(LoadException.class, () -> SocketLoads.connect(port));
        assertEquals("cannot connect to 127.0.0.1:" + port + ": Connection refused", e.getMessage());
        assertInstanceOf(ConnectException.class, e.getCause());
    }

    @Test
    void theOneWayClientThatIsRefusedSaysSoOnce() throws Exception {
        int port = closedPort();
        LoadException e = assertThrows(LoadException.class, () -> OneWayClient.connect(vertx, port));
        assertEquals("cannot connect to 127.0.0.1:" + port + ": Connection refused", e.getMessage());
        assertInstanceOf(ConnectException.class, e.getCause(), "the Client's error is the cause");
    }
}
