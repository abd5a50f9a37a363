package dev.clocksync.systemtest.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The parts of Prometheus's HTTP API (/api/v1) the tests use. */
final class PrometheusApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    PrometheusApi(URI base) {
        this.base = base;
    }

    /** One series' value at one time. */
    record Sample(Map<String, String> labels, double timestampSeconds, double value) {}

    /** Instant query evaluated now; an instant vector's samples (a scalar as one unlabelled sample). */
    List<Sample> query(String promql) {
        return samples(data("query", Map.of("query", promql)));
    }

    /** Instant query evaluated at {@code time}. */
    List<Sample> query(String promql, double timeSeconds) {
        return samples(data("query", Map.of("query", promql, "time", Double.toString(timeSeconds))));
    }

    /** The raw samples of a range-vector selector such as {@code metric[5m]}, oldest first, per series. */
    List<List<Sample>> rawSamples(String rangeSelector) {
        JsonNode data = data("query", Map.of("query", rangeSelector));
        List<List<Sample>> series = new ArrayList<>();
        for (JsonNode s : data.path("result")) {
            Map<String, String> labels = labels(s.path("metric"));
            List<Sample> values = new ArrayList<>();
            for (JsonNode v : s.path("values")) {
                values.add(
                        new Sample(labels, v.path(0).asDouble(), parse(v.path(1).asString())));
            }
            series.add(values);
        }
        return series;
    }

    /** Label sets of the series matching a selector. */
    List<Map<String, String>> series(String selector) {
        JsonNode data = data(
                "series",
                Map.of("match[]", selector, "start", Long.toString(Instant.now().getEpochSecond() - 600)));
        List<Map<String, String>> result = new ArrayList<>();
        for (JsonNode s : data) {
            result.add(labels(s));
        }
        return result;
    }

    /** Values of {@code label} among series matching {@code selector}. */
    Set<String> labelValues(String label, String selector) {
        JsonNode data = data("label/" + label + "/values", Map.of("match[]", selector));
        Set<String> values = new TreeSet<>();
        data.forEach(v -> values.add(v.asString()));
        return values;
    }

    /** Metric types as scraped, by metric family name. */
    Map<String, Set<String>> metadataTypes() {
        JsonNode data = data("metadata", Map.of());
        Map<String, Set<String>> types = new LinkedHashMap<>();
        for (String family : data.propertyNames()) {
            Set<String> set = new TreeSet<>();
            data.path(family).forEach(m -> set.add(m.path("type").asString()));
            types.put(family, set);
        }
        return types;
    }

    /** The loaded rule groups, as /api/v1/rules returns them. */
    JsonNode ruleGroups() {
        return data("rules", Map.of()).path("groups");
    }

    /** {@code up} of every target, by job and instance. */
    List<Sample> targetsUp() {
        return query("up");
    }

    boolean ready() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(base.resolve("/-/ready"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode data(String endpoint, Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        URI uri = base.resolve("/api/v1/" + endpoint + (query.isEmpty() ? "" : "?" + query));
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200
                    || !"success".equals(body.path("status").asString())) {
                throw new IllegalStateException("Prometheus " + uri + " answered " + response.statusCode() + ": "
                        + body.path("errorType").asString() + " "
                        + body.path("error").asString());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<Sample> samples(JsonNode data) {
        List<Sample> samples = new ArrayList<>();
        String type = data.path("resultType").asString();
        if ("scalar".equals(type)) {
            JsonNode v = data.path("result");
            samples.add(
                    new Sample(Map.of(), v.path(0).asDouble(), parse(v.path(1).asString())));
            return samples;
        }
        if (!"vector".equals(type)) {
            throw new IllegalStateException("expected an instant vector, got " + type);
        }
        for (JsonNode s : data.path("result")) {
            JsonNode v = s.path("value");
            samples.add(new Sample(
                    labels(s.path("metric")),
                    v.path(0).asDouble(),
                    parse(v.path(1).asString())));
        }
        return samples;
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String name : metric.propertyNames()) {
            labels.put(name, metric.path(name).asString());
        }
        return labels;
    }

    private static double parse(String value) {
        return switch (value) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }
}
