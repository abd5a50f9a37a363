package dev.clocksync.core.protocol;

import dev.clocksync.core.clock.ClockStatus;

/**
 * An agent's answer to an accepted adjustment.
 *
 * @param agentId the agent
 * @param term the term of the request
 * @param round the round of the request
 * @param result slewed, stepped, or a duplicate that changed nothing
 * @param status clock status after the adjustment
 * @param frequencyPpm the clock's frequency compensation after the adjustment
 */
public record AdjustmentResponse(
        String agentId, long term, long round, AdjustmentResult result, ClockStatus status, double frequencyPpm) {}
