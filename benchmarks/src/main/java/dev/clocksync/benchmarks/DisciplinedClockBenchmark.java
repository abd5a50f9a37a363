package dev.clocksync.benchmarks;

import dev.clocksync.core.clock.ClockPolicy;
import dev.clocksync.core.clock.CorrectionKind;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.time.HostOscillator;
import dev.clocksync.core.time.TimeSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An agent's clock on the host oscillator and the system clocks, as in production: reading it
 * (every probe and every application request) and applying a correction (once per round).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DisciplinedClockBenchmark {

    private DisciplinedClock clock;
    private long correctionNanos = 40_000L;

    @Setup
    public void setUp() {
        TimeSource system = TimeSource.system();
        clock = new DisciplinedClock(new HostOscillator(system), system, ClockPolicy.defaults());
        // Past the makestep limit, as in steady state: corrections are slewed and update the frequency.
        for (int i = 0; i < ClockPolicy.defaults().makestepLimit() + 1; i++) {
            clock.apply(1_000L, 50_000L, false);
        }
    }

    @Benchmark
    public long nowNanos() {
        return clock.nowNanos();
    }

    @Benchmark
    public CorrectionKind apply() {
        // Alternating signs keep the frequency compensation near zero however long the run.
        correctionNanos = -correctionNanos;
        return clock.apply(correctionNanos, 60_000L, false);
    }
}
