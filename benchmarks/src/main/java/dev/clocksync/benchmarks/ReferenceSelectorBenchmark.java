package dev.clocksync.benchmarks;

import dev.clocksync.core.reference.Candidate;
import dev.clocksync.core.reference.ReferenceSelector;
import dev.clocksync.core.reference.ReferenceStrategy;
import dev.clocksync.core.reference.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One round's reference selection over n candidates, a few of them falsetickers hours off. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReferenceSelectorBenchmark {

    // The daemon's defaults (clocksync.daemon.reference.gamma and max-delay).
    private static final long GAMMA_NANOS = 5_000_000L;
    private static final long MAX_DELAY_NANOS = 50_000_000L;
    private static final long HOUR_NANOS = 3_600_000_000_000L;

    @Param({"GAMMA_CLUSTER", "MEDIAN", "MEAN", "INTERSECTION"})
    public ReferenceStrategy strategy;

    @Param({"10", "1000", "10000"})
    public int n;

    private ReferenceSelector selector;
    private List<Candidate> candidates;

    @Setup
    public void setUp() {
        selector = ReferenceSelector.of(strategy, GAMMA_NANOS, MAX_DELAY_NANOS);
        candidates = candidates(n, new SplittableRandom(42));
    }

    /**
     * Honest offsets within +/-300 us of each other, round trips of 100 us plus exponential queueing,
     * falsetickers hours off (one in twenty, at least one), and one sample too slow to vote.
     */
    static List<Candidate> candidates(int n, SplittableRandom random) {
        int falsetickers = Math.max(1, n / 20);
        List<Candidate> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long delay = 100_000L + (long) (150_000 * random.nextExponential());
            long offset = i < falsetickers
                    ? (random.nextBoolean() ? 1 : -1) * random.nextLong(1, 6) * HOUR_NANOS
                    : random.nextLong(-300_000L, 300_001L);
            if (i == falsetickers) {
                delay = 2 * MAX_DELAY_NANOS;
            }
            result.add(new Candidate("agent-" + i, offset, delay));
        }
        // The selectors must not depend on order; a shuffled list keeps them honest here too.
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            result.set(j, result.set(i, result.get(j)));
        }
        return List.copyOf(result);
    }

    @Benchmark
    public Selection select() {
        return selector.select(candidates);
    }
}
