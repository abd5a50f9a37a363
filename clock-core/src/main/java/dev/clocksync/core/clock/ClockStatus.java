package dev.clocksync.core.clock;

/** Synchronization status of a disciplined clock, after AWS ClockBound. */
public enum ClockStatus {
    /** Never synchronized since start. */
    UNKNOWN,
    /** Corrected recently; the error bound holds. */
    SYNCED,
    /** No correction for more than three update intervals; the error bound keeps growing. */
    FREE_RUNNING,
    /** Continuity broken: the oscillator jumped, or a large offset is being slewed outside the step policy. */
    DISRUPTED
}
