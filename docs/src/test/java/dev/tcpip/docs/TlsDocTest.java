package dev.tcpip.docs;

import dev.tcpip.core.Client;
import dev.tcpip.core.ClientOptions;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.tcpip.testsupport.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The TLS example of docs/connecting.md. */
@ExtendWith(VertxExtension.class)
class TlsDocTest {

    @Test
    void aTlsServerAndClientTalkThroughTheirOptions(Vertx vertx) throws Exception {
        // Deprecated for removal in Vert.x 5.1, with no replacement in vertx-core; it works on Java 17 and 25.
        @SuppressWarnings("removal")
        SelfSignedCertificate made = SelfSignedCertificate.create("localhost");
        try {
            String certPath = made.certificatePath();
            String keyPath = made.privateKeyPath();
            // tag::tls[]
            OneClientServer server = new OneClientServer(new ServerOptions()
                .setNetServerOptions(new NetServerOptions()
                    .setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certPath).setKeyPath(keyPath))));
            Future<Client> client = vertx.deployVerticle(server).compose(id -> {
                Client c = new Client(new ClientOptions()
                    .setHost("localhost").setPort(server.port())
                    .setNetClientOptions(new NetClientOptions()
                        .setSsl(true)
                        .setHostnameVerificationAlgorithm("HTTPS")                  // check the name too
                        .setTrustOptions(new PemTrustOptions().addCertPath(certPath))));
                return vertx.deployVerticle(c).map(ignored -> c);                   // fails if not trusted
            });
            // end::tls[]
            Client c = await(client);
            await(server.connectedFuture());
            await(c.writeStr("MOVE 12.5"));
            assertEquals("MOVE 12.5", await(server.readStr()));
        } finally {
            made.delete();
        }
    }
}
