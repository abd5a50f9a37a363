package dev.clocksync.core.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.clocksync.core.time.HostOscillator;
import dev.clocksync.core.time.ManualTimeSource;
import org.junit.jupiter.api.Test;

/**
 * A disciplined clock running through the inserted leap second at the end of 2016-12-31.
 *
 * <p>True time is modelled as a continuous axis of SI nanoseconds, numbered so that it equals POSIX
 * time before the leap: the fake host clock runs on this axis and, like the clock's oscillator,
 * does not apply the leap second. On this axis 2016-12-31T23:59:60 is the second [T, T + 1 s)
 * after the POSIX midnight T, and POSIX numbers t >= T denote the axis instant t + 1 s.
 *
 * <p>A published (smeared, POSIX-numbered) reading p taken at axis instant x is therefore off from
 * true UTC by |axis(p) - x|, where axis(p) = p before T and p + 1 s from T on. A correct 24 h
 * linear smear keeps this within half a second (reached in the middle of the leap second, when
 * the smeared clock reads exactly midnight), while an unsmeared clock would be a whole second
 * off after the leap and a smear in the wrong direction up to 1.5 s.
 */
class DisciplinedClockLeapSmearTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long LEAP = 1_483_228_800L * SECOND; // 2017-01-01T00:00:00Z
    private static final long HALF_DAY = 12 * 3600 * SECOND;

    @Test
    void smearedTimeIsContinuousAndWithinHalfASecondOfUtcAcrossTheWholeWindow() {
        long from = LEAP - HALF_DAY - 10 * SECOND;
        long to = LEAP + HALF_DAY + 11 * SECOND;
        ManualTimeSource axis = new ManualTimeSource(from);
        DisciplinedClock clock = new DisciplinedClock(new HostOscillator(axis), axis, ClockPolicy.defaults());
        clock.scheduleLeap(new LeapSmear(LEAP, 1));

        LeapSmear smear = new LeapSmear(LEAP, 1);
        long[] critical = {smear.windowStartNanos(), LEAP, smear.windowEndNanos()};
        long previous = clock.nowNanos();
        long worstError = 0;
        while (axis.epochNanos() < to) {
            // 1 ms apart within 10 s of where the smear starts, the leap and where the smear ends,
            // 10 ms apart elsewhere: a jump shows in whichever interval contains it
            long interval = isNear(axis.epochNanos(), critical) ? MS : 10 * MS;
            axis.advance(interval);
            long published = clock.nowNanos();
            long step = published - previous;
            long smearLoss = interval / 86_401; // the smeared clock loses 1 s in 86401 s
            if (step < interval - smearLoss - 2 || step > interval + 2) {
                fail("published time moved by %d ns in %d ns at axis %d", step, interval, axis.epochNanos());
            }
            long denoted = published < LEAP ? published : published + SECOND;
            worstError = Math.max(worstError, Math.abs(denoted - axis.epochNanos()));
            previous = published;
        }

        assertThat(worstError).isLessThanOrEqualTo(SECOND / 2 + 1);
        assertThat(worstError).as("the smear really takes the full half second").isGreaterThan(SECOND / 2 - MS);
        // after the window the published time is plain POSIX time again
        assertThat(clock.nowNanos()).isEqualTo(axis.epochNanos() - SECOND);
    }

    private static boolean isNear(long t, long[] points) {
        for (long point : points) {
            if (Math.abs(t - point) <= 10 * SECOND) {
                return true;
            }
        }
        return false;
    }
}
