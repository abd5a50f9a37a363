package dev.clocksync.daemon.round;

/** How a round ended. */
public enum RoundOutcome {
    /** Every member was reached and corrected. */
    OK,
    /** A reference was found, but some members were unreachable or not corrected. */
    PARTIAL,
    /** Members exist, but none could vote: nothing was corrected. */
    NO_REFERENCE,
    /** Discovery returned no agents. */
    NO_AGENTS;

    /** Tag value for metrics and logs. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
