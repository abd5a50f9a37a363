package dev.clocksync.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rules every strategy shares. */
class ReferenceSelectorTest {

    @ParameterizedTest
    @EnumSource(ReferenceStrategy.class)
    void aDelayEqualToTheMaximumStillVotes(ReferenceStrategy strategy) {
        Selection selection = ReferenceSelector.of(strategy, 10, 100)
                .select(List.of(new Candidate("at-limit", 7, 100), new Candidate("over", 3_000, 101)));

        assertThat(selection.referenceNanos()).hasValue(7);
        assertThat(selection.verdicts()).isEqualTo(Map.of("at-limit", Verdict.VOTING, "over", Verdict.TOO_SLOW));
    }

    @ParameterizedTest
    @EnumSource(ReferenceStrategy.class)
    void nobodyToVoteMeansNoReference(ReferenceStrategy strategy) {
        ReferenceSelector selector = ReferenceSelector.of(strategy, 10, 100);

        assertThat(selector.select(List.of())).isEqualTo(new Selection(OptionalLong.empty(), Map.of(), false));
        assertThat(selector.select(List.of(new Candidate("slow", 0, 101))))
                .isEqualTo(new Selection(OptionalLong.empty(), Map.of("slow", Verdict.TOO_SLOW), false));
    }

    @ParameterizedTest
    @EnumSource(ReferenceStrategy.class)
    void rejectsDuplicateIds(ReferenceStrategy strategy) {
        ReferenceSelector selector = ReferenceSelector.of(strategy, 10, 100);

        assertThatThrownBy(() -> selector.select(List.of(new Candidate("a", 0, 0), new Candidate("a", 5, 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate");
    }

    @ParameterizedTest
    @EnumSource(ReferenceStrategy.class)
    void rejectsNegativeParameters(ReferenceStrategy strategy) {
        assertThatThrownBy(() -> ReferenceSelector.of(strategy, -1, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReferenceSelector.of(strategy, 10, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(ReferenceStrategy.class)
    void zeroGammaAndZeroMaximumDelayAreAllowedAndOnlyInstantSamplesVote(ReferenceStrategy strategy) {
        Selection selection = ReferenceSelector.of(strategy, 0, 0)
                .select(List.of(new Candidate("instant", 7, 0), new Candidate("slow", 3_000, 1)));

        assertThat(selection.referenceNanos()).hasValue(7);
        assertThat(selection.verdicts()).isEqualTo(Map.of("instant", Verdict.VOTING, "slow", Verdict.TOO_SLOW));
    }

    @ParameterizedTest
    @EnumSource(ReferenceStrategy.class)
    void aSingleClockIsItsOwnReference(ReferenceStrategy strategy) {
        Selection selection = ReferenceSelector.of(strategy, 10, 100).select(List.of(new Candidate("only", -42, 99)));

        assertThat(selection.referenceNanos()).hasValue(-42);
        assertThat(selection.majority()).isTrue();
        assertThat(selection.verdicts()).containsExactly(Map.entry("only", Verdict.VOTING));
    }

    @Test
    void verdictsIterateInIdOrderAndCannotBeChanged() {
        Selection selection = ReferenceSelector.of(ReferenceStrategy.MEAN, 0, 100)
                .select(List.of(new Candidate("c", 0, 0), new Candidate("a", 0, 0), new Candidate("b", 0, 0)));

        assertThat(selection.verdicts().keySet()).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> selection.verdicts().put("d", Verdict.VOTING))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
