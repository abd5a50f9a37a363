package dev.clocksync.core.time;

/** The raw, undisciplined clock a {@code DisciplinedClock} is built on. */
public interface Oscillator {

    /** The oscillator's current reading, nanoseconds since the Unix epoch. */
    long readNanos();
}
