package dev.tcpip.udp;

import io.vertx.core.net.SocketAddress;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Says whether to log about a sender now: at most once per interval per sender, so that a flood from one
 * sender costs one log line per interval, and at most {@value #MAX_LINES} lines per interval in all, so that a
 * flood from many (forged) senders does not flood the log either. Remembers the last 1024 senders (a flood
 * of forged sources cannot grow it). Confined to the endpoint's context.
 */
final class SenderLog {
    private static final int MAX_SENDERS = 1024;
    /** The most lines per interval, all senders together. */
    static final int MAX_LINES = 20;

    private final long intervalNanos;
    private final Map<SocketAddress, Long> last = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SocketAddress, Long> eldest) {
            return size() > MAX_SENDERS;
        }
    };

    private long windowStart = System.nanoTime();
    private int linesInWindow;

    SenderLog(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    boolean shouldLog(SocketAddress sender) {
        long now = System.nanoTime();
        Long before = last.get(sender);
        if (before != null && now - before < intervalNanos) {
            return false;
        }
        if (now - windowStart >= intervalNanos) {
            windowStart = now;
            linesInWindow = 0;
        }
        if (linesInWindow >= MAX_LINES) {
            return false;
        }
        linesInWindow++;
        last.put(sender, now);
        return true;
    }
}
