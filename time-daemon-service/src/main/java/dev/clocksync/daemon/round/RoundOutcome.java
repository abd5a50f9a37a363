package dev.clocksync.daemon.round;

import java.util.List;

/** How a round ended. */
public enum RoundOutcome {
    /** Every member was reached and took its correction. */
    OK,
    /** A reference was found, but some members were unreachable or not corrected. */
    PARTIAL,
    /** Members exist, but none could vote: nothing was corrected. */
    NO_REFERENCE,
    /** Discovery returned no agents. */
    NO_AGENTS;

    static RoundOutcome of(boolean hasReference, List<AgentResult> results) {
        if (results.isEmpty()) {
            return NO_AGENTS;
        }
        if (!hasReference) {
            return NO_REFERENCE;
        }
        return results.stream().allMatch(r -> r.adjustment().applied()) ? OK : PARTIAL;
    }

    /** Tag value for metrics and logs. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
