package dev.clocksync.core.reference;

/**
 * The median of the eligible offsets. Offsets further than gamma from it are reported as
 * falsetickers, though the median was taken over them too: a median needs no exclusion to resist
 * a minority of bad clocks. {@code majority} says whether the offsets within gamma of the median
 * are a strict majority of the eligible ones.
 */
final class MedianSelector implements Strategy {

    private final long gammaNanos;

    MedianSelector(long gammaNanos) {
        this.gammaNanos = gammaNanos;
    }

    @Override
    public Selection choose(Electorate electorate) {
        Median median = electorate.median();
        int n = electorate.size();
        boolean[] agrees = new boolean[n];
        int agreeing = 0;
        for (int i = 0; i < n; i++) {
            agrees[i] = !median.isFartherThan(gammaNanos, electorate.offset(i));
            agreeing += agrees[i] ? 1 : 0;
        }
        return electorate.chosen(median.value(), i -> agrees[i], electorate.isMajority(agreeing));
    }
}
