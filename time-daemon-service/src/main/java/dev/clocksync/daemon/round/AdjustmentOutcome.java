package dev.clocksync.daemon.round;

/** What became of the correction sent to one agent. */
public enum AdjustmentOutcome {
    SLEWED,
    STEPPED,
    /** The agent had applied this (term, round) already. */
    DUPLICATE,
    /** The agent refused it: a newer term, a stale round, or a correction above its limit. */
    REFUSED,
    /** The agent did not accept the signature. */
    UNAUTHORIZED,
    /** Transport error or deadline. */
    FAILED,
    /** Not sent: unreachable agent, no reference, or a correction above max-correction. */
    NOT_SENT
}
