package dev.tcpip.bench.load;

import dev.tcpip.core.reconnect.ReconnectPolicy;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The endpoints mode ({@code --only endpoints}), in the load program's own JVM: messages per second from a
 * {@code ClientSender} to a {@code ServerReceiver} (h) against a raw Vert.x line pair (i), and against the same
 * raw pair with a sender that gathers 64 KiB per write (j, a ceiling), 64-byte and 1 KiB messages, the pairs
 * taking turns round after round; then the time from a server restart to the first
 * message through it, for each reconnect delay of {@code --restart-delays}, with the server gone for no time
 * and for two initial delays. See {@link LinePairs} and {@link RestartTimer}.
 */
final class EndpointBench {
    /** Bytes of a short message on the wire, CR LF included. */
    static final int SMALL_BYTES = 64;
    /** Bytes of a large message on the wire, CR LF included. */
    static final int LARGE_BYTES = 1024;
    /** How long the server stays gone in the restart runs, in initial delays of the policy. */
    static final int[] GAPS_IN_DELAYS = {0, 2};

    private final LoadOptions options;
    private final Results results;
    private final PrintStream progress;

    private EndpointBench(LoadOptions options, Results results, PrintStream progress) {
        this.options = options;
        this.results = results;
        this.progress = progress;
    }

    /**
     * Runs the mode as the options say (the pairs of {@code --only}, the counts, rounds and delays), adding
     * its figures and errors to {@code results}.
     *
     * @param options  the command line
     * @param results  where the figures and errors go
     * @param progress where progress lines go (stderr)
     */
    static void run(LoadOptions options, Results results, PrintStream progress) {
        new EndpointBench(options, results, progress).run();
    }

    private void run() {
        List<ServerKind> kinds = new java.util.ArrayList<>();
        for (ServerKind k : new ServerKind[] {ServerKind.QUEUE, ServerKind.VERTX, ServerKind.GATHERED}) {
            if (options.runs(k)) {
                kinds.add(k);
            }
        }
        if (kinds.isEmpty()) {
            return;
        }
        Vertx vertx = Vertx.vertx();
        try {
            throughput(vertx, kinds);
        } finally {
            close(vertx);
        }
        if (kinds.contains(ServerKind.QUEUE)) {
            for (Duration delay : options.restartDelays()) {
                restarts(delay);
            }
        }
    }

    // ---------------------------------------------------------------- throughput

    private void throughput(Vertx vertx, List<ServerKind> kinds) {
        Map<ServerKind, LinePairs.LinePair> pairs = new EnumMap<>(ServerKind.class);
        List<Context> contexts = null;
        long[] threads = null;
        try {
            for (ServerKind kind : kinds) {
                try {
                    progress.println("connecting " + kind.title());
                    if (contexts == null) {
                        contexts = LinePairs.eventLoops(vertx, 2);
                        threads = new long[] {threadId(contexts.get(0)), threadId(contexts.get(1))};
                    }
                    pairs.put(kind, kind == ServerKind.QUEUE ? LinePairs.QueuePair.open(vertx, contexts.get(0), contexts.get(1))
                        : LinePairs.VertxPair.open(vertx, contexts.get(0), contexts.get(1),
                            kind == ServerKind.VERTX ? 0 : LinePairs.VertxPair.GATHER_BYTES));
                } catch (LoadException e) {
                    fail("endpoints " + kind.title() + ": " + e.getMessage());
                }
            }
            int[] sizes = {SMALL_BYTES, LARGE_BYTES};
            for (int bytes : sizes) {
                LineMessages messages = new LineMessages(bytes);
                long n = bytes == SMALL_BYTES ? options.messages() : options.largeMessages();
                for (int round = -options.warmup(); round < options.rounds(); round++) {
                    for (ServerKind kind : kinds) {
                        LinePairs.LinePair pair = pairs.get(kind);
                        if (pair == null) {
                            continue; // failed earlier
                        }
                        try {
                            measure(kind, pair, messages, n, round, threads);
                        } catch (LoadException e) {
                            fail("endpoints " + kind.title() + ", " + sizeName(bytes) + ": " + e.getMessage());
                            pairs.remove(kind).close();
                        }
                    }
                }
            }
        } finally {
            pairs.values().forEach(LinePairs.LinePair::close);
        }
    }

    private void measure(ServerKind kind, LinePairs.LinePair pair, LineMessages messages, long n, int round,
                         long[] threads) throws LoadException {
        long reads = HeapSampler.syscalls(false);
        long writes = HeapSampler.syscalls(true);
        long receiverCpu = cpuNanos(threads[0]);
        long senderCpu = cpuNanos(threads[1]);
        long nanos = pair.run(messages, n, TimeUnit.SECONDS.toNanos(Math.max(60, n / 20_000)));
        long receiverCpuAfter = cpuNanos(threads[0]);
        long senderCpuAfter = cpuNanos(threads[1]);
        long readsAfter = HeapSampler.syscalls(false);
        long writesAfter = HeapSampler.syscalls(true);
        double rate = n * 1e9 / nanos;
        double mbs = rate * messages.wireBytes() / 1e6;
        String size = sizeName(messages.wireBytes());
        double receiverPerMessage = receiverCpu < 0 || receiverCpuAfter < 0 ? -1 : (double) (receiverCpuAfter - receiverCpu) / n;
        double senderPerMessage = senderCpu < 0 || senderCpuAfter < 0 ? -1 : (double) (senderCpuAfter - senderCpu) / n;
        progress.println(String.format(Locale.ROOT, "%s endpoints %s, %s: %s messages/s, %.1f MB/s; CPU per message:"
                + " receiver %.0f ns, sender %.0f ns", roundName(round), kind.title(), size, Report.rate(rate), mbs,
            receiverPerMessage, senderPerMessage));
        if (round < 0) {
            return;
        }
        String prefix = size + ": ";
        results.add(Mode.ENDPOINTS, kind, prefix + Results.MESSAGES, rate);
        results.add(Mode.ENDPOINTS, kind, prefix + Results.MBS, mbs);
        if (reads >= 0 && readsAfter >= reads) {
            results.add(Mode.ENDPOINTS, kind, prefix + Results.PROCESS_READS, (double) (readsAfter - reads) / n);
        }
        if (writes >= 0 && writesAfter >= writes) {
            results.add(Mode.ENDPOINTS, kind, prefix + Results.PROCESS_WRITES, (double) (writesAfter - writes) / n);
        }
        if (receiverPerMessage >= 0 && senderPerMessage >= 0) {
            results.add(Mode.ENDPOINTS, kind, prefix + Results.RECEIVER_CPU, receiverPerMessage);
            results.add(Mode.ENDPOINTS, kind, prefix + Results.SENDER_CPU, senderPerMessage);
        }
    }

    /** The id of the thread a context runs on (an event loop's: always the same). */
    private static long threadId(Context context) throws LoadException {
        return LinePairs.onContext(context, () -> io.vertx.core.Future.succeededFuture(Thread.currentThread().getId()),
            "find an event loop's thread");
    }

    /** The CPU time a thread has used, or -1 where the JVM does not measure it. */
    private static long cpuNanos(long threadId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled() ? threads.getThreadCpuTime(threadId) : -1;
    }

    /** "64 B" or "1 KiB". */
    static String sizeName(int wireBytes) {
        return wireBytes % 1024 == 0 ? wireBytes / 1024 + " KiB" : wireBytes + " B";
    }

    // ---------------------------------------------------------------- restart

    private void restarts(Duration initialDelay) {
        ReconnectPolicy policy = ReconnectPolicy.defaults().withInitialDelay(initialDelay);
        Vertx vertx = Vertx.vertx();
        try (RestartTimer timer = RestartTimer.open(vertx, policy, LinePairs.eventLoops(vertx, 2))) {
            for (int gapDelays : GAPS_IN_DELAYS) {
                Duration gap = initialDelay.multipliedBy(gapDelays);
                String prefix = Results.restartPrefix(initialDelay.toMillis(), gap.toMillis());
                for (int round = -options.warmup(); round < options.rounds(); round++) {
                    RestartTimer.Restart r = timer.restart(gap);
                    progress.println(String.format(Locale.ROOT, "%s endpoints restart, initial delay %d ms, server down"
                            + " %d ms: first message %.1f ms after listening; loss to listening %.1f ms, retry %d after"
                            + " %.1f ms (nominal %.0f ms), connected %.1f ms later, first message %.1f ms after that;"
                            + " close took %.1f ms%s", roundName(round), initialDelay.toMillis(), gap.toMillis(),
                        r.restartToFirstMs, r.downMs, r.retry, r.delayInEffectMs, r.nominalDelayMs, r.attemptToConnectedMs,
                        r.connectedToFirstMs, r.closeMs, r.closingServerConnections == 0 ? ""
                            : ", " + r.closingServerConnections + " connection(s) to the closing server first")
                        + (r.bindRetries == 0 ? "" : ", the port bound at the " + (r.bindRetries + 1) + "th try"));
                    if (round >= 0) {
                        results.add(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + Results.RESTART_TO_FIRST, r.restartToFirstMs);
                        results.add(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + Results.DOWN, r.downMs);
                        results.add(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + Results.RETRY, r.retry);
                        results.add(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + Results.DELAY_IN_EFFECT, r.delayInEffectMs);
                        results.add(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + Results.NOMINAL_DELAY, r.nominalDelayMs);
                        results.add(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + Results.ATTEMPT_TO_CONNECTED, r.attemptToConnectedMs);
                        results.add(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + Results.CONNECTED_TO_FIRST, r.connectedToFirstMs);
                        results.add(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + Results.CLOSE, r.closeMs);
                        results.add(Mode.ENDPOINTS, ServerKind.QUEUE, prefix + Results.CLOSING_CONNECTIONS,
                            r.closingServerConnections);
                    }
                }
            }
        } catch (LoadException e) {
            fail("endpoints restart, initial delay " + initialDelay.toMillis() + " ms: " + e.getMessage());
        } finally {
            close(vertx);
        }
    }

    // ---------------------------------------------------------------- helpers

    private String roundName(int round) {
        return round < 0 ? "warm-up" : "round " + (round + 1) + "/" + options.rounds();
    }

    private void fail(String message) {
        results.error(message);
        progress.println("ERROR: " + message);
    }

    private void close(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            progress.println("warning: Vert.x did not close: " + e);
        }
    }
}
