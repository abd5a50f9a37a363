package dev.clocksync.daemon.round;

/** Told about every finished round (metrics, for one). */
public interface RoundListener {

    void roundFinished(RoundRecord record);
}
