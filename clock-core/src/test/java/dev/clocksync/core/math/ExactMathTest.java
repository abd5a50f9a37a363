package dev.clocksync.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ExactMathTest {

    private static final long MAX = Long.MAX_VALUE;
    private static final long MIN = Long.MIN_VALUE;

    @Test
    void floorAverageRoundsDownAndNeverOverflows() {
        assertThat(ExactMath.floorAverage(3, 4)).isEqualTo(3);
        assertThat(ExactMath.floorAverage(-3, -4)).isEqualTo(-4);
        assertThat(ExactMath.floorAverage(-3, 4)).isEqualTo(0);
        assertThat(ExactMath.floorAverage(MAX, MAX)).isEqualTo(MAX);
        assertThat(ExactMath.floorAverage(MIN, MIN)).isEqualTo(MIN);
        assertThat(ExactMath.floorAverage(MIN, MAX)).isEqualTo(-1);
    }

    @Test
    void floorDivideRoundsTowardsMinusInfinity() {
        assertThat(ExactMath.floorDivide(BigInteger.valueOf(7), 2)).isEqualTo(3);
        assertThat(ExactMath.floorDivide(BigInteger.valueOf(-7), 2)).isEqualTo(-4);
        assertThat(ExactMath.floorDivide(BigInteger.valueOf(-6), 2)).isEqualTo(-3);
        BigInteger threeMinimums = BigInteger.valueOf(MIN).multiply(BigInteger.valueOf(3));
        assertThat(ExactMath.floorDivide(threeMinimums.add(BigInteger.ONE), 3)).isEqualTo(MIN);
        assertThatThrownBy(() -> ExactMath.floorDivide(threeMinimums, 2)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void saturatedAddStopsAtTheEndsOfTheRange() {
        assertThat(ExactMath.saturatedAdd(MAX - 1, 1)).isEqualTo(MAX);
        assertThat(ExactMath.saturatedAdd(MAX - 1, 2)).isEqualTo(MAX);
        assertThat(ExactMath.saturatedAdd(1, MAX)).isEqualTo(MAX);
        assertThat(ExactMath.saturatedAdd(MIN + 1, -1)).isEqualTo(MIN);
        assertThat(ExactMath.saturatedAdd(MIN + 1, -2)).isEqualTo(MIN);
        assertThat(ExactMath.saturatedAdd(-1, MIN)).isEqualTo(MIN);
        assertThat(ExactMath.saturatedAdd(MAX, MIN)).isEqualTo(-1);
        assertThat(ExactMath.saturatedAdd(-5, 3)).isEqualTo(-2);
    }

    @Test
    void saturatedSubtractStopsAtTheEndsOfTheRange() {
        assertThat(ExactMath.saturatedSubtract(MIN + 1, 1)).isEqualTo(MIN);
        assertThat(ExactMath.saturatedSubtract(MIN + 1, 2)).isEqualTo(MIN);
        assertThat(ExactMath.saturatedSubtract(MAX - 1, -2)).isEqualTo(MAX);
        assertThat(ExactMath.saturatedSubtract(0, MIN)).isEqualTo(MAX);
        assertThat(ExactMath.saturatedSubtract(-1, MIN)).isEqualTo(MAX);
        assertThat(ExactMath.saturatedSubtract(-2, MAX)).isEqualTo(MIN);
        assertThat(ExactMath.saturatedSubtract(-1, MAX)).isEqualTo(MIN);
        assertThat(ExactMath.saturatedSubtract(5, 8)).isEqualTo(-3);
    }

    @Test
    void halfUpIsTheErrorBoundOfADelay() {
        assertThat(ExactMath.halfUp(0)).isZero();
        assertThat(ExactMath.halfUp(1)).isEqualTo(1);
        assertThat(ExactMath.halfUp(4)).isEqualTo(2);
        assertThat(ExactMath.halfUp(MAX)).isEqualTo(MAX / 2 + 1);
    }
}
