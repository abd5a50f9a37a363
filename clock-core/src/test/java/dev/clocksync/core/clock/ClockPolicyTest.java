package dev.clocksync.core.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClockPolicyTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertThat(ClockPolicy.defaults())
                .isEqualTo(new ClockPolicy(500, 128_000_000L, 3, 500.0, 15.0, 2_000_000_000L, 0.5));
    }

    @Test
    void rejectsEachInvalidComponentWithItsName() {
        assertInvalid(new Object[] {0L, 1L, 0, 0.0, 0.0, 1L, 0.5}, "maxSlewPpm");
        assertInvalid(new Object[] {1_000_000L, 1L, 0, 0.0, 0.0, 1L, 0.5}, "maxSlewPpm");
        assertInvalid(new Object[] {500L, 0L, 0, 0.0, 0.0, 1L, 0.5}, "stepThresholdNanos");
        assertInvalid(new Object[] {500L, 1L, -1, 0.0, 0.0, 1L, 0.5}, "makestepLimit");
        assertInvalid(new Object[] {500L, 1L, 0, -1.0, 0.0, 1L, 0.5}, "maxFrequencyPpm");
        assertInvalid(new Object[] {500L, 1L, 0, Double.NaN, 0.0, 1L, 0.5}, "maxFrequencyPpm");
        assertInvalid(new Object[] {500L, 1L, 0, 0.0, -0.1, 1L, 0.5}, "maxDriftPpm");
        assertInvalid(new Object[] {500L, 1L, 0, 0.0, Double.POSITIVE_INFINITY, 1L, 0.5}, "maxDriftPpm");
        assertInvalid(new Object[] {500L, 1L, 0, 0.0, 0.0, 0L, 0.5}, "updateIntervalNanos");
        assertInvalid(new Object[] {500L, 1L, 0, 0.0, 0.0, 1L, 1.5}, "frequencyGain");
        assertInvalid(new Object[] {500L, 1L, 0, 0.0, 0.0, 1L, Double.NaN}, "frequencyGain");
    }

    @Test
    void rejectsTheFirstValueBeyondEachUpperLimit() {
        assertInvalid(new Object[] {500L, 1L, 0, 1_000_000.0, 0.0, 1L, 0.5}, "maxFrequencyPpm");
        assertInvalid(new Object[] {500L, 1L, 0, 0.0, 1_000_000.0, 1L, 0.5}, "maxDriftPpm");
        assertInvalid(new Object[] {500L, 1L, 0, 0.0, 0.0, 1L, Math.nextUp(1.0)}, "frequencyGain");
        assertInvalid(new Object[] {500L, 1L, 0, 0.0, 0.0, 1L, -Double.MIN_VALUE}, "frequencyGain");
    }

    @Test
    void acceptsTheEdgesOfTheValidRanges() {
        assertThatCode(() -> new ClockPolicy(1, 1, 0, 0.0, 0.0, 1, 0.0)).doesNotThrowAnyException();
        assertThatCode(() -> new ClockPolicy(
                        999_999,
                        Long.MAX_VALUE,
                        Integer.MAX_VALUE,
                        Math.nextDown(1_000_000.0),
                        Math.nextDown(1_000_000.0),
                        Long.MAX_VALUE,
                        1.0))
                .doesNotThrowAnyException();
    }

    private static void assertInvalid(Object[] c, String component) {
        assertThatThrownBy(() -> new ClockPolicy(
                        (long) c[0], (long) c[1], (int) c[2], (double) c[3], (double) c[4], (long) c[5], (double) c[6]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(component);
    }
}
