package dev.clocksync.daemon.round;

import dev.clocksync.core.clock.ClockStatus;
import dev.clocksync.core.exchange.Sample;
import dev.clocksync.core.protocol.ProbeAnswer;
import dev.clocksync.daemon.discovery.AgentEndpoint;

/**
 * One agent's line in a round record. Offsets are the agent's clock minus the daemon's, before
 * correction; nullable fields are absent when the agent was not reached.
 *
 * @param key membership key
 * @param agentId the id the agent reports
 * @param uri where it was probed
 * @param pod pod name where known
 * @param node node name where known
 * @param zone the node's zone where known
 * @param epoch the agent's boot id
 * @param restarted the epoch differs from the one seen in an earlier round
 * @param state voting, falseticker, noisy, too slow or unreachable
 * @param offsetNanos measured offset of the minimum-delay exchange
 * @param delayNanos its round-trip delay
 * @param correctionNanos the correction computed for it
 * @param adjustment what became of the correction
 * @param clockStatus the agent clock's status as it reported it
 * @param errorBoundNanos the agent clock's error bound as it reported it
 * @param nodeOffsetNanos the agent's node clock minus its clock, as it reported it
 * @param detail why, for failures and refusals
 */
public record AgentResult(
        String key,
        String agentId,
        String uri,
        String pod,
        String node,
        String zone,
        String epoch,
        boolean restarted,
        AgentState state,
        Long offsetNanos,
        Long delayNanos,
        Long correctionNanos,
        AdjustmentOutcome adjustment,
        ClockStatus clockStatus,
        Long errorBoundNanos,
        Long nodeOffsetNanos,
        String detail) {

    /** An agent no exchange reached; {@code answer} is the last one it gave, if any. */
    static AgentResult unreachable(AgentEndpoint agent, ProbeAnswer answer, String failure) {
        return new AgentResult(
                agent.key(),
                answer == null ? null : answer.agentId(),
                agent.uri().toString(),
                agent.pod(),
                agent.node(),
                agent.zone(),
                answer == null ? null : answer.epoch(),
                false,
                AgentState.UNREACHABLE,
                null,
                null,
                null,
                AdjustmentOutcome.NOT_SENT,
                null,
                null,
                null,
                failure);
    }

    /** A measured agent, its correction not sent yet; {@code correctionNanos} null without a reference. */
    static AgentResult measured(
            AgentEndpoint agent,
            ProbeAnswer answer,
            boolean restarted,
            AgentState state,
            Sample sample,
            Long correctionNanos) {
        return new AgentResult(
                agent.key(),
                answer.agentId(),
                agent.uri().toString(),
                agent.pod(),
                agent.node(),
                agent.zone(),
                answer.epoch(),
                restarted,
                state,
                sample.offsetNanos(),
                sample.delayNanos(),
                correctionNanos,
                AdjustmentOutcome.NOT_SENT,
                answer.status(),
                answer.errorBoundNanos(),
                answer.nodeOffsetNanos(),
                correctionNanos == null ? "no reference this round" : null);
    }

    /** The same line with what became of the correction. */
    AgentResult with(AdjustmentOutcome outcome, String why) {
        return new AgentResult(
                key,
                agentId,
                uri,
                pod,
                node,
                zone,
                epoch,
                restarted,
                state,
                offsetNanos,
                delayNanos,
                correctionNanos,
                outcome,
                clockStatus,
                errorBoundNanos,
                nodeOffsetNanos,
                why);
    }
}
