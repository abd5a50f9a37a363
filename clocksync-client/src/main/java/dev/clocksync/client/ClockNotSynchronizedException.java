package dev.clocksync.client;

/** The agent's time cannot be relied on (yet): it was never synchronized, or its continuity broke. */
public final class ClockNotSynchronizedException extends ClocksyncException {

    private final ClockStatus status;

    ClockNotSynchronizedException(String message, ClockStatus status) {
        this(message, status, null);
    }

    ClockNotSynchronizedException(String message, ClockStatus status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The status that was last seen. */
    public ClockStatus status() {
        return status;
    }
}
