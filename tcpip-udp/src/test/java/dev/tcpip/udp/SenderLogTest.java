package dev.tcpip.udp;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SenderLogTest {
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void oneLinePerSenderPerInterval() {
        SenderLog log = new SenderLog(MINUTE);
        SocketAddress a = SocketAddress.inetSocketAddress(1000, "127.0.0.1");
        assertTrue(log.shouldLog(a));
        assertFalse(log.shouldLog(a));
        assertTrue(log.shouldLog(SocketAddress.inetSocketAddress(1001, "127.0.0.1")));
    }

    @Test
    void manySendersTogetherGetAtMostTheOverallLimitPerInterval() {
        SenderLog log = new SenderLog(MINUTE);
        int logged = 0;
        for (int port = 1; port <= 5000; port++) {
            if (log.shouldLog(SocketAddress.inetSocketAddress(port, "127.0.0.1"))) {
                logged++;
            }
        }
        assertEquals(SenderLog.MAX_LINES, logged, "a flood from forged sources cannot flood the log");
    }

    @Test
    void aZeroIntervalLogsEveryTime() {
        SenderLog log = new SenderLog(0);
        SocketAddress a = SocketAddress.inetSocketAddress(1000, "127.0.0.1");
        assertTrue(log.shouldLog(a));
        assertTrue(log.shouldLog(a));
    }
}
