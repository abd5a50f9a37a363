package dev.clocksync.daemon.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DelayFilterTest {

    @Test
    void firstSampleOfAnAgentPasses() {
        assertThat(new DelayFilter(3, 0, 8).accept("a", 5_000_000)).isTrue();
    }

    @Test
    void sampleSlowerThanRatioTimesTheRecentShortestIsRefused() {
        DelayFilter filter = new DelayFilter(3, 0, 8);
        filter.accept("a", 300_000);
        filter.accept("a", 200_000);
        assertThat(filter.accept("a", 600_000)).isTrue();
        assertThat(filter.accept("a", 600_001)).isFalse();
        assertThat(filter.accept("b", 600_001)).as("agents are judged apart").isTrue();
    }

    @Test
    void smallExcessOverTheShortestPassesWhateverTheRatio() {
        DelayFilter filter = new DelayFilter(3, 500_000, 8);
        filter.accept("a", 50_000);
        assertThat(filter.accept("a", 550_000)).as("10x, but only 500 us more").isTrue();
        assertThat(filter.accept("a", 550_001)).isFalse();
    }

    @Test
    void lastingSlowerPathIsAcceptedOnceTheWindowHasForgottenTheFastOne() {
        DelayFilter filter = new DelayFilter(2, 0, 4);
        filter.accept("a", 100_000);
        int refused = 0;
        while (!filter.accept("a", 1_000_000)) {
            refused++;
        }
        assertThat(refused).isEqualTo(4);
    }

    @Test
    void agentsThatLeftAreForgotten() {
        DelayFilter filter = new DelayFilter(3, 0, 8);
        filter.accept("a", 100_000);
        filter.retainOnly(List.of("b"));
        assertThat(filter.accept("a", 10_000_000)).isTrue();
    }

    @Test
    void ratioBelowOneIsRejected() {
        assertThatThrownBy(() -> new DelayFilter(0.5, 0, 8)).isInstanceOf(IllegalArgumentException.class);
    }
}
