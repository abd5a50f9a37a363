package dev.clocksync.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clocksync.core.reference.ReferenceStrategy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness runs in fake time in well under a second; these check that its report means something. */
class PrecisionHarnessTest {

    private static final HarnessOptions ONE_FALSETICKER =
            HarnessOptions.parse("--agents", "7", "--falsetickers", "1", "--rounds", "30", "--seed", "7", "--trace");

    @Test
    void reportNamesTheSeedAndEveryStrategy() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrecisionHarness.run(ONE_FALSETICKER, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("seed 7", "7 agents (1 falsetickers)");
        for (ReferenceStrategy strategy : ReferenceStrategy.values()) {
            assertThat(report).containsPattern("(?m)^" + strategy + "\\s+(\\d+ rnd|never)");
        }
    }

    @Test
    void sameSeedSameFiguresOtherSeedOtherFigures() {
        List<StrategyResult> first = quietly(ONE_FALSETICKER);
        List<StrategyResult> again = quietly(ONE_FALSETICKER);
        List<StrategyResult> other =
                quietly(HarnessOptions.parse("--agents", "7", "--falsetickers", "1", "--rounds", "30", "--seed", "8"));

        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).spreadsNanos()).containsExactly(first.get(i).spreadsNanos());
            assertThat(other.get(i).spreadsNanos()).isNotEqualTo(first.get(i).spreadsNanos());
        }
    }

    @Test
    void faultTolerantStrategiesConvergeAndTheMeanIsDraggedByTheFalseticker() {
        List<StrategyResult> results = quietly(ONE_FALSETICKER);

        for (StrategyResult result : results) {
            if (result.strategy() == ReferenceStrategy.MEAN) {
                assertThat(Math.abs(result.clusterOffsetNanos()))
                        .as("the hours-off clock moves the mean by minutes at least")
                        .isGreaterThan(60e9);
            } else {
                assertThat(result.roundsToStayConverged()).isPresent();
                assertThat(result.roundsToStayConverged().getAsInt()).isLessThanOrEqualTo(3);
                // Each offset is wrong by at most half a round trip: a few hundred microseconds here.
                assertThat(result.worstSteadySpreadNanos()).isPresent();
                assertThat(result.worstSteadySpreadNanos().getAsLong()).isLessThan(1_000_000L);
            }
        }
    }

    @Test
    void badArgumentsAreRefusedWithAReason() {
        assertThatThrownBy(() -> HarnessOptions.parse("--agents", "3", "--falsetickers", "3"))
                .hasMessageContaining("--falsetickers");
        assertThatThrownBy(() -> HarnessOptions.parse("--rounds", "many")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> HarnessOptions.parse("--strategies", "VOTE")).hasMessageContaining("VOTE");
        assertThatThrownBy(() -> HarnessOptions.parse("--seed")).hasMessageContaining("needs a value");
    }

    private static List<StrategyResult> quietly(HarnessOptions options) {
        return PrecisionHarness.run(options, new PrintStream(PrintStream.nullOutputStream()));
    }
}
