package dev.clocksync.daemon.round;

import dev.clocksync.core.reference.ReferenceStrategy;
import java.time.Instant;
import java.util.List;

/**
 * Everything one round saw and did.
 *
 * @param term leadership term the round ran under
 * @param round round number within the term
 * @param leaderId the daemon that ran it
 * @param startedAt wall-clock start
 * @param durationNanos monotonic duration
 * @param strategy reference selection strategy
 * @param referenceMode consensus or daemon-clock
 * @param outcome how it ended
 * @param referenceNanos chosen reference offset (relative to the daemon's clock), absent without a reference
 * @param spreadNanos max - min offset of the voting agents before correction, absent without voters
 * @param nodeSpreadNanos max - min node offset of the reached agents: the real skew of the nodes'
 *     clocks, absent when no agent reported one
 * @param agents per-agent results, ordered by key
 */
public record RoundRecord(
        long term,
        long round,
        String leaderId,
        Instant startedAt,
        long durationNanos,
        ReferenceStrategy strategy,
        String referenceMode,
        RoundOutcome outcome,
        Long referenceNanos,
        Long spreadNanos,
        Long nodeSpreadNanos,
        List<AgentResult> agents) {

    public long count(AgentState state) {
        return agents.stream().filter(a -> a.state() == state).count();
    }

    /** The same record with one agent's line replaced, and the outcome that follows from it. */
    RoundRecord withAgent(AgentResult line) {
        List<AgentResult> replaced =
                agents.stream().map(a -> a.key().equals(line.key()) ? line : a).toList();
        return new RoundRecord(
                term,
                round,
                leaderId,
                startedAt,
                durationNanos,
                strategy,
                referenceMode,
                RoundOutcome.of(referenceNanos != null, replaced),
                referenceNanos,
                spreadNanos,
                nodeSpreadNanos,
                replaced);
    }
}
