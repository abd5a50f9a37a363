package dev.clocksync.daemon.round;

/** An agent's part in one round. */
public enum AgentState {
    /** Reachable, and its offset moved the reference. */
    VOTING,
    /** Reachable, but outside the chosen set: corrected, without moving the reference. */
    FALSETICKER,
    /** Reachable, but its best round trip exceeded max-delay: corrected, without a vote. */
    TOO_SLOW,
    /** No exchange succeeded before the deadline. */
    UNREACHABLE
}
