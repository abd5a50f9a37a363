package dev.clocksync.systemtest.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Rendered manifests, each parsed twice: as a plain YAML tree and into fabric8's typed model.
 * fabric8's classes keep fields they do not know in {@code additionalProperties} instead of
 * failing, so strictness is checked here: no model object may hold any, and serializing the
 * typed object must give back the very tree that was parsed (nothing dropped or reshaped).
 */
final class Manifests {

    /** Custom resources of the prometheus-operator: checked structurally by the tests. */
    static final Set<String> CUSTOM_KINDS = Set.of("ServiceMonitor", "PodMonitor", "PrometheusRule");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {}

    record Manifest(Map<String, Object> tree, HasMetadata resource) {

        String kind() {
            return resource.getKind();
        }

        String name() {
            return resource.getMetadata().getName();
        }

        @Override
        public String toString() {
            return kind() + "/" + name();
        }
    }

    /** Every non-empty document of a multi-document YAML stream. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> trees(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    /** Parses strictly; throws AssertionError naming every document and field that is not in the model. */
    static List<Manifest> parse(String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> tree : trees(yaml)) {
            String label = tree.get("kind") + "/" + name(tree);
            KubernetesResource parsed;
            try {
                parsed = SERIALIZATION.unmarshal(SERIALIZATION.asJson(tree), KubernetesResource.class);
            } catch (RuntimeException e) {
                problems.add(label + ": does not deserialize: " + e.getMessage());
                continue;
            }
            if (!(parsed instanceof HasMetadata resource)) {
                problems.add(label + ": not a Kubernetes object with metadata: " + parsed.getClass());
                continue;
            }
            if (resource instanceof GenericKubernetesResource) {
                if (!CUSTOM_KINDS.contains(resource.getKind())) {
                    problems.add(label + ": unknown kind " + tree.get("apiVersion") + " " + tree.get("kind"));
                }
            } else {
                problems.addAll(unknownFields(resource, label));
                Object roundTrip = SERIALIZATION.convertValue(resource, Map.class);
                if (!normalized(tree).equals(normalized(roundTrip))) {
                    problems.add(label + ": changes when read into the model and written back:\n  read    "
                            + normalized(tree) + "\n  written " + normalized(roundTrip));
                }
            }
            manifests.add(new Manifest(tree, resource));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    "manifests that fabric8's model does not fully accept:\n" + String.join("\n", problems));
        }
        return manifests;
    }

    private static Object name(Map<String, Object> tree) {
        return tree.get("metadata") instanceof Map<?, ?> metadata ? metadata.get("name") : null;
    }

    /** Paths of fields that landed in some model object's additionalProperties. */
    static List<String> unknownFields(Object model, String path) {
        List<String> found = new ArrayList<>();
        walk(model, path, found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class
                    || !getter.getName().startsWith("get")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                walk(child, path + "." + decapitalize(getter.getName().substring(3)), found);
            }
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** Numbers compared by value, and empty collections as absent (the model leaves them out). */
    private static Object normalized(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .filter(e -> e.getValue() != null && !isEmptyCollection(e.getValue()))
                    .collect(Collectors.toMap(e -> String.valueOf(e.getKey()), e -> normalized(e.getValue())));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Manifests::normalized).toList();
        }
        if (value instanceof Number number) {
            return new java.math.BigDecimal(number.toString()).stripTrailingZeros();
        }
        return Objects.toString(value);
    }

    private static boolean isEmptyCollection(Object value) {
        return (value instanceof Map<?, ?> map && map.isEmpty()) || (value instanceof List<?> list && list.isEmpty());
    }

    static List<Manifest> ofKind(List<Manifest> manifests, String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    static Manifest one(List<Manifest> manifests, String kind, String name) {
        return manifests.stream()
                .filter(m -> m.kind().equals(kind) && m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + manifests));
    }

    @SuppressWarnings("unchecked")
    static <T> T as(Manifest manifest, Class<T> type) {
        if (!type.isInstance(manifest.resource())) {
            throw new AssertionError(
                    manifest + " is a " + manifest.resource().getClass().getSimpleName());
        }
        return (T) manifest.resource();
    }
}
