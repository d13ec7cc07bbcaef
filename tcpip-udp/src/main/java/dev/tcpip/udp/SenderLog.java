package dev.tcpip.udp;

import io.vertx.core.net.SocketAddress;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Says whether to log about a sender now: at most once per interval per sender, so that a flood from one
 * sender costs one log line per interval. Remembers the last 1024 senders (a flood of forged sources cannot
 * grow it). Confined to the endpoint's context.
 */
final class SenderLog {
    private static final int MAX_SENDERS = 1024;

    private final long intervalNanos;
    private final Map<SocketAddress, Long> last = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SocketAddress, Long> eldest) {
            return size() > MAX_SENDERS;
        }
    };

    SenderLog(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    boolean shouldLog(SocketAddress sender) {
        long now = System.nanoTime();
        Long before = last.get(sender);
        if (before != null && now - before < intervalNanos) {
            return false;
        }
        last.put(sender, now);
        return true;
    }
}
