package dev.clocksync.client;

/** Base of the client's exceptions: unchecked, so that a {@link java.time.Clock} can throw them. */
public abstract class ClocksyncException extends RuntimeException {

    ClocksyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
