package dev.clocksync.core.reference;

/**
 * Textbook Berkeley: the mean of every eligible offset, all voting. A single wild clock drags it
 * anywhere, which is why it is only kept as a baseline to compare the other strategies with.
 */
final class MeanSelector implements Strategy {

    @Override
    public Selection choose(Electorate electorate) {
        return electorate.chosen(electorate.mean(0, electorate.size()), i -> true, true);
    }
}
