package dev.clocksync.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ClockFilterTest {

    private static final long SEED = 0xF117E5L;
    private static final long START = 1_750_000_000_000_000_000L;

    /** One exchange's path: out delay, back delay, processing. Few distinct values, so ties happen. */
    private record Path(long outbound, long inbound, long processing) {}

    private static final Gen<Path> PATH = longs().between(0, 20)
            .zip(
                    longs().between(0, 20),
                    longs().between(0, 5),
                    (out, back, work) -> new Path(out * 1_000, back * 1_000, work));

    @Test
    void picksTheSampleWithTheSmallestDelayAndTheEarliestAmongEqualOnes() {
        qt().withFixedSeed(SEED)
                .forAll(
                        lists().of(PATH).ofSizeBetween(1, 8),
                        longs().between(-1_000_000_000L, 1_000_000_000L),
                        integers().between(0, 1))
                .checkAssert((paths, offset, reversed) -> {
                    // Sent one after the other, 10 ms apart; the offset is the same each time but the
                    // path asymmetry changes every estimate, so the chosen sample identifies its exchange.
                    List<Exchange> exchanges = new ArrayList<>();
                    for (int i = 0; i < paths.size(); i++) {
                        Path p = paths.get(i);
                        exchanges.add(ExchangeTest.exchange(
                                START + i * 10_000_000L, offset, p.outbound(), p.inbound(), p.processing()));
                    }
                    long smallestRoundTrip = paths.stream()
                            .mapToLong(p -> p.outbound() + p.inbound())
                            .min()
                            .orElseThrow();
                    int firstSmallest = 0;
                    while (paths.get(firstSmallest).outbound()
                                    + paths.get(firstSmallest).inbound()
                            != smallestRoundTrip) {
                        firstSmallest++;
                    }
                    Path chosenPath = paths.get(firstSmallest);
                    if (reversed == 1) {
                        exchanges = exchanges.reversed(); // "earliest" is by send time, not list position
                    }

                    Sample sample = ClockFilter.minimumDelay(exchanges).orElseThrow();

                    assertThat(sample.delayNanos()).isEqualTo(smallestRoundTrip);
                    assertThat(sample.offsetNanos())
                            .isEqualTo(offset + Math.floorDiv(chosenPath.outbound() - chosenPath.inbound(), 2));
                });
    }

    @Test
    void ofEqualDelaysTakesTheEarliestExchange() {
        Exchange later = ExchangeTest.exchange(START + 1_000, 0, 3_000, 1_000, 0); // delay 4 us, offset +1 us
        Exchange earlier = ExchangeTest.exchange(START, 0, 1_000, 3_000, 0); // delay 4 us, offset -1 us

        assertThat(ClockFilter.minimumDelay(List.of(later, earlier))).contains(new Sample(-1_000, 4_000));
        assertThat(ClockFilter.minimumDelay(List.of(earlier, later))).contains(new Sample(-1_000, 4_000));
    }

    @Test
    void noExchangesNoSample() {
        assertThat(ClockFilter.minimumDelay(List.of())).isEmpty();
    }
}
