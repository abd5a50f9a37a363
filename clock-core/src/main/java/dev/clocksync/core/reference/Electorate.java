package dev.clocksync.core.reference;

import dev.clocksync.core.math.ExactMath;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The candidates of one round split into those too slow to vote and the eligible ones, the latter
 * sorted by (offset, id) so that every strategy sees them in the same order whatever the input
 * order was.
 */
final class Electorate {

    private static final Comparator<Candidate> BY_OFFSET_THEN_ID =
            Comparator.comparingLong(Candidate::offsetNanos).thenComparing(Candidate::id);

    private final List<Candidate> eligible;
    private final List<Candidate> tooSlow;
    private final long[] offsets;
    /** prefixSums[i] = sum of offsets[0..i), exact. */
    private final BigInteger[] prefixSums;

    private Electorate(List<Candidate> eligible, List<Candidate> tooSlow) {
        this.eligible = eligible;
        this.tooSlow = tooSlow;
        this.offsets = eligible.stream().mapToLong(Candidate::offsetNanos).toArray();
        this.prefixSums = new BigInteger[offsets.length + 1];
        prefixSums[0] = BigInteger.ZERO;
        for (int i = 0; i < offsets.length; i++) {
            prefixSums[i + 1] = prefixSums[i].add(BigInteger.valueOf(offsets[i]));
        }
    }

    static Electorate of(List<Candidate> candidates, long maxDelayNanos) {
        Set<String> ids = new HashSet<>();
        List<Candidate> eligible = new ArrayList<>();
        List<Candidate> tooSlow = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (!ids.add(candidate.id())) {
                throw new IllegalArgumentException("duplicate candidate id " + candidate.id());
            }
            (candidate.delayNanos() > maxDelayNanos ? tooSlow : eligible).add(candidate);
        }
        eligible.sort(BY_OFFSET_THEN_ID);
        return new Electorate(List.copyOf(eligible), List.copyOf(tooSlow));
    }

    boolean isEmpty() {
        return eligible.isEmpty();
    }

    int size() {
        return eligible.size();
    }

    /** The eligible candidates, sorted by (offset, id). */
    List<Candidate> eligible() {
        return eligible;
    }

    /** The eligible offsets, sorted. */
    long offset(int index) {
        return offsets[index];
    }

    /** Exact sum of the sorted offsets in {@code [from, to)}. */
    BigInteger sum(int from, int to) {
        return prefixSums[to].subtract(prefixSums[from]);
    }

    /** Mean of the sorted offsets in {@code [from, to)}, rounded down. */
    long mean(int from, int to) {
        return ExactMath.floorDivide(sum(from, to), to - from);
    }

    Median median() {
        return Median.of(offsets);
    }

    /** Whether {@code count} eligible candidates are more than half of them. */
    boolean isMajority(long count) {
        return 2 * count > eligible.size();
    }

    /** No reference: nobody may vote. */
    Selection nobodyVotes() {
        return new Selection(OptionalLong.empty(), verdicts(i -> false), false);
    }

    /** No majority agreed: the median of all eligible offsets, all of them voting. */
    Selection medianFallback() {
        return new Selection(OptionalLong.of(median().value()), verdicts(i -> true), false);
    }

    /**
     * The reference {@code referenceNanos}, chosen by the eligible candidates at the sorted
     * positions {@code votes} accepts; the other eligible ones are falsetickers.
     */
    Selection chosen(long referenceNanos, IntPredicate votes, boolean majority) {
        return new Selection(OptionalLong.of(referenceNanos), verdicts(votes), majority);
    }

    private Map<String, Verdict> verdicts(IntPredicate votes) {
        Map<String, Verdict> verdicts = new HashMap<>();
        for (int i = 0; i < eligible.size(); i++) {
            verdicts.put(eligible.get(i).id(), votes.test(i) ? Verdict.VOTING : Verdict.FALSETICKER);
        }
        tooSlow.forEach(candidate -> verdicts.put(candidate.id(), Verdict.TOO_SLOW));
        return verdicts;
    }
}
