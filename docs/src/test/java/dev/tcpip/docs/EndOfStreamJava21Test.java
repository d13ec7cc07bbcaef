package dev.tcpip.docs;

import dev.tcpip.core.IncompleteReadException;
import dev.tcpip.core.OneClientServer;
import dev.tcpip.core.ServerOptions;
import dev.tcpip.testsupport.RawSockets;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitNext;
import static dev.tcpip.testsupport.RawSockets.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java 21+ (virtual thread) example of docs/end-of-stream.md. */
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21+")
@ExtendWith(VertxExtension.class)
class EndOfStreamJava21Test {
    private static final Logger log = LoggerFactory.getLogger(EndOfStreamJava21Test.class);

    @Test
    void awaitThrowsIncompleteReadExceptionItself(Vertx vertx) throws Exception {
        BlockingQueue<Boolean> states = new LinkedBlockingQueue<>();
        OneClientServer server = EndOfStreamTest.deploy(vertx, new ServerOptions(), states);
        try (Socket peer = RawSockets.rawConnect(server.port())) {
            assertTrue(awaitNext(states));
            send(peer, "MOVE 1\r\nMOV");
        }
        String outcome = await(VirtualThreads.run(vertx, () -> {
            StringBuilder lines = new StringBuilder();
            // tag::eof-virtual-thread[]
            try {
                while (true) {
                    String line = server.readStr().await();
                    lines.append(line).append('|');
                }
            } catch (IncompleteReadException e) {               // thrown as it is, not wrapped
                log.info("connection lost; unfinished line: {}", e.partial());
            }
            // end::eof-virtual-thread[]
            return lines.toString();
        }));
        assertEquals("MOVE 1|", outcome);
        assertEquals(false, awaitNext(states));
    }
}
