package dev.clocksync.agent.clock;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import dev.clocksync.core.time.TimeSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's real-time clock (CLOCK_REALTIME, what every pod reads) with CLOCK_MONOTONIC_RAW as the
 * monotonic clock: the crystal's own rate, which no time daemon slews (CLOCK_MONOTONIC, behind
 * {@link System#nanoTime()}, is slewed along with the real-time clock). Read through JNA's direct
 * mapping of clock_gettime(2); absent where it cannot be called (not Linux).
 */
final class RawMonotonicTimeSource implements TimeSource {

    private static final Logger log = LoggerFactory.getLogger(RawMonotonicTimeSource.class);
    private static final int CLOCK_MONOTONIC_RAW = 4;

    private static native int clock_gettime(int clock, long[] timespec) throws LastErrorException;

    private final TimeSource realTime = TimeSource.system();

    private RawMonotonicTimeSource() {}

    /** The raw time source where the kernel offers it. */
    static Optional<TimeSource> load() {
        try {
            Native.register(RawMonotonicTimeSource.class, "c");
            RawMonotonicTimeSource source = new RawMonotonicTimeSource();
            source.monotonicNanos();
            return Optional.of(source);
        } catch (LinkageError | RuntimeException e) {
            log.warn("CLOCK_MONOTONIC_RAW cannot be read here ({}); the clock runs on CLOCK_MONOTONIC", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public long epochNanos() {
        return realTime.epochNanos();
    }

    @Override
    public long monotonicNanos() {
        long[] timespec = new long[2];
        clock_gettime(CLOCK_MONOTONIC_RAW, timespec);
        return timespec[0] * 1_000_000_000L + timespec[1];
    }
}
