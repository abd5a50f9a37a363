package dev.clocksync.systemtest.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.systemtest.helm.ManifestChecks.Expect;
import dev.clocksync.systemtest.helm.Manifests.Manifest;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plain manifests under k8s/ (kubectl kustomize, no Helm) pass the chart's checks and are
 * the chart's rendering with the overlay's values, but for the tool-specific labels and the
 * Secret (random in the chart, a development key in dev, created by hand in prod).
 */
class KustomizeTest {

    @ParameterizedTest
    @CsvSource({"dev, Deployment", "prod, DaemonSet"})
    void overlayRendersAndMeetsTheInvariants(String overlay, String agentKind) {
        List<Manifest> manifests = Manifests.parse(Tools.kustomize("overlays/" + overlay));
        ManifestChecks.checkAll(manifests, new Expect("clocksync", "clocksync", "kustomize", null));
        Object agent = ManifestChecks.workload(manifests, "agent").manifest().resource();
        assertThat(agent).isInstanceOf(agentKind.equals("Deployment") ? Deployment.class : DaemonSet.class);
        assertThat(ManifestChecks.value(ManifestChecks.workload(manifests, "agent"), "CLOCKSYNC_AGENT_CLOCK_MODE"))
                .isEqualTo(overlay.equals("dev") ? "simulated" : "host");
        assertThat(HelmChartTest.names(manifests, "Secret"))
                .as("a key in git only for development")
                .isEqualTo(overlay.equals("dev") ? List.of("clocksync-hmac") : List.of());
    }

    @ParameterizedTest
    @CsvSource({"dev", "prod"})
    void overlayIsTheChartRenderedWithItsValues(String overlay) {
        Map<String, Object> kustomized = byKindAndName(Tools.kustomize("overlays/" + overlay));
        Map<String, Object> charted = byKindAndName(Tools.render(
                "clocksync",
                "clocksync",
                List.of(
                        "-f",
                        Tools.KUSTOMIZE
                                .resolve("helm-values/" + overlay + ".yaml")
                                .toString())));
        kustomized.keySet().removeIf(key -> key.startsWith("Secret/"));
        charted.keySet().removeIf(key -> key.startsWith("Secret/"));
        assertThat(kustomized.keySet())
                .as(
                        "k8s/overlays/%s renders the chart's objects (run k8s/generate.sh after changing the chart)",
                        overlay)
                .containsExactlyInAnyOrderElementsOf(charted.keySet());
        for (String key : charted.keySet()) {
            assertThat(kustomized.get(key))
                    .as(
                            "%s in k8s/overlays/%s equals the chart's (run k8s/generate.sh after changing the chart)",
                            key, overlay)
                    .isEqualTo(charted.get(key));
        }
    }

    /** Documents by kind/name, with the labels that say which tool made them left out. */
    private static Map<String, Object> byKindAndName(String yaml) {
        Map<String, Object> documents = new TreeMap<>();
        for (Map<String, Object> tree : Manifests.trees(yaml)) {
            Map<?, ?> metadata = (Map<?, ?>) tree.get("metadata");
            documents.put(tree.get("kind") + "/" + metadata.get("name"), withoutToolLabels(tree));
        }
        return documents;
    }

    private static Object withoutToolLabels(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((key, item) -> {
                if (!key.equals("helm.sh/chart") && !key.equals("app.kubernetes.io/managed-by")) {
                    copy.put(String.valueOf(key), withoutToolLabels(item));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(withoutToolLabels(item)));
            return copy;
        }
        return value;
    }
}
