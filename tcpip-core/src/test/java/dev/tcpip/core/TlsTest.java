package dev.tcpip.core;

import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitFailure;
import static dev.tcpip.testsupport.RawSockets.rawConnect;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers and clients take Vert.x's TLS options: with a self-signed certificate made at test time, a round
 * trip is encrypted, a plaintext client gets nothing, and a client that does not trust the certificate is
 * refused.
 */
class TlsTest extends TestSupport {
    // Deprecated for removal in Vert.x 5.1, with no replacement in vertx-core; it works on Java 17 and 25.
    @SuppressWarnings("removal")
    private final SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");

    @AfterEach
    void deleteCertificate() {
        certificate.delete();
    }

    private OneClientServer tlsServer() throws Exception {
        return deploy(new OneClientServer(new ServerOptions().setNetServerOptions(
            new NetServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions()))));
    }

    private ClientOptions tlsClient(int port, boolean trusting) {
        NetClientOptions net = new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
        if (trusting) {
            net.setTrustOptions(certificate.trustOptions());
        }
        return new ClientOptions().setHost("localhost").setPort(port).setNetClientOptions(net);
    }

    @Test
    void aClientThatTrustsTheCertificateHasAnEncryptedRoundTrip() throws Exception {
        OneClientServer server = tlsServer();
        Client client = deploy(new Client(tlsClient(server.port(), true)));
        await(server.connectedFuture());
        assertTrue(server.socket().isSsl(), "the server's connection is TLS");
        await(client.writeStr("MOVE 12.5"));
        assertEquals("MOVE 12.5", await(server.readStr()));
        await(server.writeJson(new io.vertx.core.json.JsonObject().put("ack", "MOVE")));
        assertEquals("MOVE", ((io.vertx.core.json.JsonObject) await(client.readJson())).getString("ack"));
    }

    @Test
    void aPlaintextClientGetsNothingAndIsNeverAccepted() throws Exception {
        OneClientServer server = tlsServer();
        try (Socket plain = rawConnect(server.port())) {
            send(plain, "MOVE 12.5\r\n");
            InputStream in = plain.getInputStream();
            try {
                // Whatever comes back is the end of a failed TLS handshake, never an answer in plain text.
                byte[] got = in.readAllBytes();
                assertFalse(new String(got, java.nio.charset.StandardCharsets.ISO_8859_1).contains("MOVE"));
            } catch (SocketException reset) {
                assertTrue(String.valueOf(reset.getMessage()).contains("reset"), reset.toString());
            }
        }
        assertFalse(server.connected(), "a plaintext client is never a connected client");
        // The server still serves a proper TLS client afterwards.
        Client client = deploy(new Client(tlsClient(server.port(), true)));
        await(server.connectedFuture());
        await(client.writeStr("ping"));
        assertEquals("ping", await(server.readStr()));
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsToStart() throws Exception {
        OneClientServer server = tlsServer();
        Client client = new Client(tlsClient(server.port(), false));
        awaitFailure(vertx.deployVerticle(client), SSLHandshakeException.class);
        assertFalse(client.connected());
        assertFalse(server.connected(), "the server never saw a connected client");
        await(client.close());
    }

    @Test
    void aTlsClientToAServerThatNeverAnswersTheHandshakeFailsAfterTheHandshakeTimeout() throws Exception {
        // A plaintext server accepts and never answers: the handshake timeout (Vert.x's default is 10 s)
        // bounds the wait, so start fails instead of hanging.
        OneClientServer server = deploy(new OneClientServer(new ServerOptions()
            .setMonitorConnectionInterval(Duration.ZERO)));
        ClientOptions options = tlsClient(server.port(), true);
        options.getNetClientOptions().setSslHandshakeTimeout(1).setSslHandshakeTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
        Client client = new Client(options);
        awaitFailure(vertx.deployVerticle(client), javax.net.ssl.SSLException.class);
        await(client.close());
    }
}
