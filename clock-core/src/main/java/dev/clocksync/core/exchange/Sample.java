package dev.clocksync.core.exchange;

import dev.clocksync.core.math.ExactMath;

/**
 * The offset estimate of one agent and the round-trip delay of the exchange it came from.
 *
 * @param offsetNanos the agent's clock minus the daemon's
 * @param delayNanos round-trip network delay, never negative
 */
public record Sample(long offsetNanos, long delayNanos) {

    public Sample {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must not be negative, got " + delayNanos + " ns");
        }
    }

    /**
     * The most the offset can be wrong by, whatever the split of the delay between the two
     * directions: half the round-trip delay, rounded up.
     */
    public long errorNanos() {
        return ExactMath.halfUp(delayNanos);
    }
}
