package dev.clocksync.daemon.round;

/** Told about every finished round (metrics, for one). */
public interface RoundListener {

    void roundFinished(RoundRecord record);

    /**
     * An {@link AdjustmentOutcome#UNCONFIRMED} adjustment of an earlier round was settled by the
     * agent's next probe; {@code settled} is its amended line.
     */
    default void adjustmentSettled(AgentResult settled) {}
}
