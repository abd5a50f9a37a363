package dev.clocksync.client;

import java.util.Optional;

/**
 * What a {@link ClocksyncClock} knows now, for health checks and metrics.
 *
 * @param agentUri the agent it polls
 * @param interval the extrapolated interval now
 * @param readingAgeNanos time since the synchronized reading the interval is extrapolated from;
 *     {@link Long#MAX_VALUE} before the first one
 * @param polls polls so far, successful or not
 * @param failedPolls of those, the ones that got no synchronized reading
 * @param lastFailure why the latest poll got no usable reading, if it did not
 */
public record ClockView(
        String agentUri,
        TimeInterval interval,
        long readingAgeNanos,
        long polls,
        long failedPolls,
        Optional<String> lastFailure) {}
