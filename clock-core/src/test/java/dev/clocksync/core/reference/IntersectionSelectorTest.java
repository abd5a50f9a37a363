package dev.clocksync.core.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntersectionSelectorTest {

    private static final ReferenceSelector SELECTOR = ReferenceSelector.of(ReferenceStrategy.INTERSECTION, 0, 1_000);

    @Test
    void referenceIsTheMidpointOfTheMajorityIntersection() {
        Selection selection = SELECTOR.select(List.of(
                new Candidate("a", 100, 100), // [50, 150]
                new Candidate("b", 120, 40), // [100, 140]
                new Candidate("c", 60, 40), // [40, 80]
                new Candidate("d", 130, 60))); // [100, 160]

        assertThat(selection.referenceNanos()).hasValue(120); // [100, 140]
        assertThat(selection.majority()).isTrue();
        assertThat(selection.verdicts())
                .containsEntry("a", Verdict.VOTING)
                .containsEntry("b", Verdict.VOTING)
                .containsEntry("d", Verdict.VOTING)
                .containsEntry("c", Verdict.FALSETICKER);
    }

    @Test
    void touchingIntervalsOverlap() {
        Selection selection = SELECTOR.select(List.of(
                new Candidate("a", 0, 10), // [-5, 5]
                new Candidate("b", 10, 10), // [5, 15]
                new Candidate("c", 20, 2))); // [19, 21]

        assertThat(selection.referenceNanos()).hasValue(5);
        assertThat(selection.verdicts()).containsEntry("c", Verdict.FALSETICKER);
    }

    @Test
    void oddDelaysWidenIntervalsByHalfANanosecond() {
        Selection selection = SELECTOR.select(List.of(
                new Candidate("a", 0, 3), // [-2, 2]
                new Candidate("b", 4, 3), // [2, 6]
                new Candidate("c", 100, 0)));

        assertThat(selection.majority()).isTrue();
        assertThat(selection.referenceNanos()).hasValue(2);
    }

    @Test
    void amongEquallyCoveredRegionsPrefersTheOneNearestTheMedianWhenItComesLast() {
        Selection selection = SELECTOR.select(List.of(
                new Candidate("wide", 50, 100), // [0, 100]
                new Candidate("low", 2, 4), // [0, 4], midpoint 48 from the median 50
                new Candidate("high", 97, 6))); // [94, 100], midpoint 47 from it

        assertThat(selection.referenceNanos()).hasValue(97);
        assertThat(selection.verdicts())
                .containsEntry("low", Verdict.FALSETICKER)
                .containsEntry("high", Verdict.VOTING);
    }

    @Test
    void amongEquallyCoveredRegionsPrefersTheOneNearestTheMedianWhenItComesFirst() {
        Selection selection = SELECTOR.select(List.of(
                new Candidate("wide", 50, 100), // [0, 100]
                new Candidate("low", 3, 6), // [0, 6], midpoint 47 from the median 50
                new Candidate("high", 98, 4))); // [96, 100], midpoint 48 from it

        assertThat(selection.referenceNanos()).hasValue(3);
        assertThat(selection.verdicts())
                .containsEntry("low", Verdict.VOTING)
                .containsEntry("high", Verdict.FALSETICKER);
    }

    @Test
    void amongRegionsEquallyCoveredAndEquallyNearTheMedianPrefersTheLeftmost() {
        Selection selection = SELECTOR.select(List.of(
                new Candidate("wide", 50, 100), // [0, 100]
                new Candidate("high", 98, 4), // [96, 100], midpoint 48 above the median 50
                new Candidate("low", 2, 4))); // [0, 4], midpoint 48 below it

        assertThat(selection.referenceNanos()).hasValue(2);
        assertThat(selection.verdicts())
                .containsEntry("low", Verdict.VOTING)
                .containsEntry("high", Verdict.FALSETICKER);
    }

    @Test
    void fallsBackToTheMedianWithoutAMajorityIntersection() {
        Selection selection = SELECTOR.select(
                List.of(new Candidate("a", 2_000, 10), new Candidate("b", 0, 10), new Candidate("c", 1_000, 10)));

        assertThat(selection.referenceNanos()).hasValue(1_000);
        assertThat(selection.majority()).isFalse();
        assertThat(selection.verdicts().values()).containsOnly(Verdict.VOTING);
    }

    @Test
    void rogueClocksAtTheEndsOfTheRangeCannotBreakTheRound() {
        Selection selection = SELECTOR.select(List.of(
                new Candidate("a", Long.MAX_VALUE, 1_000),
                new Candidate("b", Long.MIN_VALUE, 1_000),
                new Candidate("c", 10, 20),
                new Candidate("d", 12, 20),
                new Candidate("e", 14, 20)));

        assertThat(selection.referenceNanos()).hasValue(12); // [4, 20]
        assertThat(selection.count(Verdict.FALSETICKER)).isEqualTo(2);
    }

    @Test
    void intervalsOfRogueOffsetsNearTheEndsOfTheRangeAreClampedNotWrapped() {
        Selection selection = SELECTOR.select(List.of(
                new Candidate("low", Long.MIN_VALUE + 10, 1_000), // would start 490 ns below the range
                new Candidate("high", Long.MAX_VALUE - 10, 1_000), // would end 490 ns above it
                new Candidate("a", -100, 400), // [-300, 100]
                new Candidate("b", 100, 400), // [-100, 300]
                new Candidate("c", 0, 0))); // [0, 0]

        assertThat(selection.referenceNanos()).hasValue(0);
        assertThat(selection.verdicts())
                .containsEntry("low", Verdict.FALSETICKER)
                .containsEntry("high", Verdict.FALSETICKER)
                .containsEntry("c", Verdict.VOTING);
    }
}
