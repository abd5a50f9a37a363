package dev.clocksync.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SigningKeysTest {

    @Test
    void aKeyOfSixteenBytesOrMoreIsItsUtf8Bytes() {
        assertThat(SigningKeys.require("0123456789abcdef", "p")).hasSize(16);
        assertThat(SigningKeys.require("ééééééééé", "p"))
                .as("9 characters, 18 bytes")
                .hasSize(18);
    }

    @Test
    void aMissingOrShortKeyIsRefusedNamingTheProperty() {
        for (String bad : new String[] {null, "", "0123456789abcde"}) {
            assertThatThrownBy(() -> SigningKeys.require(bad, "clocksync.agent.security.hmac-key"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("clocksync.agent.security.hmac-key (env CLOCKSYNC_HMAC_KEY) must be set to a shared key"
                            + " of at least 16 bytes");
        }
    }
}
