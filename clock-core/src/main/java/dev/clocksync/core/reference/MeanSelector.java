package dev.clocksync.core.reference;

import java.util.List;

/**
 * Textbook Berkeley: the mean of every eligible offset, all voting. A single wild clock drags it
 * anywhere, which is why it is only kept as a baseline to compare the other strategies with.
 */
final class MeanSelector implements ReferenceSelector {

    private final long maxDelayNanos;

    MeanSelector(long maxDelayNanos) {
        this.maxDelayNanos = maxDelayNanos;
    }

    @Override
    public Selection select(List<Candidate> candidates) {
        Electorate electorate = Electorate.of(candidates, maxDelayNanos);
        if (electorate.isEmpty()) {
            return electorate.nobodyVotes();
        }
        return electorate.chosen(electorate.mean(0, electorate.size()), i -> true, true);
    }
}
