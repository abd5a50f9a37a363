package dev.clocksync.core.exchange;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * NTP's clock filter reduced to its core: of several exchanges with one agent, trust the one
 * with the shortest round trip, whose offset has the tightest error bound.
 */
public final class ClockFilter {

    private static final Comparator<Exchange> SHORTEST_THEN_EARLIEST =
            Comparator.comparingLong(Exchange::delayNanos).thenComparingLong(Exchange::t1);

    private ClockFilter() {}

    /**
     * The sample of the exchange with the smallest delay; among equal delays the one sent first
     * (smallest T1; for equal T1, the first in the list). Empty for an empty list.
     */
    public static Optional<Sample> minimumDelay(List<Exchange> exchanges) {
        // Stream.min keeps the first of equal elements, which settles the last tie by list order.
        return exchanges.stream().min(SHORTEST_THEN_EARLIEST).map(Exchange::sample);
    }
}
