package dev.clocksync.core.signing;

/** The verdict on a signed request; anything but {@link #VALID} should be answered with 401. */
public enum VerificationResult {
    /** Signature matches and the timestamp is within the replay window. */
    VALID,
    /** The timestamp or signature header is absent or blank. */
    MISSING,
    /** The timestamp is not an integer or the signature is not Base64. */
    MALFORMED,
    /** The timestamp is outside the replay window (too old, or too far in the future). */
    STALE,
    /** The signature does not match: wrong key, or the request was altered. */
    INVALID
}
