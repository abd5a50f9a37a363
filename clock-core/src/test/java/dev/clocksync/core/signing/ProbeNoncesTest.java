package dev.clocksync.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clocksync.core.signing.ProbeNonces.Freshness;
import dev.clocksync.core.time.ManualTimeSource;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ProbeNoncesTest {

    final ManualTimeSource time = new ManualTimeSource(1_795_000_000_000_000_000L, -5_000_000_000L);
    final ProbeNonces nonces = new ProbeNonces(time, Duration.ofSeconds(30));

    @Test
    void aNonceIsFreshUpToItsMaximumAgeOnTheMonotonicClockAndStaleAfter() {
        String nonce = nonces.issue();
        assertThat(nonces.check(nonce)).isEqualTo(Freshness.FRESH);
        time.advance(Duration.ofSeconds(30));
        assertThat(nonces.check(nonce)).isEqualTo(Freshness.FRESH);
        time.advance(1);
        assertThat(nonces.check(nonce)).isEqualTo(Freshness.STALE);
    }

    @Test
    void theWallClockDoesNotMatter() {
        String nonce = nonces.issue();
        time.stepEpoch(Duration.ofHours(-12).toNanos());
        assertThat(nonces.check(nonce)).isEqualTo(Freshness.FRESH);
    }

    @Test
    void anotherIssuersNonceIsUnknownEvenWithTheSameTime() {
        ProbeNonces other = new ProbeNonces(time, Duration.ofSeconds(30));
        assertThat(nonces.check(other.issue())).isEqualTo(Freshness.UNKNOWN);
    }

    @Test
    void aTamperedNonceIsUnknown() {
        byte[] bytes = Base64.getUrlDecoder().decode(nonces.issue());
        bytes[3] ^= 1; // claims another issue time
        assertThat(nonces.check(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
                .isEqualTo(Freshness.UNKNOWN);
        bytes = Base64.getUrlDecoder().decode(nonces.issue());
        bytes[bytes.length - 1] ^= 1; // a wrong MAC
        assertThat(nonces.check(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
                .isEqualTo(Freshness.UNKNOWN);
    }

    @Test
    void somethingThatIsNotANonceIsMalformed() {
        String nonce = nonces.issue();
        assertThat(nonces.check(null)).isEqualTo(Freshness.MALFORMED);
        assertThat(nonces.check("not base64!")).isEqualTo(Freshness.MALFORMED);
        assertThat(nonces.check(nonce.substring(0, nonce.length() - 2))).isEqualTo(Freshness.MALFORMED);
        assertThat(nonces.check(nonce + "AAAA")).isEqualTo(Freshness.MALFORMED);
        assertThat(nonces.check("")).isEqualTo(Freshness.MALFORMED);
    }

    @Test
    void noncesAreShortAndUrlSafe() {
        assertThat(nonces.issue()).hasSize(32).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void theMaximumAgeMustBePositive() {
        assertThatThrownBy(() -> new ProbeNonces(time, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
