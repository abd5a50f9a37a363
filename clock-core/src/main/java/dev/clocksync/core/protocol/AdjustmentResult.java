package dev.clocksync.core.protocol;

/** What an agent did with an adjustment. */
public enum AdjustmentResult {
    /** The correction will be amortized by slewing. */
    SLEWED,
    /** The clock was stepped. */
    STEPPED,
    /** The same (term, round) was applied before; nothing changed. */
    DUPLICATE
}
