package dev.clocksync.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ExchangeTest {

    private static final long SEED = 0x0FF5E7L;

    /** Daemon send times around today's epoch nanoseconds (2017 to 2033). */
    private static final Gen<Long> SEND_TIME = longs().between(1_500_000_000_000_000_000L, 2_000_000_000_000_000_000L);
    /** True agent-minus-daemon offsets up to +/- 3 days. */
    private static final Gen<Long> TRUE_OFFSET = longs().between(-259_200_000_000_000L, 259_200_000_000_000L);
    /** One-way network delays up to 2 s. */
    private static final Gen<Long> ONE_WAY_DELAY = longs().between(0L, 2_000_000_000L);
    /** Agent processing time up to 1 s. */
    private static final Gen<Long> PROCESSING = longs().between(0L, 1_000_000_000L);

    @Test
    void offsetIsExactAndDelayIsTheRoundTripOnASymmetricPath() {
        qt().withFixedSeed(SEED)
                .forAll(SEND_TIME, TRUE_OFFSET, ONE_WAY_DELAY, PROCESSING)
                .checkAssert((t1, offset, oneWay, processing) -> {
                    Exchange exchange = exchange(t1, offset, oneWay, oneWay, processing);

                    assertThat(exchange.offsetNanos()).isEqualTo(offset);
                    assertThat(exchange.delayNanos()).isEqualTo(2 * oneWay);
                    assertThat(exchange.sample().errorNanos()).isEqualTo(oneWay);
                });
    }

    @Test
    void offsetErrorIsAtMostHalfTheDelayOnAnAsymmetricPath() {
        qt().withFixedSeed(SEED)
                .forAll(TRUE_OFFSET, ONE_WAY_DELAY, ONE_WAY_DELAY, PROCESSING)
                .checkAssert((offset, outbound, inbound, processing) -> {
                    Sample sample = exchange(1_750_000_000_000_000_000L, offset, outbound, inbound, processing)
                            .sample();

                    assertThat(sample.delayNanos()).isEqualTo(outbound + inbound);
                    assertThat(Math.abs(sample.offsetNanos() - offset)).isLessThanOrEqualTo(sample.errorNanos());
                });
    }

    @Test
    void errorIsHalfTheDelayRoundedUp() {
        qt().withFixedSeed(SEED).forAll(longs().between(0L, Long.MAX_VALUE)).checkAssert(delay -> {
            long error = new Sample(0, delay).errorNanos();
            BigInteger twice = BigInteger.valueOf(error).shiftLeft(1);
            BigInteger exactDelay = BigInteger.valueOf(delay);

            assertThat(twice).isGreaterThanOrEqualTo(exactDelay);
            assertThat(twice.subtract(exactDelay)).isLessThanOrEqualTo(BigInteger.ONE);
        });
    }

    @Test
    void delayIsClampedAtZeroWhenProcessingLooksLongerThanTheRoundTrip() {
        // A coarse daemon clock read the same tick at T1 and T4 while the agent's fine clock saw 3 us pass.
        Exchange exchange = new Exchange(1_000_000L, 1_500_000L, 1_503_000L, 1_000_000L);

        assertThat(exchange.delayNanos()).isZero();
        assertThat(exchange.sample().errorNanos()).isZero();
    }

    @Test
    void offsetDoesNotOverflowForAbsurdAgentReadings() {
        // A rogue agent whose clock reads near Long.MAX_VALUE: (T2 - T1) + (T3 - T4) overflows a long.
        long t1 = 0;
        long t2 = Long.MAX_VALUE - 10;
        long t3 = Long.MAX_VALUE;
        long t4 = 5;
        BigInteger exactSum = BigInteger.valueOf(t2 - t1).add(BigInteger.valueOf(t3 - t4));
        long expected = exactSum.shiftRight(1).longValueExact(); // floor of half

        assertThat(new Exchange(t1, t2, t3, t4).offsetNanos()).isEqualTo(expected);
    }

    @Test
    void oddSumsAreRoundedDownWhateverTheSign() {
        assertThat(new Exchange(0, 1, 1, 1).offsetNanos()).isEqualTo(0); // (1 + 0) / 2 = 0.5
        assertThat(new Exchange(0, 0, 0, 1).offsetNanos()).isEqualTo(-1); // (0 - 1) / 2 = -0.5
    }

    @Test
    void rejectsAnswersArrivingBeforeTheRequestLeft() {
        assertThatThrownBy(() -> new Exchange(100, 200, 300, 99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T4");
    }

    @Test
    void rejectsAgentsAnsweringBeforeReceiving() {
        assertThatThrownBy(() -> new Exchange(100, 300, 299, 400))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T3");
    }

    @Test
    void rejectsNegativeDelayInASample() {
        assertThatThrownBy(() -> new Sample(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The daemon sends at {@code t1} (daemon clock); the agent's clock reads {@code offset} more
     * than the daemon's. The request takes {@code outbound}, the agent works {@code processing},
     * the answer takes {@code inbound}.
     */
    static Exchange exchange(long t1, long offset, long outbound, long inbound, long processing) {
        long t2 = t1 + outbound + offset;
        long t3 = t2 + processing;
        long t4 = t1 + outbound + processing + inbound;
        return new Exchange(t1, t2, t3, t4);
    }
}
