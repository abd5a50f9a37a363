package dev.clocksync.daemon.round;

import dev.clocksync.core.exchange.RecentDelays;
import dev.clocksync.core.fencing.TermFence.Position;
import dev.clocksync.core.protocol.ProbeAnswer;
import java.time.Instant;
import java.util.Optional;

/**
 * What the daemon remembers of one agent across rounds: its boot id (to notice a restart), when
 * it last answered, its recent round trips (the delay-ratio test) and an adjustment whose answer
 * was lost, until a probe tells whether it was applied. Used by one round at a time.
 */
final class AgentHistory {

    private final RecentDelays delays;
    private volatile String epoch;
    private volatile Instant lastSeen;
    private volatile AgentResult last;
    private Unconfirmed unconfirmed;

    AgentHistory(RecentDelays delays) {
        this.delays = delays;
    }

    /** Whether this answer comes from a new incarnation of an agent seen before. */
    boolean restarted(ProbeAnswer answer) {
        return epoch != null && answer.epoch() != null && !epoch.equals(answer.epoch());
    }

    /** Records the round trip of this round's sample; false when it fails the delay-ratio test. */
    boolean admitDelay(long delayNanos) {
        return delays.admit(delayNanos);
    }

    /** Remembers an adjustment that was sent but not answered. */
    void awaitConfirmation(long term, long round, Position basis, String epoch) {
        unconfirmed = new Unconfirmed(term, round, basis, epoch);
    }

    /**
     * What a probe answer says of the unanswered adjustment, if one is waiting: applied when the
     * agent's last applied position is that adjustment, failed when it is still the basis the
     * adjustment was computed from, unknown otherwise (a restart, another leader's adjustment).
     */
    Optional<Confirmation> confirm(ProbeAnswer answer) {
        Unconfirmed waiting = unconfirmed;
        if (waiting == null) {
            return Optional.empty();
        }
        unconfirmed = null;
        Position position = new Position(answer.lastTerm(), answer.lastRound());
        if (!waiting.epoch().equals(answer.epoch())) {
            return Optional.of(
                    waiting.resolved(AdjustmentOutcome.UNCONFIRMED, "the agent restarted before confirming it"));
        }
        if (position.equals(new Position(waiting.term(), waiting.round()))) {
            return Optional.of(
                    waiting.resolved(AdjustmentOutcome.APPLIED, "answer lost; the next probe showed it applied"));
        }
        if (position.equals(waiting.basis())) {
            return Optional.of(
                    waiting.resolved(AdjustmentOutcome.FAILED, "answer lost; the next probe showed it not applied"));
        }
        return Optional.of(waiting.resolved(
                AdjustmentOutcome.UNCONFIRMED,
                "the agent applied term %d round %d since; whether it applied this one is unknown"
                        .formatted(position.term(), position.round())));
    }

    /** Records this round's result; an unreached agent keeps its last epoch and sighting. */
    void record(AgentResult result, Instant at) {
        last = result;
        if (result.state() != AgentState.UNREACHABLE) {
            lastSeen = at;
        }
        if (result.epoch() != null) {
            epoch = result.epoch();
        }
    }

    String epoch() {
        return epoch;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    AgentResult last() {
        return last;
    }

    private record Unconfirmed(long term, long round, Position basis, String epoch) {

        Confirmation resolved(AdjustmentOutcome outcome, String detail) {
            return new Confirmation(term, round, outcome, detail);
        }
    }

    /** The settled outcome of the adjustment of (term, round) to this agent. */
    record Confirmation(long term, long round, AdjustmentOutcome outcome, String detail) {}
}
