package dev.clocksync.daemon.round;

import dev.clocksync.core.clock.ClockStatus;

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
 * @param state voting, falseticker, too slow or unreachable
 * @param offsetNanos measured offset of the minimum-delay exchange
 * @param delayNanos its round-trip delay
 * @param correctionNanos the correction computed for it
 * @param adjustment what became of the correction
 * @param clockStatus the agent clock's status as it reported it
 * @param errorBoundNanos the agent clock's error bound as it reported it
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
        String detail) {}
