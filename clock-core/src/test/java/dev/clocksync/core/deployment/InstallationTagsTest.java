package dev.clocksync.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InstallationTagsTest {

    @Test
    void configuredNamespaceAndClusterBecomeTags() {
        InstallationTags tags = InstallationTags.from(Map.of(
                "clocksync.metrics.namespace", "timing",
                "POD_NAMESPACE", "ignored",
                "clocksync.metrics.cluster", " prod-eu ")::get);

        assertThat(tags.asMap()).containsExactly(entry("cluster", "prod-eu"), entry("namespace", "timing"));
    }

    @Test
    void namespaceFallsBackToTheDownwardApiVariable() {
        assertThat(InstallationTags.from(Map.of("POD_NAMESPACE", "kube-time")::get)
                        .asMap())
                .containsExactly(entry("namespace", "kube-time"));
    }

    @Test
    void unknownOrBlankValuesAreLeftOut() {
        assertThat(InstallationTags.from(Map.of("clocksync.metrics.cluster", "  ")::get)
                        .asMap())
                .isEmpty();
    }
}
