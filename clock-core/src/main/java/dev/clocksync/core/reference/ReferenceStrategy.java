package dev.clocksync.core.reference;

/** How the daemon turns the agents' offsets into one reference offset. */
public enum ReferenceStrategy {
    /**
     * Gusella &amp; Zatti: the mean of the largest set of offsets that agree pairwise within gamma,
     * if that set is a majority; otherwise the median. The default.
     */
    GAMMA_CLUSTER,
    /** The median; offsets further than gamma from it are reported as falsetickers. */
    MEDIAN,
    /** The plain mean of every offset, as in textbook Berkeley: one bad clock moves it. A baseline. */
    MEAN,
    /**
     * Marzullo: the midpoint of the region covered by most {@code offset ± delay/2} intervals, if
     * a majority covers it; otherwise the median.
     */
    INTERSECTION
}
