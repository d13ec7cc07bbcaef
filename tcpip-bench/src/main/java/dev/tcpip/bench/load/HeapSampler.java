package dev.tcpip.bench.load;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Samples this JVM's heap every few milliseconds on a daemon thread and keeps the peaks: the heap in use
 * (garbage included, from {@link MemoryMXBean}) and the heap left after the last collection (the sum of
 * the heap pools' collection usage: the live data the collector could not free). Also reads the resident
 * set size from {@code /proc/self/status} where there is one.
 */
final class HeapSampler {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private static final Path PROC_IO = Path.of("/proc/self/io");

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .collect(Collectors.toList());
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heap-sampler");
        t.setDaemon(true);
        return t;
    });

    /**
     * Starts sampling.
     *
     * @param periodMillis the sampling period
     */
    void start(long periodMillis) {
        timer.scheduleAtFixedRate(this::sample, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        peakAfterGc.accumulateAndGet(afterGc(), Math::max);
        samples.incrementAndGet();
    }

    private long afterGc() {
        long sum = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            MemoryUsage u = pool.getCollectionUsage();
            if (u != null) {
                sum += u.getUsed();
            }
        }
        return sum;
    }

    /** Forgets the peaks (and the kernel's peak RSS, where it allows that). */
    void reset() {
        peakUsed.set(0);
        peakAfterGc.set(0);
        samples.set(0);
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not allowed: the peak RSS then counts from the start
        }
    }

    /**
     * @return one line: {@code STATS used=N peakUsed=N peakAfterGc=N maxHeap=N rss=N peakRss=N gcs=N samples=N
     *     syscr=N syscw=N} (bytes; syscr and syscw are this process's read and write system calls so far, from
     *     {@code /proc/self/io}; rss, peakRss, syscr and syscw are -1 where unknown)
     */
    String report() {
        sample();
        long gcs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
        }
        return "STATS used=" + memory.getHeapMemoryUsage().getUsed() + " peakUsed=" + peakUsed.get()
            + " peakAfterGc=" + peakAfterGc.get() + " maxHeap=" + Runtime.getRuntime().maxMemory()
            + " rss=" + procStatusBytes("VmRSS:") + " peakRss=" + procStatusBytes("VmHWM:")
            + " gcs=" + gcs + " samples=" + samples.get()
            + " syscr=" + syscalls(false) + " syscw=" + syscalls(true);
    }

    private static long procStatusBytes(String key) {
        return procValue(PROC_STATUS, key, 1024);
    }

    /**
     * @param write true for write system calls, false for reads
     * @return this process's read or write system calls so far, or -1 where {@code /proc/self/io} does not tell
     */
    static long syscalls(boolean write) {
        return procValue(PROC_IO, write ? "syscw:" : "syscr:", 1);
    }

    /** The number after {@code key} in a /proc file, times {@code unit}; -1 if there is none. */
    private static long procValue(Path file, String key, long unit) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * unit;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
