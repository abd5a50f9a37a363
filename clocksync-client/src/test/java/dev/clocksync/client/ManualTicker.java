package dev.clocksync.client;

import java.util.concurrent.atomic.AtomicLong;

/** A monotonic clock that moves only when told to; sleeping advances it. */
final class ManualTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong slept = new AtomicLong();

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public void sleep(long nanos) {
        slept.addAndGet(nanos);
        advance(nanos);
    }

    void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time only advances");
        }
        this.nanos.addAndGet(nanos);
    }

    long slept() {
        return slept.get();
    }
}
