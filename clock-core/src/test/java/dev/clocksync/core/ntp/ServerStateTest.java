package dev.clocksync.core.ntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clocksync.core.clock.ClockStatus;
import org.junit.jupiter.api.Test;

class ServerStateTest {

    static final long NOW = 1_795_000_000_000_000_000L;
    static final long MINUTE = 60_000_000_000L;

    @Test
    void aSynchronizedClockIsOfferedAtItsStratumWithItsBoundAndLastCorrection() {
        ServerState state = ServerState.of(ClockStatus.SYNCED, 80_000, 2_000_000_000L, NOW, 10, 5 * MINUTE);
        assertThat(state).isEqualTo(new ServerState(0, 10, 80_000, NOW - 2_000_000_000L));
        assertThat(state.synchronizedClock()).isTrue();
    }

    @Test
    void aClockNeverCorrectedCarriesTheAlarm() {
        ServerState state = ServerState.of(ClockStatus.UNKNOWN, Long.MAX_VALUE, -1, NOW, 10, 5 * MINUTE);
        assertThat(state).isEqualTo(new ServerState(3, 16, Long.MAX_VALUE, 0));
        assertThat(state.synchronizedClock()).isFalse();
    }

    @Test
    void aClockFreeRunningUpToTheLimitIsStillOfferedAndNotBeyond() {
        assertThat(ServerState.of(ClockStatus.FREE_RUNNING, 5_000_000, 5 * MINUTE, NOW, 10, 5 * MINUTE)
                        .leapIndicator())
                .isZero();
        assertThat(ServerState.of(ClockStatus.FREE_RUNNING, 5_000_000, 5 * MINUTE + 1, NOW, 10, 5 * MINUTE)
                        .stratum())
                .isEqualTo(16);
    }

    @Test
    void aDisruptedClockIsOfferedWithItsWiderBound() {
        assertThat(ServerState.of(ClockStatus.DISRUPTED, 300_000_000, 1_000, NOW, 4, 5 * MINUTE))
                .isEqualTo(new ServerState(0, 4, 300_000_000, NOW - 1_000));
    }

    @Test
    void theStratumOfAServerIsOneToFifteen() {
        assertThat(ServerState.of(ClockStatus.SYNCED, 1, 0, NOW, 1, MINUTE).stratum())
                .isEqualTo(1);
        assertThat(ServerState.of(ClockStatus.SYNCED, 1, 0, NOW, 15, MINUTE).stratum())
                .isEqualTo(15);
        assertThatThrownBy(() -> ServerState.of(ClockStatus.SYNCED, 1, 0, NOW, 0, MINUTE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerState.of(ClockStatus.SYNCED, 1, 0, NOW, 16, MINUTE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
