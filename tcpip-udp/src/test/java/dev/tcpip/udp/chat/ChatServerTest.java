package dev.tcpip.udp.chat;

import dev.tcpip.core.codec.PayloadCodec;
import dev.tcpip.udp.DatagramClient;
import dev.tcpip.udp.DatagramOptions;
import dev.tcpip.udp.UdpTest;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.time.Duration;
import java.util.List;

import static dev.tcpip.testsupport.Await.await;
import static dev.tcpip.testsupport.Await.awaitCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The chat protocol of python-easyservers' example, spoken by plain datagram sockets. */
class ChatServerTest extends UdpTest {
    private ChatServer chat;

    private int start(Duration pingInterval, int maxMissed) throws Exception {
        chat = new ChatServer(vertx, new DatagramOptions(), pingInterval, maxMissed);
        return await(chat.start());
    }

    @AfterEach
    void closeChat() throws Exception {
        if (chat != null) {
            await(chat.close());
        }
    }

    private List<String> users() {
        try {
            return await(chat.users());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private DatagramSocket join(int port, String name) throws Exception {
        DatagramSocket user = peer();
        send(user, port, "JOIN " + name);
        assertEquals("JOK", receive(user));
        return user;
    }

    @Test
    void twoUsersChatToAllAndPrivately() throws Exception {
        int port = start(Duration.ofMinutes(1), 3);
        DatagramSocket alice = join(port, "alice");
        DatagramSocket bob = join(port, "bob");
        send(alice, port, "MSGA hello  everyone");
        assertEquals("(alice) hello  everyone", receive(alice));
        assertEquals("(alice) hello  everyone", receive(bob));
        send(bob, port, "MSGP (alice) just you");
        assertEquals("(bob) just you", receive(alice));
        assertEquals("(bob) just you", receive(bob));
        assertEquals(List.of("alice", "bob"), await(chat.users()));
    }

    @Test
    void aNameAlreadyTakenIsRefused() throws Exception {
        int port = start(Duration.ofMinutes(1), 3);
        join(port, "alice");
        DatagramSocket other = peer();
        send(other, port, "JOIN alice");
        assertEquals("JERR NAME TAKEN", receive(other));
        send(other, port, "JOIN");
        assertEquals("ERR NO NAME", receive(other));
        DatagramSocket bob = join(port, "bob");
        send(bob, port, "JOIN bob");
        assertEquals("JOK", receive(bob), "the same JOIN again, as after a lost JOK");
        send(bob, port, "JOIN robert");
        assertEquals("JERR ALREADY JOINED", receive(bob));
    }

    @Test
    void aPrivateMessageToAnUnknownNameIsAnErrorToTheSender() throws Exception {
        int port = start(Duration.ofMinutes(1), 3);
        DatagramSocket alice = join(port, "alice");
        send(alice, port, "MSGP (carol) hi");
        assertEquals("ERR UNKNOWN USER carol", receive(alice));
        send(alice, port, "MSGP carol hi");
        assertEquals("ERR BAD MSGP", receive(alice));
        send(alice, port, "DANCE");
        assertEquals("ERR UNKNOWN COMMAND", receive(alice));
        send(alice, port, "MSGP () nobody");
        assertEquals("ERR BAD MSGP", receive(alice));
    }

    @Test
    void anAddressThatHasNotJoinedGetsErrNotJoinedAndExitRemovesTheSender() throws Exception {
        int port = start(Duration.ofMinutes(1), 3);
        DatagramSocket stranger = peer();
        send(stranger, port, "MSGA hi");
        assertEquals("ERR NOT JOINED", receive(stranger));
        DatagramSocket alice = join(port, "alice");
        send(alice, port, "EXIT");
        awaitCondition("alice left", () -> users().isEmpty());
        send(alice, port, "MSGA still here?");
        assertEquals("ERR NOT JOINED", receive(alice));
    }

    @Test
    void aUserThatStopsAnsweringPingIsDroppedAfterTheConfiguredCountAndOneThatAnswersStays() throws Exception {
        int port = start(Duration.ofMillis(50), 2);
        DatagramSocket silent = join(port, "silent");
        DatagramClient<String> alive = started(DatagramClient.create(vertx, new DatagramOptions(), PayloadCodec.string(),
            (message, sender, reply) -> {
                if (message.equals("PING")) {
                    reply.send("PONG", sender);
                }
            }));
        await(alive.send("JOIN alive", SocketAddress.inetSocketAddress(port, "127.0.0.1")));
        awaitCondition("alive joined", () -> List.of("silent", "alive").equals(users()));
        for (int i = 1; i <= 3; i++) {
            assertEquals("PING", receive(silent), "ping " + i);   // the third makes three unanswered: more than 2
        }
        awaitCondition("silent dropped", () -> List.of("alive").equals(users()));
        awaitCondition("alive answered several pings", () -> alive.sentDatagrams() >= 4);
        assertEquals(List.of("alive"), await(chat.users()));
    }

    @Test
    void commandsFromALineBasedToolWithATrailingNewlineWork() throws Exception {
        int port = start(Duration.ofMinutes(1), 3);
        DatagramSocket user = peer();
        send(user, port, "JOIN nc\n");
        assertEquals("JOK", receive(user));
        send(user, port, "MSGA hi there\r\n");
        assertEquals("(nc) hi there", receive(user));
        send(user, port, "EXIT\n");
        awaitCondition("left", () -> users().isEmpty());
    }

    @Test
    void emptyGarbageAndOversizeDatagramsNeverCrashIt() throws Exception {
        int port = start(Duration.ofMinutes(1), 3);
        DatagramSocket user = peer();
        send(user, port, new byte[0]);
        assertEquals("ERR NOT JOINED", receive(user));
        send(user, port, new byte[] {(byte) 0xFF, (byte) 0xFE});
        send(user, port, new byte[5000]);
        DatagramSocket alice = join(port, "alice");
        send(alice, port, "");
        assertEquals("ERR UNKNOWN COMMAND", receive(alice));
        assertEquals(1, chat.server().oversizeDatagrams());
        assertEquals(1, chat.server().undecodableDatagrams());
    }
}
