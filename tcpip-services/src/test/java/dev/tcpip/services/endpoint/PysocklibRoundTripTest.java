package dev.tcpip.services.endpoint;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pysocklib's integration tests (test_client_and_server), on our endpoints. */
class PysocklibRoundTripTest extends EndpointTest {
    @Test
    void serverSenderToClientReceiverHelloAndWorldArriveInOrder() throws Exception {
        ServerSender<String> server = started(ServerSender.create(vertx, serverOptions()));
        ClientReceiver<String> client = started(ClientReceiver.create(vertx, clientOptions(server.port())));
        assertTrue(server.offer("Hello", WAIT));
        assertTrue(server.offer("World", WAIT));
        assertEquals(List.of("Hello", "World"), take(client, 2));
    }

    @Test
    void clientSenderToServerReceiverHelloAndWorldArriveInOrder() throws Exception {
        ServerReceiver<String> server = started(ServerReceiver.create(vertx, serverOptions()));
        ClientSender<String> client = started(ClientSender.create(vertx, clientOptions(server.port())));
        assertTrue(client.offer("Hello", WAIT));
        assertTrue(client.offer("World", WAIT));
        assertEquals(List.of("Hello", "World"), take(server, 2));
    }

    @Test
    void clientAndServerExchangeTwoMessagesEachWayAllFourInOrder() throws Exception {
        Server<String> server = started(Server.create(vertx, serverOptions()));
        Client<String> client = started(Client.create(vertx, clientOptions(server.port())));
        client.offer("c1", WAIT);
        server.offer("s1", WAIT);
        client.offer("c2", WAIT);
        server.offer("s2", WAIT);
        assertEquals(List.of("c1", "c2"), take(server, 2));
        assertEquals(List.of("s1", "s2"), take(client, 2));
    }
}
