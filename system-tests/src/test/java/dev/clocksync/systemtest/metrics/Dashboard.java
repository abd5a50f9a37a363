package dev.clocksync.systemtest.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Grafana dashboard's PromQL: every panel target and every template variable. */
record Dashboard(JsonNode json) {

    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*(\\w+)\\s*\\)$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");

    /** One query of one panel. */
    record Query(String panel, String refId, String expr) {}

    /** A template variable whose values come from a {@code label_values(selector, label)} query. */
    record LabelValuesVariable(String name, String selector, String label) {}

    static Dashboard read(Path file) {
        try {
            return new Dashboard(JsonMapper.builder().build().readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uid() {
        return json.path("uid").asString();
    }

    /** Every target's expression, rows' nested panels included. */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        collect(json.path("panels"), queries);
        return queries;
    }

    private static void collect(JsonNode panels, List<Query> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                into.add(new Query(
                        panel.path("title").asString(),
                        target.path("refId").asString(),
                        target.path("expr").asString()));
            }
            collect(panel.path("panels"), into);
        }
    }

    /** Variables by name, with their type. */
    Map<String, String> variableTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode variable : json.path("templating").path("list")) {
            types.put(variable.path("name").asString(), variable.path("type").asString());
        }
        return types;
    }

    /** Query variables, in dashboard order (a later one may refer to an earlier one). */
    List<LabelValuesVariable> labelValuesVariables() {
        List<LabelValuesVariable> variables = new ArrayList<>();
        for (JsonNode variable : json.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asString())) {
                continue;
            }
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asString() : query.asString();
            Matcher m = LABEL_VALUES.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalStateException(
                        "variable " + variable.path("name").asString() + ": not a label_values query: " + text);
            }
            variables.add(new LabelValuesVariable(
                    variable.path("name").asString(), m.group(1).strip(), m.group(2)));
        }
        return variables;
    }

    /** The current value of a custom or constant variable. */
    String currentValue(String name) {
        for (JsonNode variable : json.path("templating").path("list")) {
            if (name.equals(variable.path("name").asString())) {
                JsonNode value = variable.path("current").path("value");
                return value.isArray() ? value.path(0).asString() : value.asString();
            }
        }
        throw new IllegalArgumentException("no variable " + name);
    }

    /** Replaces $name, ${name} and [[name]] with the given values; unknown names stay. */
    static String substitute(String expr, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(name, m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Variable names still present in an expression. */
    static List<String> variablesIn(String expr) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(expr);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
