package dev.clocksync.agent.clock;

/** Where an agent's raw clock comes from. */
public enum ClockMode {
    /**
     * The node's clock: anchored to its real-time clock at start, then running on the crystal
     * (CLOCK_MONOTONIC_RAW), untouched by the node's own time daemon.
     */
    HOST,
    /** The host clock with a configured offset and drift. */
    SIMULATED
}
