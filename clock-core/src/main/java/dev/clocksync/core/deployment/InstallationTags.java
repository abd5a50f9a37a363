package dev.clocksync.core.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Tags that tell installations apart, for every meter of both services: {@code namespace} from
 * {@code clocksync.metrics.namespace}, else the {@code POD_NAMESPACE} environment variable (the
 * downward API), and {@code cluster} from {@code clocksync.metrics.cluster}. Unknown ones are left
 * out rather than exported empty.
 *
 * @param namespace Kubernetes namespace, or null
 * @param cluster cluster name, or null
 */
public record InstallationTags(String namespace, String cluster) {

    /** Reads the settings through a property lookup (the Spring environment in the services). */
    public static InstallationTags from(UnaryOperator<String> property) {
        String namespace = property.apply("clocksync.metrics.namespace");
        if (isBlank(namespace)) {
            namespace = property.apply("POD_NAMESPACE");
        }
        String cluster = property.apply("clocksync.metrics.cluster");
        return new InstallationTags(
                isBlank(namespace) ? null : namespace.strip(), isBlank(cluster) ? null : cluster.strip());
    }

    /** The known tags by name. */
    public Map<String, String> asMap() {
        Map<String, String> tags = new LinkedHashMap<>();
        if (cluster != null) {
            tags.put("cluster", cluster);
        }
        if (namespace != null) {
            tags.put("namespace", namespace);
        }
        return tags;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
