package dev.clocksync.core.ntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clocksync.core.ntp.ClientRateLimiter.Decision;
import dev.clocksync.core.time.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    final ManualTimeSource time = new ManualTimeSource(0, 123_000_000_000L);

    @Test
    void aClientGetsItsBurstThenOneKissASecondThenNothing() {
        ClientRateLimiter limiter = new ClientRateLimiter(time, 3, 1, 10);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.admit("a")).isEqualTo(Decision.SERVE);
        }
        assertThat(limiter.admit("a")).isEqualTo(Decision.KISS);
        assertThat(limiter.admit("a")).isEqualTo(Decision.DROP);
        time.advance(Duration.ofMillis(999));
        assertThat(limiter.admit("a")).as("refilled 0.999 of a token").isEqualTo(Decision.DROP);
        time.advance(Duration.ofMillis(1));
        assertThat(limiter.admit("a")).isEqualTo(Decision.SERVE);
        assertThat(limiter.admit("a")).as("kissed a second ago").isEqualTo(Decision.KISS);
    }

    @Test
    void clientsAreLimitedApart() {
        ClientRateLimiter limiter = new ClientRateLimiter(time, 1, 1, 10);
        assertThat(limiter.admit("a")).isEqualTo(Decision.SERVE);
        assertThat(limiter.admit("b")).isEqualTo(Decision.SERVE);
        assertThat(limiter.admit("a")).isEqualTo(Decision.KISS);
    }

    @Test
    void theBucketNeverHoldsMoreThanTheBurst() {
        ClientRateLimiter limiter = new ClientRateLimiter(time, 2, 10, 10);
        limiter.admit("a");
        time.advance(Duration.ofHours(1));
        assertThat(limiter.admit("a")).isEqualTo(Decision.SERVE);
        assertThat(limiter.admit("a")).isEqualTo(Decision.SERVE);
        assertThat(limiter.admit("a")).isEqualTo(Decision.KISS);
    }

    @Test
    void theLongestIdleClientIsForgottenWhenTheTableIsFull() {
        ClientRateLimiter limiter = new ClientRateLimiter(time, 1, 0.001, 2);
        limiter.admit("a");
        limiter.admit("b");
        assertThat(limiter.admit("a")).as("a is remembered").isEqualTo(Decision.KISS);
        limiter.admit("c"); // b, idle longest, is forgotten
        assertThat(limiter.admit("b")).as("b starts afresh").isEqualTo(Decision.SERVE);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new ClientRateLimiter(time, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientRateLimiter(time, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientRateLimiter(time, 1, Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientRateLimiter(time, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxClients 0");
    }
}
