package dev.clocksync.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentDelaysTest {

    @Test
    void theFirstSamplePasses() {
        assertThat(new RecentDelays(3, 0, 8).admit(5_000_000)).isTrue();
    }

    @Test
    void aSampleSlowerThanRatioTimesTheRecentShortestFails() {
        RecentDelays delays = new RecentDelays(3, 0, 8);
        delays.admit(300_000);
        delays.admit(200_000);
        assertThat(delays.admit(600_000)).isTrue();
        assertThat(delays.admit(600_001)).isFalse();
    }

    @Test
    void aSmallExcessOverTheShortestPassesWhateverTheRatio() {
        RecentDelays delays = new RecentDelays(3, 500_000, 8);
        delays.admit(50_000);
        assertThat(delays.admit(550_000)).as("11x, but only 500 us more").isTrue();
        assertThat(delays.admit(550_001)).isFalse();
    }

    @Test
    void aLastingSlowerPathPassesOnceTheWindowHasForgottenTheFastOne() {
        RecentDelays delays = new RecentDelays(2, 0, 4);
        delays.admit(100_000);
        for (int i = 0; i < 4; i++) {
            assertThat(delays.admit(1_000_000)).as("slow sample %d", i + 1).isFalse();
        }
        assertThat(delays.admit(1_000_000)).isTrue();
    }

    @Test
    void theWindowKeepsTheLatestSamplesInOrder() {
        RecentDelays delays = new RecentDelays(2, 0, 3);
        delays.admit(100);
        delays.admit(400);
        delays.admit(400);
        delays.admit(400); // the 100 has left the window
        assertThat(delays.admit(800)).isTrue();
        assertThat(delays.admit(801)).isFalse();
    }

    @Test
    void badSettingsAreRefusedWithTheirValues() {
        assertThatThrownBy(() -> new RecentDelays(0.5, 0, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ratio 0.5");
        assertThatThrownBy(() -> new RecentDelays(Double.NaN, 0, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentDelays(3, -1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentDelays(3, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEdgesOfTheSettingsAreAllowedRatioOneRemembersTheLastSampleOnly() {
        RecentDelays delays = new RecentDelays(1.0, 0, 1);

        assertThat(delays.admit(100)).isTrue();
        assertThat(delays.admit(100)).as("as fast as the shortest").isTrue();
        assertThat(delays.admit(101)).isFalse();
        assertThat(delays.admit(101))
                .as("the window of one has forgotten the 100")
                .isTrue();
    }
}
