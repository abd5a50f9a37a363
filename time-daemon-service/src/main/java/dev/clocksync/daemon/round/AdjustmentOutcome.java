package dev.clocksync.daemon.round;

/** What became of the correction sent to one agent. */
public enum AdjustmentOutcome {
    SLEWED,
    STEPPED,
    /** The agent had applied this (term, round) already. */
    DUPLICATE,
    /**
     * The agent applied it, as its next probe showed: its answer had been lost (the adjustment was
     * {@link #UNCONFIRMED} until then).
     */
    APPLIED,
    /** The agent refused it: a newer term, a stale round or basis, or a correction above its limit. */
    REFUSED,
    /** The agent did not accept the signature. */
    UNAUTHORIZED,
    /** It did not reach the agent or, as the agent's next probe showed, was not applied. */
    FAILED,
    /**
     * Sent, but no answer came back; the agent's next probe tells whether it was applied, and the
     * round record is then amended to {@link #APPLIED} or {@link #FAILED}. It stays unconfirmed
     * when that probe cannot tell (the agent restarted, or another leader adjusted it meanwhile).
     */
    UNCONFIRMED,
    /** Not sent: unreachable or too slow agent, no reference, or a correction above max-correction. */
    NOT_SENT;

    /** Whether the agent's clock took the correction. */
    public boolean applied() {
        return this == SLEWED || this == STEPPED || this == DUPLICATE || this == APPLIED;
    }
}
