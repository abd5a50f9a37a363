package dev.clocksync.client;

import java.util.Locale;

/** Synchronization status of the agent's clock as the client sees it, after AWS ClockBound. */
public enum ClockStatus {
    /** Never synchronized, or the status could not be read; the interval is unbounded. */
    UNKNOWN,
    /** Corrected recently; the interval holds. */
    SYNCED,
    /**
     * No recent correction: the agent has not been corrected for a while, or this client has not
     * reached the agent for a while. The interval still holds; it widens with time.
     */
    FREE_RUNNING,
    /** Continuity broken (the agent's clock jumped, or is slewing a large offset): do not rely on it. */
    DISRUPTED;

    /** Whether an interval with this status may be relied on. */
    public boolean isSynchronized() {
        return this == SYNCED || this == FREE_RUNNING;
    }

    /** The status named on the wire; a name this client does not know is {@link #UNKNOWN}. */
    static ClockStatus fromWire(String name) {
        try {
            return name == null ? UNKNOWN : valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
