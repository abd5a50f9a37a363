package dev.clocksync.core.reference;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.clocksync.core.math.ExactMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/** Generated rounds: honest clocks, a minority of falsetickers, shuffled ids. */
final class Scenarios {

    static final long MAX_DELAY = 10_000_000L;
    static final long THREE_HOURS = 3 * 3_600_000_000_000L;
    static final long DAY = 86_400_000_000_000L;

    private static final Gen<Long> GAMMA = longs().between(0, 50_000_000L);
    private static final Gen<Long> CENTER = longs().between(-DAY, DAY);
    private static final Gen<Long> DELAY = longs().between(0, MAX_DELAY);

    private Scenarios() {}

    /**
     * A round with {@code f} falsetickers among {@code n >= 2f + 1} clocks.
     *
     * @param honest the honest candidates
     * @param falsetickers the falsetickers
     * @param all every candidate, in no meaningful order
     */
    record Scenario(long gammaNanos, List<Candidate> honest, List<Candidate> falsetickers, List<Candidate> all) {

        long minHonest() {
            return honest.stream().mapToLong(Candidate::offsetNanos).min().orElseThrow();
        }

        long maxHonest() {
            return honest.stream().mapToLong(Candidate::offsetNanos).max().orElseThrow();
        }
    }

    /** Honest clocks within gamma of each other; falsetickers up to hours off, but beyond gamma from every honest clock. */
    static Gen<Scenario> farFalsetickers() {
        return rs -> {
            long gamma = GAMMA.generate(rs);
            int f = integers().between(0, 4).generate(rs);
            long[] honest = honestOffsets(rs, gamma, f);
            long low = min(honest);
            long high = max(honest);
            long[] falsetickers = new long[f];
            for (int i = 0; i < f; i++) {
                // Half of them just beyond gamma, where a sloppy cluster bound would let them in.
                Gen<Long> distance =
                        booleans().all().generate(rs) ? longs().between(1, gamma + 1) : longs().between(1, THREE_HOURS);
                long beyond = distance.generate(rs);
                falsetickers[i] = booleans().all().generate(rs) ? high + gamma + beyond : low - gamma - beyond;
            }
            return scenario(rs, gamma, honest, falsetickers);
        };
    }

    /**
     * Honest clocks within gamma of each other; falsetickers anywhere: within the honest range,
     * just around it, hours away, or colluding on one value.
     */
    static Gen<Scenario> falsetickersAnywhere() {
        return rs -> {
            long gamma = GAMMA.generate(rs);
            int f = integers().between(0, 4).generate(rs);
            long[] honest = honestOffsets(rs, gamma, f);
            long low = min(honest);
            long high = max(honest);
            long[] falsetickers = new long[f];
            for (int i = 0; i < f; i++) {
                falsetickers[i] = switch (integers().between(0, 3).generate(rs)) {
                    case 0 -> longs().between(low, high).generate(rs);
                    case 1 ->
                        longs().between(low - 2 * gamma - 1, high + 2 * gamma + 1)
                                .generate(rs);
                    case 2 ->
                        longs().between(low - THREE_HOURS, high + THREE_HOURS).generate(rs);
                    default -> i > 0 ? falsetickers[i - 1] : high + gamma + 1;
                };
            }
            return scenario(rs, gamma, honest, falsetickers);
        };
    }

    /**
     * Honest clocks whose {@code offset ± delay/2} intervals all contain the true offset;
     * falsetickers whose intervals overlap no honest one.
     */
    static Gen<Scenario> disjointIntervals() {
        return rs -> {
            long trueOffset = CENTER.generate(rs);
            int f = integers().between(0, 4).generate(rs);
            int h = integers().between(f + 1, f + 6).generate(rs);
            List<Candidate> honest = new ArrayList<>();
            long lowestHonestBound = Long.MAX_VALUE;
            long highestHonestBound = Long.MIN_VALUE;
            for (int i = 0; i < h; i++) {
                long delay = DELAY.generate(rs);
                long halfWidth = ExactMath.halfUp(delay);
                long offset =
                        trueOffset + longs().between(-halfWidth, halfWidth).generate(rs);
                honest.add(new Candidate("", offset, delay));
                lowestHonestBound = Math.min(lowestHonestBound, offset - halfWidth);
                highestHonestBound = Math.max(highestHonestBound, offset + halfWidth);
            }
            List<Candidate> falsetickers = new ArrayList<>();
            for (int i = 0; i < f; i++) {
                long delay = DELAY.generate(rs);
                long halfWidth = ExactMath.halfUp(delay);
                Gen<Long> distance =
                        booleans().all().generate(rs) ? longs().between(1, 1_000) : longs().between(1, THREE_HOURS);
                long beyond = distance.generate(rs);
                long offset = booleans().all().generate(rs)
                        ? highestHonestBound + halfWidth + beyond
                        : lowestHonestBound - halfWidth - beyond;
                falsetickers.add(new Candidate("", offset, delay));
            }
            return named(rs, 0, honest, falsetickers);
        };
    }

    private static long[] honestOffsets(RandomnessSource rs, long gamma, int f) {
        int h = integers().between(f + 1, f + 6).generate(rs);
        long center = CENTER.generate(rs);
        long[] offsets = new long[h];
        for (int i = 0; i < h; i++) {
            offsets[i] = center + longs().between(0, gamma).generate(rs);
        }
        return offsets;
    }

    private static Scenario scenario(RandomnessSource rs, long gamma, long[] honestOffsets, long[] falseOffsets) {
        List<Candidate> honest = new ArrayList<>();
        for (long offset : honestOffsets) {
            honest.add(new Candidate("", offset, DELAY.generate(rs)));
        }
        List<Candidate> falsetickers = new ArrayList<>();
        for (long offset : falseOffsets) {
            falsetickers.add(new Candidate("", offset, DELAY.generate(rs)));
        }
        return named(rs, gamma, honest, falsetickers);
    }

    /** Gives the candidates ids in a random order, so ids say nothing about honesty. */
    private static Scenario named(
            RandomnessSource rs, long gamma, List<Candidate> honest, List<Candidate> falsetickers) {
        int n = honest.size() + falsetickers.size();
        List<Integer> numbers = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(numbers, new Random(longs().all().generate(rs)));
        List<Candidate> namedHonest = new ArrayList<>();
        List<Candidate> namedFalse = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Candidate c = i < honest.size() ? honest.get(i) : falsetickers.get(i - honest.size());
            Candidate named = new Candidate("agent-%02d".formatted(numbers.get(i)), c.offsetNanos(), c.delayNanos());
            (i < honest.size() ? namedHonest : namedFalse).add(named);
        }
        List<Candidate> all = new ArrayList<>(namedHonest);
        all.addAll(namedFalse);
        all.sort(Comparator.comparing(Candidate::id));
        return new Scenario(gamma, List.copyOf(namedHonest), List.copyOf(namedFalse), List.copyOf(all));
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
