package dev.clocksync.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdjustmentRequestTest {

    @Test
    void withoutABasisThereIsNoBasisCheck() {
        AdjustmentRequest request =
                new AdjustmentRequest("daemon-0", 3L, 7L, -1_500L, 1_700_000_000L, 40_000L, "nonce");

        assertThat(request.hasBasis()).isFalse();
        assertThat(request.basisTerm()).isNull();
        assertThat(request.basisRound()).isNull();
        assertThat(request.errorNanos()).isEqualTo(40_000L);
        assertThat(request.probeNonce()).isEqualTo("nonce");
        assertThat(request.reference()).as("not named").isNull();
    }

    @Test
    void aBasisNeedsBothItsTermAndItsRound() {
        assertThat(request(2L, 6L).hasBasis()).isTrue();
        assertThat(request(0L, 0L).hasBasis()).isTrue();
        assertThat(request(2L, null).hasBasis()).isFalse();
        assertThat(request(null, 6L).hasBasis()).isFalse();
        assertThat(request(null, null).hasBasis()).isFalse();
    }

    @Test
    void aMissingMeasurementErrorCountsAsZero() {
        AdjustmentRequest silent = new AdjustmentRequest("daemon-0", 3L, 7L, -1_500L, 1_700_000_000L, null, "nonce");
        AdjustmentRequest told = new AdjustmentRequest("daemon-0", 3L, 7L, -1_500L, 1_700_000_000L, 40_000L, "nonce");

        assertThat(silent.errorOrZero()).isZero();
        assertThat(told.errorOrZero()).isEqualTo(40_000L);
    }

    private static AdjustmentRequest request(Long basisTerm, Long basisRound) {
        return new AdjustmentRequest(
                "daemon-0", 3L, 7L, -1_500L, 1_700_000_000L, 40_000L, basisTerm, basisRound, "nonce", null);
    }
}
