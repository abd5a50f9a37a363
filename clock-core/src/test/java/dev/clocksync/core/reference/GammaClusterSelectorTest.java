package dev.clocksync.core.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GammaClusterSelectorTest {

    private static final long MAX_DELAY = 1_000_000;

    static List<Candidate> offsets(long... offsets) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            candidates.add(new Candidate("agent-" + i, offsets[i], 0));
        }
        return candidates;
    }

    private static Selection select(long gamma, long... offsets) {
        return ReferenceSelector.of(ReferenceStrategy.GAMMA_CLUSTER, gamma, MAX_DELAY)
                .select(offsets(offsets));
    }

    @Test
    void averagesTheMajorityClusterAndFlagsTheRest() {
        Selection selection = select(10, 100, 3_600_000_000_000L, 104, 109, -50);

        assertThat(selection.referenceNanos()).hasValue(104); // floor(313 / 3)
        assertThat(selection.majority()).isTrue();
        assertThat(selection.verdicts())
                .isEqualTo(Map.of(
                        "agent-0", Verdict.VOTING,
                        "agent-1", Verdict.FALSETICKER,
                        "agent-2", Verdict.VOTING,
                        "agent-3", Verdict.VOTING,
                        "agent-4", Verdict.FALSETICKER));
        assertThat(selection.count(Verdict.VOTING)).isEqualTo(3);
        assertThat(selection.count(Verdict.FALSETICKER)).isEqualTo(2);
    }

    @Test
    void fallsBackToTheMedianWhenNoClusterIsAMajority() {
        Selection even = select(10, 300, 0, 200, 100);
        Selection odd = select(10, 200, 0, 100);

        assertThat(even.referenceNanos()).hasValue(150);
        assertThat(odd.referenceNanos()).hasValue(100);
        for (Selection selection : List.of(even, odd)) {
            assertThat(selection.majority()).isFalse();
            assertThat(selection.verdicts().values()).containsOnly(Verdict.VOTING);
        }
    }

    @Test
    void halfIsNotAMajority() {
        Selection selection = select(10, 0, 5, 1_000, 2_000);

        assertThat(selection.majority()).isFalse();
        assertThat(selection.referenceNanos()).hasValue(502); // median floor((5 + 1000) / 2)
    }

    @Test
    void amongEqualSizedClustersPrefersTheSmallerSpreadWhenItComesLast() {
        // {100, 104, 110} spreads 10, {104, 110, 111} spreads 7.
        Selection selection = select(10, 100, 104, 110, 111);

        assertThat(selection.referenceNanos()).hasValue(108); // floor(325 / 3)
        assertThat(selection.verdicts()).containsEntry("agent-0", Verdict.FALSETICKER);
    }

    @Test
    void amongEqualSizedClustersPrefersTheSmallerSpreadWhenItComesFirst() {
        // {100, 101, 107} spreads 7, {101, 107, 111} spreads 10.
        Selection selection = select(10, 100, 101, 107, 111);

        assertThat(selection.referenceNanos()).hasValue(102); // floor(308 / 3)
        assertThat(selection.verdicts()).containsEntry("agent-3", Verdict.FALSETICKER);
    }

    @Test
    void amongEqualSpreadsPrefersTheMeanNearestTheMedianWhenItComesLast() {
        // {0, 3, 6} and {3, 6, 9} both spread 6; the median is 6; means 3 and 6.
        Selection selection = select(6, 0, 3, 6, 9, 30);

        assertThat(selection.referenceNanos()).hasValue(6);
        assertThat(selection.verdicts())
                .containsEntry("agent-0", Verdict.FALSETICKER)
                .containsEntry("agent-4", Verdict.FALSETICKER);
    }

    @Test
    void amongEqualSpreadsPrefersTheMeanNearestTheMedianWhenItComesFirst() {
        // {0, 3, 6} and {3, 6, 9} both spread 6; the median is 3; means 3 and 6.
        Selection selection = select(6, -30, 0, 3, 6, 9);

        assertThat(selection.referenceNanos()).hasValue(3);
        assertThat(selection.verdicts())
                .containsEntry("agent-0", Verdict.FALSETICKER)
                .containsEntry("agent-4", Verdict.FALSETICKER);
    }

    @Test
    void onAFullTiePrefersTheLowerCluster() {
        // {0, 5, 10} and {5, 10, 15}: same size, spread and distance to the median 7.5.
        Selection selection = select(10, 15, 10, 5, 0);

        assertThat(selection.referenceNanos()).hasValue(5);
        assertThat(selection.verdicts()).containsEntry("agent-0", Verdict.FALSETICKER);
    }

    @Test
    void offsetsExactlyGammaApartAgree() {
        Selection selection = select(10, 0, 10, 1_000);

        assertThat(selection.majority()).isTrue();
        assertThat(selection.referenceNanos()).hasValue(5);
    }

    @Test
    void meanIsExactWhereALongSumWouldOverflow() {
        Selection high = select(5, Long.MAX_VALUE - 2, Long.MAX_VALUE - 1, Long.MAX_VALUE);
        Selection low = select(5, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE + 3);

        assertThat(high.referenceNanos()).hasValue(Long.MAX_VALUE - 1);
        assertThat(low.referenceNanos()).hasValue(Long.MIN_VALUE + 1); // floor(MIN + 4/3)
    }

    @Test
    void rogueClocksAtTheEndsOfTheRangeCannotBreakTheRound() {
        Selection selection = select(1_000, Long.MIN_VALUE, 10, 20, 30, Long.MAX_VALUE);

        assertThat(selection.referenceNanos()).hasValue(20);
        assertThat(selection.count(Verdict.FALSETICKER)).isEqualTo(2);
    }

    @Test
    void noEligibleCandidateNoReference() {
        ReferenceSelector selector = ReferenceSelector.of(ReferenceStrategy.GAMMA_CLUSTER, 10, 100);

        Selection none = selector.select(List.of());
        Selection allSlow = selector.select(List.of(new Candidate("a", 0, 101), new Candidate("b", 5, 500)));

        assertThat(none).isEqualTo(new Selection(OptionalLong.empty(), Map.of(), false));
        assertThat(allSlow.referenceNanos()).isEmpty();
        assertThat(allSlow.majority()).isFalse();
        assertThat(allSlow.count(Verdict.TOO_SLOW)).isEqualTo(2);
    }
}
