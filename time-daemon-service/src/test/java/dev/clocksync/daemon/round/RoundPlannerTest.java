package dev.clocksync.daemon.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.core.clock.ClockStatus;
import dev.clocksync.core.exchange.Sample;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.protocol.ProbeAnswer;
import dev.clocksync.core.reference.ReferenceSelector;
import dev.clocksync.core.reference.ReferenceStrategy;
import dev.clocksync.daemon.DaemonProperties.ReferenceMode;
import dev.clocksync.daemon.discovery.AgentEndpoint;
import dev.clocksync.daemon.round.AgentProber.ProbeOutcome;
import dev.clocksync.daemon.round.RoundPlanner.Measured;
import dev.clocksync.daemon.round.RoundPlanner.Plan;
import dev.clocksync.daemon.round.RoundPlanner.Planned;
import dev.clocksync.daemon.round.RoundPlanner.RoundContext;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The round's decisions from plain measurements: no HTTP, no Spring. */
class RoundPlannerTest {

    static final long US = 1_000;
    static final long MS = 1_000_000;
    static final RoundContext ROUND = new RoundContext("daemon-1", 7, 3, 1_795_000_000_000_000_000L);

    final RoundPlanner planner = new RoundPlanner(
            ReferenceSelector.of(ReferenceStrategy.MEDIAN, 5 * MS, 50 * MS), ReferenceMode.CONSENSUS, 3_600_000 * MS);

    @Test
    void everyVoterIsCorrectedTowardTheReferenceWithItsOwnAndTheReferencesError() {
        Plan plan = planner.plan(
                ROUND,
                List.of(
                        measured("a", -100 * US, 200 * US),
                        measured("b", 0, 100 * US),
                        measured("c", 300 * US, 100 * US)));

        assertThat(plan.reference()).hasValue(0);
        assertThat(plan.spreadNanos()).isEqualTo(400 * US);
        Planned a = planned(plan, "a");
        assertThat(a.result().state()).isEqualTo(AgentState.VOTING);
        assertThat(a.request())
                .isEqualTo(new AdjustmentRequest(
                        "daemon-1",
                        7L,
                        3L,
                        100 * US,
                        ROUND.issuedAtNanos(),
                        100 * US + (100 + 50 + 50) * US / 3,
                        7L,
                        2L,
                        "nonce-a",
                        "consensus"));
        assertThat(planned(plan, "c").request().correctionNanos()).isEqualTo(-300 * US);
    }

    @Test
    void aNoisySampleNeitherVotesNorMovesTheReferenceButIsCorrectedWithItsLargerError() {
        Plan plan = planner.plan(
                ROUND,
                List.of(
                        measured("a", 0, 100 * US),
                        measured("b", 20 * US, 100 * US),
                        measured("c", 40 * US, 100 * US),
                        new Measured(endpoint("noisy"), reached("noisy", 9 * MS, 4 * MS), false, true)));

        assertThat(plan.reference()).hasValue(20 * US);
        Planned noisy = planned(plan, "noisy");
        assertThat(noisy.result().state()).isEqualTo(AgentState.NOISY);
        assertThat(noisy.request().correctionNanos()).isEqualTo(20 * US - 9 * MS);
        assertThat(noisy.request().errorNanos()).isEqualTo(2 * MS + 50 * US);
        assertThat(plan.spreadNanos()).as("voters only").isEqualTo(40 * US);
    }

    @Test
    void whenMostSamplesAreNoisyEveryoneVotesRatherThanAMinority() {
        Plan plan = planner.plan(
                ROUND,
                List.of(
                        measured("quiet", 0, 100 * US),
                        new Measured(endpoint("n1"), reached("n1", 2 * MS, 3 * MS), false, true),
                        new Measured(endpoint("n2"), reached("n2", 2 * MS, 3 * MS), false, true)));

        assertThat(plan.reference()).hasValue(2 * MS);
        assertThat(plan.planned())
                .allSatisfy(p -> assertThat(p.result().state()).isEqualTo(AgentState.VOTING));
    }

    @Test
    void aLoadSpikeThatMakesEverySampleNoisyStillGivesAReference() {
        Plan plan = planner.plan(
                ROUND,
                List.of(
                        new Measured(endpoint("a"), reached("a", 0, 3 * MS), false, true),
                        new Measured(endpoint("b"), reached("b", 20 * US, 3 * MS), false, true)));

        assertThat(plan.reference()).isPresent();
        assertThat(plan.planned()).allSatisfy(p -> assertThat(p.request()).isNotNull());
    }

    @Test
    void aTooSlowSampleIsNeitherCountedNorCorrected() {
        Plan plan = planner.plan(
                ROUND,
                List.of(
                        measured("a", 0, 100 * US),
                        measured("b", 10 * US, 100 * US),
                        measured("slow", 5 * MS, 60 * MS)));

        Planned slow = planned(plan, "slow");
        assertThat(slow.result().state()).isEqualTo(AgentState.TOO_SLOW);
        assertThat(slow.request()).isNull();
        assertThat(slow.result().adjustment()).isEqualTo(AdjustmentOutcome.NOT_SENT);
        assertThat(slow.result().detail()).contains("max-delay");
        assertThat(slow.result().correctionNanos())
                .as("computed, for the record")
                .isNotNull();
    }

    @Test
    void anUnreachableAgentKeepsItsFailureAndGetsNothing() {
        AgentEndpoint gone = endpoint("gone");
        Plan plan = planner.plan(
                ROUND,
                List.of(
                        measured("a", 0, 100 * US),
                        new Measured(gone, new ProbeOutcome(gone, null, null, "refused"), false, false)));

        Planned unreachable = planned(plan, "gone");
        assertThat(unreachable.result().state()).isEqualTo(AgentState.UNREACHABLE);
        assertThat(unreachable.result().detail()).isEqualTo("refused");
        assertThat(unreachable.request()).isNull();
    }

    @Test
    void withoutVotersThereIsNoReferenceAndNothingIsSent() {
        Plan plan = planner.plan(ROUND, List.of(measured("slow", 0, 60 * MS)));

        assertThat(plan.reference()).isEmpty();
        assertThat(plan.spreadNanos()).isNull();
        assertThat(plan.planned()).singleElement().satisfies(p -> {
            assertThat(p.request()).isNull();
            assertThat(p.result().detail()).isEqualTo("no reference this round");
        });
    }

    @Test
    void aCorrectionAboveTheDaemonsMaximumIsNotSent() {
        RoundPlanner strict = new RoundPlanner(
                ReferenceSelector.of(ReferenceStrategy.MEDIAN, 5 * MS, 50 * MS), ReferenceMode.CONSENSUS, MS / 2);
        Plan plan = strict.plan(ROUND, List.of(measured("a", 0, 100 * US), measured("b", 2 * MS, 100 * US)));

        assertThat(plan.planned()).allSatisfy(p -> {
            assertThat(p.request()).isNull();
            assertThat(p.result().detail()).contains("max-correction");
        });
    }

    @Test
    void inDaemonClockModeTheReferenceIsTheDaemonsClockWithoutError() {
        RoundPlanner anchored = new RoundPlanner(
                ReferenceSelector.of(ReferenceStrategy.MEDIAN, 5 * MS, 50 * MS),
                ReferenceMode.DAEMON_CLOCK,
                3_600_000 * MS);
        Plan plan = anchored.plan(ROUND, List.of(measured("a", 3 * MS, 100 * US), measured("b", 5 * MS, 300 * US)));

        assertThat(plan.reference()).hasValue(0);
        assertThat(planned(plan, "a").request().correctionNanos()).isEqualTo(-3 * MS);
        assertThat(planned(plan, "a").request().reference()).isEqualTo("daemon-clock");
        assertThat(planned(plan, "b").request().errorNanos()).isEqualTo(150 * US);
    }

    @Test
    void theNodesSkewIsTheSpreadOfTheReachedAgentsNodeOffsets() {
        AgentEndpoint gone = endpoint("gone");
        Plan plan = planner.plan(
                ROUND,
                List.of(
                        measured("a", 0, 100 * US),
                        new Measured(endpoint("b"), reached("b", 0, 100 * US, 45_000 * MS), false, false),
                        new Measured(endpoint("c"), reached("c", 0, 100 * US, -720_000 * MS), false, false),
                        new Measured(gone, new ProbeOutcome(gone, null, null, "refused"), false, false)));

        assertThat(plan.nodeSpreadNanos()).isEqualTo(765_000 * MS);
        assertThat(planned(plan, "b").result().nodeOffsetNanos()).isEqualTo(45_000 * MS);
        assertThat(planned(plan, "gone").result().nodeOffsetNanos()).isNull();
        assertThat(planner.plan(
                                ROUND,
                                List.of(new Measured(gone, new ProbeOutcome(gone, null, null, "x"), false, false)))
                        .nodeSpreadNanos())
                .isNull();
    }

    @Test
    void aRestartIsCarriedIntoTheResult() {
        Plan plan = planner.plan(ROUND, List.of(new Measured(endpoint("a"), reached("a", 0, 100 * US), true, false)));
        assertThat(planned(plan, "a").result().restarted()).isTrue();
    }

    private static Planned planned(Plan plan, String key) {
        return plan.planned().stream()
                .filter(p -> p.agent().key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private static Measured measured(String key, long offsetNanos, long delayNanos) {
        return new Measured(endpoint(key), reached(key, offsetNanos, delayNanos), false, false);
    }

    private static ProbeOutcome reached(String key, long offsetNanos, long delayNanos) {
        return reached(key, offsetNanos, delayNanos, 5L);
    }

    private static ProbeOutcome reached(String key, long offsetNanos, long delayNanos, long nodeOffsetNanos) {
        ProbeAnswer answer = new ProbeAnswer(
                key, "epoch-" + key, 0, 0, ClockStatus.SYNCED, 50 * US, 7, 2, "nonce-" + key, nodeOffsetNanos);
        return new ProbeOutcome(endpoint(key), new Sample(offsetNanos, delayNanos), answer, null);
    }

    private static AgentEndpoint endpoint(String key) {
        return new AgentEndpoint(key, URI.create("http://" + key + ":8081"), "", "");
    }
}
