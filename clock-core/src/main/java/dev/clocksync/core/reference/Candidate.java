package dev.clocksync.core.reference;

import java.util.Objects;

/**
 * One agent's filtered sample, as a candidate for reference selection.
 *
 * @param id unique agent id; ties between otherwise equal candidates are broken by it
 * @param offsetNanos the agent's clock minus the daemon's
 * @param delayNanos round-trip delay of the sample, never negative
 */
public record Candidate(String id, long offsetNanos, long delayNanos) {

    public Candidate {
        Objects.requireNonNull(id, "id");
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must not be negative, got " + delayNanos + " ns for " + id);
        }
    }
}
