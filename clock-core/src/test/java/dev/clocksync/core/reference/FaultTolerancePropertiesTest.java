package dev.clocksync.core.reference;

import static dev.clocksync.core.reference.Scenarios.MAX_DELAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.clocksync.core.math.ExactMath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** With f falsetickers among n >= 2f + 1 clocks, what each strategy guarantees. */
class FaultTolerancePropertiesTest {

    private static final long SEED = 0xB3_4E1E_7L;

    private static ReferenceSelector selector(ReferenceStrategy strategy, long gamma) {
        return ReferenceSelector.of(strategy, gamma, MAX_DELAY);
    }

    @Test
    void farFalsetickersNeitherMoveGammaClusterNorMedianOutOfTheHonestRange() {
        qt().withFixedSeed(SEED).forAll(Scenarios.farFalsetickers()).checkAssert(s -> {
            for (ReferenceStrategy strategy : List.of(ReferenceStrategy.GAMMA_CLUSTER, ReferenceStrategy.MEDIAN)) {
                Selection selection = selector(strategy, s.gammaNanos()).select(s.all());

                assertThat(selection.referenceNanos().getAsLong())
                        .as("%s reference", strategy)
                        .isBetween(s.minHonest(), s.maxHonest());
                assertThat(selection.majority()).as("%s majority", strategy).isTrue();
                s.honest()
                        .forEach(c -> assertThat(selection.verdicts())
                                .as("%s honest", strategy)
                                .containsEntry(c.id(), Verdict.VOTING));
                s.falsetickers()
                        .forEach(c -> assertThat(selection.verdicts())
                                .as("%s falseticker", strategy)
                                .containsEntry(c.id(), Verdict.FALSETICKER));
            }
        });
    }

    @Test
    void falsetickersAnywhereKeepTheMedianInTheHonestRangeAndGammaClusterWithinGammaOfIt() {
        qt().withFixedSeed(SEED).forAll(Scenarios.falsetickersAnywhere()).checkAssert(s -> {
            long median = selector(ReferenceStrategy.MEDIAN, s.gammaNanos())
                    .select(s.all())
                    .referenceNanos()
                    .getAsLong();
            long cluster = selector(ReferenceStrategy.GAMMA_CLUSTER, s.gammaNanos())
                    .select(s.all())
                    .referenceNanos()
                    .getAsLong();

            // Honest clocks are a strict majority, so at least one of the two middle values is
            // honest on each side, and the median cannot leave [min honest, max honest].
            assertThat(median).isBetween(s.minHonest(), s.maxHonest());
            // GAMMA_CLUSTER either falls back to the median (above), or averages a cluster that is
            // a strict majority. Two strict majorities of the same n clocks share a member, so the
            // cluster contains an honest clock x in [min honest, max honest]; every member is within
            // gamma of x, so the members and their mean lie in [min honest - gamma, max honest + gamma].
            // No tighter bound holds: falsetickers just beyond the honest range can join the cluster.
            assertThat(cluster).isBetween(s.minHonest() - s.gammaNanos(), s.maxHonest() + s.gammaNanos());
        });
    }

    @Test
    void intersectionPicksTheTruechimersWhenTheirIntervalsOverlapAndFalsetickersAreFar() {
        qt().withFixedSeed(SEED).forAll(Scenarios.disjointIntervals()).checkAssert(s -> {
            Selection selection = selector(ReferenceStrategy.INTERSECTION, 0).select(s.all());

            long reference = selection.referenceNanos().getAsLong();
            assertThat(selection.majority()).isTrue();
            for (Candidate honest : s.honest()) {
                long halfWidth = ExactMath.halfUp(honest.delayNanos());
                assertThat(selection.verdicts()).containsEntry(honest.id(), Verdict.VOTING);
                assertThat(reference)
                        .as("inside the interval of %s", honest)
                        .isBetween(honest.offsetNanos() - halfWidth, honest.offsetNanos() + halfWidth);
            }
            s.falsetickers().forEach(c -> assertThat(selection.verdicts()).containsEntry(c.id(), Verdict.FALSETICKER));
        });
    }

    @Test
    void tooSlowSamplesNeverVoteNorMoveTheReference() {
        Gen<List<Long>> slowOffsets =
                lists().of(longs().between(-Scenarios.DAY, Scenarios.DAY)).ofSizeBetween(1, 5);
        qt().withFixedSeed(SEED)
                .forAll(
                        Scenarios.falsetickersAnywhere(),
                        slowOffsets,
                        longs().between(MAX_DELAY + 1, 100 * MAX_DELAY),
                        Generate.enumValues(ReferenceStrategy.class))
                .checkAssert((s, offsets, slowDelay, strategy) -> {
                    List<Candidate> withSlow = new ArrayList<>(s.all());
                    List<Candidate> slow = new ArrayList<>();
                    for (int i = 0; i < offsets.size(); i++) {
                        slow.add(new Candidate("slow-" + i, offsets.get(i), slowDelay + i));
                    }
                    withSlow.addAll(slow);
                    ReferenceSelector selector = selector(strategy, s.gammaNanos());

                    Selection without = selector.select(s.all());
                    Selection with = selector.select(withSlow);

                    assertThat(with.referenceNanos()).isEqualTo(without.referenceNanos());
                    assertThat(with.majority()).isEqualTo(without.majority());
                    assertThat(with.verdicts()).containsAllEntriesOf(without.verdicts());
                    slow.forEach(c -> assertThat(with.verdicts()).containsEntry(c.id(), Verdict.TOO_SLOW));
                    assertThat(with.count(Verdict.TOO_SLOW)).isEqualTo(slow.size());
                });
    }

    @Test
    void inputOrderDoesNotChangeTheResult() {
        // Few distinct offsets and delays, so ties between candidates and between windows or
        // regions are frequent; some delays exceed the maximum.
        Gen<Candidate> candidate = longs().between(-4, 4)
                .zip(longs().between(0, 3), (offset, delay) -> new Candidate("", offset * 500, delay * 1_000));
        Gen<List<Candidate>> round =
                lists().of(candidate).ofSizeBetween(0, 9).map(FaultTolerancePropertiesTest::numbered);
        qt().withFixedSeed(SEED)
                .forAll(
                        round,
                        longs().all(),
                        Generate.enumValues(ReferenceStrategy.class),
                        integers().between(0, 2))
                .checkAssert((candidates, shuffleSeed, strategy, gammaSteps) -> {
                    ReferenceSelector selector = ReferenceSelector.of(strategy, gammaSteps * 500L, 2_000);
                    List<Candidate> shuffled = new ArrayList<>(candidates);
                    Collections.shuffle(shuffled, new Random(shuffleSeed));

                    assertThat(selector.select(shuffled)).isEqualTo(selector.select(candidates));
                });
    }

    private static List<Candidate> numbered(List<Candidate> candidates) {
        List<Candidate> numbered = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            numbered.add(new Candidate("agent-" + i, c.offsetNanos(), c.delayNanos()));
        }
        return numbered;
    }
}
