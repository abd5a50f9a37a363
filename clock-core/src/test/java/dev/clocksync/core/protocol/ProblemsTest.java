package dev.clocksync.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void aCauseNamesItsProblemType() {
        assertThat(Problems.type("stale-term")).isEqualTo(URI.create("https://clocksync.dev/problems/stale-term"));
    }

    @Test
    void aCauseIsLowerCaseWordsJoinedByDashes() {
        for (String bad : new String[] {null, "", "Stale", "stale term", "-x", "a/b"}) {
            assertThatThrownBy(() -> Problems.type(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
