package dev.clocksync.daemon.round;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.core.clock.ClockStatus;
import dev.clocksync.core.exchange.RecentDelays;
import dev.clocksync.core.fencing.TermFence.Position;
import dev.clocksync.core.protocol.ProbeAnswer;
import dev.clocksync.daemon.round.AgentHistory.Confirmation;
import org.junit.jupiter.api.Test;

class AgentHistoryTest {

    final AgentHistory history = new AgentHistory(new RecentDelays(3, 0, 8));

    @Test
    void anUnansweredAdjustmentIsSettledAppliedWhenTheNextProbeShowsItsPosition() {
        history.awaitConfirmation(7, 4, new Position(7, 3), "e1");
        assertThat(history.confirm(probe("e1", 7, 4)))
                .hasValueSatisfying(
                        c -> assertThat(c).isEqualTo(new Confirmation(7, 4, AdjustmentOutcome.APPLIED, c.detail())));
        assertThat(history.confirm(probe("e1", 7, 4))).as("settled once").isEmpty();
    }

    @Test
    void itIsSettledFailedWhenTheAgentStillHasTheBasisItWasComputedFrom() {
        history.awaitConfirmation(7, 4, new Position(7, 3), "e1");
        assertThat(history.confirm(probe("e1", 7, 3)).orElseThrow().outcome()).isEqualTo(AdjustmentOutcome.FAILED);
    }

    @Test
    void itStaysUnconfirmedWhenTheAgentRestartedOrMovedOnOtherwise() {
        history.awaitConfirmation(7, 4, new Position(7, 3), "e1");
        assertThat(history.confirm(probe("e2", 0, 0)).orElseThrow().outcome()).isEqualTo(AdjustmentOutcome.UNCONFIRMED);

        history.awaitConfirmation(7, 4, new Position(7, 3), "e1");
        Confirmation other = history.confirm(probe("e1", 8, 1)).orElseThrow();
        assertThat(other.outcome()).isEqualTo(AdjustmentOutcome.UNCONFIRMED);
        assertThat(other.detail()).contains("term 8 round 1");
    }

    @Test
    void nothingWaitsWithoutAnUnansweredAdjustment() {
        assertThat(history.confirm(probe("e1", 7, 4))).isEmpty();
    }

    @Test
    void aNewEpochAfterAKnownOneIsARestart() {
        assertThat(history.restarted(probe("e1", 0, 0))).as("first sight").isFalse();
        history.record(result("e1"), java.time.Instant.EPOCH);
        assertThat(history.restarted(probe("e1", 0, 0))).isFalse();
        assertThat(history.restarted(probe("e2", 0, 0))).isTrue();
    }

    private static ProbeAnswer probe(String epoch, long lastTerm, long lastRound) {
        return new ProbeAnswer(
                "agent-1", epoch, 0, 0, ClockStatus.SYNCED, 1_000, lastTerm, lastRound, "nonce-" + epoch, 0L);
    }

    private static AgentResult result(String epoch) {
        return new AgentResult(
                "agent-1",
                "agent-1",
                "http://a",
                "",
                "",
                "",
                epoch,
                false,
                AgentState.VOTING,
                0L,
                1L,
                0L,
                AdjustmentOutcome.SLEWED,
                ClockStatus.SYNCED,
                1L,
                null,
                null);
    }
}
