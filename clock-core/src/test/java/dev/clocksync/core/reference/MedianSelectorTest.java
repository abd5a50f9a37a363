package dev.clocksync.core.reference;

import static dev.clocksync.core.reference.GammaClusterSelectorTest.offsets;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MedianSelectorTest {

    private static Selection select(long gamma, long... offsets) {
        return ReferenceSelector.of(ReferenceStrategy.MEDIAN, gamma, 1_000).select(offsets(offsets));
    }

    @Test
    void falsetickersAreReportedButTheMedianIsTakenOverEveryone() {
        Selection selection = select(5, 2, 1_000, 0, 1);

        assertThat(selection.referenceNanos()).hasValue(1); // floor((1 + 2) / 2)
        assertThat(selection.verdicts()).containsEntry("agent-1", Verdict.FALSETICKER);
        assertThat(selection.count(Verdict.VOTING)).isEqualTo(3);
        assertThat(selection.majority()).isTrue();
    }

    @Test
    void distanceToAHalfwayMedianIsJudgedExactly() {
        // The median of {0, 3} is 1.5: both are 1.5 away.
        Selection tight = select(1, 0, 3);
        Selection loose = select(2, 0, 3);

        assertThat(tight.count(Verdict.FALSETICKER)).isEqualTo(2);
        assertThat(tight.majority()).isFalse();
        assertThat(loose.count(Verdict.VOTING)).isEqualTo(2);
        assertThat(loose.majority()).isTrue();
        assertThat(tight.referenceNanos()).hasValue(1);
    }
}
