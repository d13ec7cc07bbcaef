package dev.tcpip.bench.load;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;

/**
 * Runs the JMH struct codec benchmarks (javolution path against the hand-written codec, one Sample32 per
 * operation) from the load program, so that the codec target is measured in the same run as the rest.
 * JMH's own output is silenced; the results go to {@link Results#codec}.
 */
final class CodecBench {
    /** The benchmarks run: encode and decode, each through tcpip-struct and by hand. */
    static final String INCLUDE = "dev\\.tcpip\\.bench\\.jmh\\.StructCodecBenchmark\\.(encode|decode)(Javolution|Hand)$";

    private CodecBench() {
    }

    /**
     * @param smoke   true for a seconds-long run in this JVM (CI), false for a forked JVM with JMH's
     *                usual warm-up (3 x 1 s) and measurement (5 x 1 s)
     * @param results where the scores go
     */
    static void run(boolean smoke, Results results) {
        ChainedOptionsBuilder options = new OptionsBuilder()
            .include(INCLUDE)
            .verbosity(VerboseMode.SILENT)
            .shouldFailOnError(true);
        if (smoke) {
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        } else {
            options.forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> runs;
        try {
            runs = new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (runs.isEmpty()) {
            throw new IllegalStateException("no benchmark matched " + INCLUDE);
        }
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            results.codec(method, run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError());
        }
    }
}
