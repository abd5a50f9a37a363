package dev.clocksync.daemon.round;

/** An agent's part in one round. */
public enum AgentState {
    /** Reachable, and its offset moved the reference. */
    VOTING,
    /** Reachable, but outside the chosen set: corrected, without moving the reference. */
    FALSETICKER,
    /**
     * Reachable, but its best round trip was far above its recent shortest (the delay-ratio test:
     * a pause or a queue sat on the path): corrected with that sample's larger error, which the
     * agent weighs against its own, without a vote.
     */
    NOISY,
    /** Reachable, but its best round trip exceeded max-delay: neither votes nor is corrected. */
    TOO_SLOW,
    /** No exchange succeeded before the deadline. */
    UNREACHABLE
}
