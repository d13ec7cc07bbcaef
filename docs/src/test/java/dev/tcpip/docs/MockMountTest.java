package dev.tcpip.docs;

// tag::testing-raw-socket[]
import dev.tcpip.core.ServerOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)                                  // a fresh Vertx per test, closed after it
class MockMountTest {
    @Test
    void moveThenReportThePosition(Vertx vertx) throws Exception {
        MockMount mount = new MockMount(new ServerOptions());       // 127.0.0.1, port 0: any free port
        vertx.deployVerticle(mount).await(10, TimeUnit.SECONDS);    // JUnit's own thread may block

        try (Socket csc = new Socket("127.0.0.1", mount.port())) {
            csc.setSoTimeout(10_000);                               // a deadline for every read
            BufferedReader in = new BufferedReader(
                new InputStreamReader(csc.getInputStream(), StandardCharsets.UTF_8));
            csc.getOutputStream().write("MOVE 120.5 45\r\nPOS?\r\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("OK", in.readLine());
            assertEquals("120.5 45.0", in.readLine());
        }
    }
}
// end::testing-raw-socket[]
