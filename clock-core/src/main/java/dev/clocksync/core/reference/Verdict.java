package dev.clocksync.core.reference;

/** What reference selection made of one candidate this round. */
public enum Verdict {
    /** The candidate's offset contributed to the reference. */
    VOTING,
    /** The candidate disagrees with the chosen majority; it is corrected but does not vote. */
    FALSETICKER,
    /** The candidate's round trip was longer than the maximum delay; its offset is too uncertain to vote. */
    TOO_SLOW
}
