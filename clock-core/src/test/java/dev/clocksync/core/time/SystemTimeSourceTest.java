package dev.clocksync.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SystemTimeSourceTest {

    private final TimeSource system = TimeSource.system();

    @Test
    void isOneSharedInstance() {
        assertThat(system).isNotNull().isSameAs(TimeSource.system());
    }

    @Test
    void realTimeIsTheJavaClockInNanosecondsSinceTheEpoch() {
        long before = nanosOf(Instant.now());
        long reading = system.epochNanos();
        long after = nanosOf(Instant.now());

        assertThat(reading).isBetween(before, after);
    }

    @Test
    void monotonicTimeIsSystemNanoTime() {
        long before = System.nanoTime();
        long reading = system.monotonicNanos();
        long after = System.nanoTime();

        // System.nanoTime only promises differences; compare as differences against overflow
        assertThat(reading - before).isNotNegative();
        assertThat(after - reading).isNotNegative();
    }

    private static long nanosOf(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
