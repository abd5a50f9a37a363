package dev.clocksync.core.time;

import java.util.Objects;

/**
 * An oscillator that runs on a time source's monotonic clock, anchored once, at construction, to
 * its real-time clock. On a host whose monotonic clock is CLOCK_MONOTONIC_RAW (the crystal, which
 * no time daemon slews or steps), a clock built on this one reads the node's time at start and is
 * unaffected by whatever the node's time daemon does to the node's clock afterwards: a clock that
 * serves time to that daemon cannot chase its own reflection.
 */
public final class AnchoredOscillator implements Oscillator {

    private final TimeSource time;
    private final long anchorEpochNanos;
    private final long anchorMonotonicNanos;

    public AnchoredOscillator(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
        long before = time.monotonicNanos();
        long epoch = time.epochNanos();
        long after = time.monotonicNanos();
        this.anchorEpochNanos = epoch;
        this.anchorMonotonicNanos = before + (after - before) / 2;
    }

    @Override
    public long readNanos() {
        return anchorEpochNanos + (time.monotonicNanos() - anchorMonotonicNanos);
    }
}
