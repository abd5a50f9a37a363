package dev.clocksync.core.reference;

import java.util.List;

/**
 * Chooses the reference offset of a round from the agents' samples, tolerating a minority of
 * wrong clocks (falsetickers).
 *
 * <p>Rules shared by every strategy: a candidate whose delay exceeds the maximum delay is
 * {@link Verdict#TOO_SLOW} and has no influence at all; the others are eligible. The result does
 * not depend on the order of the input. Candidate ids must be unique. Selectors are stateless and
 * thread-safe.
 */
public interface ReferenceSelector {

    /** Selects the reference from this round's candidates. */
    Selection select(List<Candidate> candidates);

    /**
     * A selector for {@code strategy}.
     *
     * @param gammaNanos how far apart two offsets may be and still agree (cluster width for
     *     {@link ReferenceStrategy#GAMMA_CLUSTER}, falseticker distance for {@link
     *     ReferenceStrategy#MEDIAN}); not used by the other strategies
     * @param maxDelayNanos samples with a longer round trip do not vote
     */
    static ReferenceSelector of(ReferenceStrategy strategy, long gammaNanos, long maxDelayNanos) {
        if (gammaNanos < 0) {
            throw new IllegalArgumentException("gamma must not be negative, got " + gammaNanos + " ns");
        }
        if (maxDelayNanos < 0) {
            throw new IllegalArgumentException("max delay must not be negative, got " + maxDelayNanos + " ns");
        }
        Strategy chosen = switch (strategy) {
            case GAMMA_CLUSTER -> new GammaClusterSelector(gammaNanos);
            case MEDIAN -> new MedianSelector(gammaNanos);
            case MEAN -> new MeanSelector();
            case INTERSECTION -> new IntersectionSelector();
        };
        return candidates -> {
            Electorate electorate = Electorate.of(candidates, maxDelayNanos);
            return electorate.isEmpty() ? electorate.nobodyVotes() : chosen.choose(electorate);
        };
    }
}
