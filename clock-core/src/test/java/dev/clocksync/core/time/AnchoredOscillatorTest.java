package dev.clocksync.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnchoredOscillatorTest {

    @Test
    void itStartsAtTheRealTimeClockAndThenFollowsTheMonotonicOneOnly() {
        ManualTimeSource host = new ManualTimeSource(1_800_000_000_000_000_000L, -42_000L);
        AnchoredOscillator oscillator = new AnchoredOscillator(host);
        assertThat(oscillator.readNanos()).isEqualTo(1_800_000_000_000_000_000L);

        host.advance(Duration.ofSeconds(3));
        assertThat(oscillator.readNanos()).isEqualTo(1_800_000_003_000_000_000L);

        host.stepEpoch(Duration.ofSeconds(-45).toNanos()); // the node's time daemon steps its clock
        host.advance(Duration.ofSeconds(1));
        assertThat(oscillator.readNanos()).as("unaffected by the step").isEqualTo(1_800_000_004_000_000_000L);
    }
}
