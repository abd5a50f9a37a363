package dev.clocksync.core.clock;

/** How {@link DisciplinedClock#apply(long, long, boolean)} carried out a correction. */
public enum CorrectionKind {
    /** Amortized gradually, at no more than the policy's maximum slew rate. */
    SLEWED,
    /** Applied at once. */
    STEPPED
}
