package dev.clocksync.benchmarks;

import dev.clocksync.core.exchange.ClockFilter;
import dev.clocksync.core.exchange.Exchange;
import dev.clocksync.core.exchange.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The minimum-delay filter over one probe's 8 exchanges. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClockFilterBenchmark {

    private static final int EXCHANGES = 8;

    private List<Exchange> exchanges;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        MeasurementModel model = new MeasurementModel(random);
        long t1 = 1_767_225_600_000_000_000L;
        List<Exchange> list = new ArrayList<>(EXCHANGES);
        for (int i = 0; i < EXCHANGES; i++) {
            list.add(model.exchange(t1, 1_234_567L));
            t1 += 1_000_000L;
        }
        exchanges = List.copyOf(list);
    }

    @Benchmark
    public Optional<Sample> minimumDelay() {
        return ClockFilter.minimumDelay(exchanges);
    }
}
