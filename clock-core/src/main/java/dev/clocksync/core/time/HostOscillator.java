package dev.clocksync.core.time;

import java.util.Objects;

/** The host's own real-time clock used as the oscillator: what a clock on real hardware runs on. */
public final class HostOscillator implements Oscillator {

    private final TimeSource host;

    public HostOscillator(TimeSource host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public long readNanos() {
        return host.epochNanos();
    }
}
