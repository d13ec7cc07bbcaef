package dev.tcpip.tasks;

import dev.tcpip.tasks.counter.CounterTasks;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS through Vert.x's own options (TaskServerOptions.setNetServerOptions, TaskClientOptions.setNetClientOptions). */
class TaskServerTlsTest extends TaskServerTest {
    // Deprecated for removal in Vert.x 5.1, with no replacement in vertx-core; it works on Java 17 and 25.
    @SuppressWarnings("removal")
    private final SelfSignedCertificate made = SelfSignedCertificate.create("localhost");

    @AfterEach
    void deleteCertificate() {
        made.delete();
    }

    @Test
    void aTlsClientIsServedAndAPlaintextRequestRunsNothing() throws Exception {
        String token = TaskTokens.create();
        TaskServer server = start(new CounterTasks(), new TaskServerOptions().setToken(token)
            .setNetServerOptions(new NetServerOptions().setSsl(true).setKeyCertOptions(
                new PemKeyCertOptions().setCertPath(made.certificatePath()).setKeyPath(made.privateKeyPath()))));

        TaskClient plain = TaskClient.create(vertx, new TaskClientOptions().setPort(server.port()).setToken(token)
            .setResponseTimeout(Duration.ofSeconds(5)));
        Future<TaskReply> refused = plain.initialize(new JsonObject(), true);
        await("the plaintext request ends", refused.transform(ar -> Future.succeededFuture()));
        assertTrue(refused.failed(), "a plaintext client gets no reply: " + refused.result());

        TaskClient tls = TaskClient.create(vertx, new TaskClientOptions().setHost("localhost").setPort(server.port())
            .setToken(token).setNetClientOptions(new NetClientOptions().setSsl(true)
                .setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(new PemTrustOptions().addCertPath(made.certificatePath()))));
        assertEquals(TaskReply.okMessage("Initialization successful."),
            await("INIT over TLS", tls.initialize(new JsonObject(), true)), "the plaintext INIT ran nothing");
        assertEquals(TaskReply.ok(new JsonObject().put("request_count", 1).put("value", 1000).put("status", "Exited.")),
            await("EXIT over TLS", tls.terminate(new JsonObject(), true)));
    }

    @Test
    void theOptionsCarryVertxsOwnInJsonButNeverShowAPasswordInToString() {
        TaskServerOptions server = new TaskServerOptions().setNetServerOptions(new NetServerOptions().setSsl(true)
            .setKeyCertOptions(new JksOptions().setPath("server.jks").setPassword("store-password")));
        assertTrue(new TaskServerOptions(server.toJson()).getNetServerOptions().isSsl());
        assertFalse(server.toString().contains("store-password"), server.toString());
        assertTrue(server.toString().contains("\"tls\":true"), server.toString());
        TaskClientOptions client = new TaskClientOptions().setNetClientOptions(new NetClientOptions().setSsl(true)
            .setTrustOptions(new JksOptions().setPath("trust.jks").setPassword("trust-password")));
        assertTrue(new TaskClientOptions(client.toJson()).getNetClientOptions().isSsl());
        assertFalse(client.toString().contains("trust-password"), client.toString());
        assertEquals(client.toJson(), new TaskClientOptions(client).toJson());
    }
}
