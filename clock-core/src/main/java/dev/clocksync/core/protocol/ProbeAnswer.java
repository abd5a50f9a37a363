package dev.clocksync.core.protocol;

import dev.clocksync.core.clock.ClockStatus;

/**
 * An agent's answer to {@code GET /api/v1/clock}: the T2 and T3 timestamps of one NTP-style
 * exchange, plus what the daemon needs to judge the agent.
 *
 * @param agentId stable agent identity
 * @param epoch the agent's boot id; a new value means the agent restarted and lost its state
 * @param receiveNanos T2, agent clock when the request arrived
 * @param transmitNanos T3, agent clock when the answer left
 * @param status the agent clock's status
 * @param errorBoundNanos the agent clock's current error bound
 * @param lastTerm highest leadership term the agent has seen
 * @param lastRound last round applied within {@code lastTerm}
 * @param nonce to be echoed by an adjustment computed from this answer (see {@code ProbeNonces})
 * @param nodeOffsetNanos the node's clock minus the agent's clock, from the observation that gave
 *     T3 (in simulation, the simulated node clock)
 */
public record ProbeAnswer(
        String agentId,
        String epoch,
        long receiveNanos,
        long transmitNanos,
        ClockStatus status,
        long errorBoundNanos,
        long lastTerm,
        long lastRound,
        String nonce,
        Long nodeOffsetNanos) {}
