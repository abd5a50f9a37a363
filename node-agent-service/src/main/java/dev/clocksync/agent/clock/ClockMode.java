package dev.clocksync.agent.clock;

/** Where an agent's raw clock comes from. */
public enum ClockMode {
    /** The host's real-time clock. */
    HOST,
    /** The host clock with a configured offset and drift. */
    SIMULATED
}
