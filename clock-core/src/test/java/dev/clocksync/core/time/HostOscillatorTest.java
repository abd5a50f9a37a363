package dev.clocksync.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostOscillatorTest {

    private static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    @Test
    void readsTheHostRealTimeClockIncludingItsSteps() {
        ManualTimeSource host = new ManualTimeSource(START);
        HostOscillator oscillator = new HostOscillator(host);
        assertThat(oscillator.readNanos()).isEqualTo(START);

        host.advance(1_500);
        host.stepEpoch(-3_000_000_000L);

        assertThat(oscillator.readNanos()).isEqualTo(START + 1_500 - 3_000_000_000L);
    }
}
