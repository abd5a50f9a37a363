package dev.clocksync.core.reference;

import static dev.clocksync.core.reference.GammaClusterSelectorTest.offsets;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeanSelectorTest {

    private static final long HOUR = 3_600_000_000_000L;
    private static final long GAMMA = 50_000;

    @Test
    void oneFalsetickerDragsTheMeanOutOfTheHonestRangeWhileRobustStrategiesHold() {
        List<Candidate> round = offsets(-10_000, 0, 10_000, 5_000, HOUR);

        long mean = reference(ReferenceStrategy.MEAN, round);

        assertThat(mean).isEqualTo((5_000 + HOUR) / 5); // a fifth of an hour off: 12 minutes
        assertThat(mean).isGreaterThan(10_000);
        assertThat(reference(ReferenceStrategy.MEDIAN, round)).isBetween(-10_000L, 10_000L);
        assertThat(reference(ReferenceStrategy.GAMMA_CLUSTER, round)).isBetween(-10_000L, 10_000L);
    }

    @Test
    void everyEligibleCandidateVotes() {
        Selection selection = ReferenceSelector.of(ReferenceStrategy.MEAN, GAMMA, 1_000)
                .select(List.of(
                        new Candidate("a", 1, 0), new Candidate("b", 2, 1_000), new Candidate("c", 900, 1_001)));

        assertThat(selection.referenceNanos()).hasValue(1); // floor(3 / 2); c is too slow
        assertThat(selection.count(Verdict.VOTING)).isEqualTo(2);
        assertThat(selection.verdicts()).containsEntry("c", Verdict.TOO_SLOW);
        assertThat(selection.majority()).isTrue();
    }

    @Test
    void meanIsExactWhereALongSumWouldOverflow() {
        long mean = reference(ReferenceStrategy.MEAN, offsets(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1));

        assertThat(mean).isEqualTo(Long.MAX_VALUE - 1); // floor(MAX - 1/3)
    }

    private static long reference(ReferenceStrategy strategy, List<Candidate> candidates) {
        return ReferenceSelector.of(strategy, GAMMA, 1_000)
                .select(candidates)
                .referenceNanos()
                .getAsLong();
    }
}
