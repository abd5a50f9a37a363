package dev.clocksync.client;

/**
 * The caller's monotonic clock, for round trips and extrapolation; injected so that tests drive
 * time by hand.
 */
interface Ticker {

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long nanos();

    /** Waits about {@code nanos}; a test's ticker advances instead. */
    void sleep(long nanos) throws InterruptedException;

    static Ticker system() {
        return SystemTicker.INSTANCE;
    }

    enum SystemTicker implements Ticker {
        INSTANCE;

        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        }
    }
}
