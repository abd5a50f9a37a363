package dev.clocksync.systemtest.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clocksync.systemtest.process.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chart's README documents every value: its table is the one {@link ValuesDoc} makes from the
 * comments of values.yaml, and {@code helm show readme} prints the README.
 */
class ChartReadmeTest {

    static final Path README = Tools.CHART.resolve("README.md");
    static final String TABLE_START = "<!-- values table: generated from values.yaml, see the paragraph above -->\n";
    static final String TABLE_END = "<!-- end of the values table -->\n";

    @Test
    void valueTableIsTheOneValuesYamlDescribes() throws IOException {
        String readme = Files.readString(README);
        String expected = ValuesDoc.table(Files.readString(Tools.CHART.resolve("values.yaml")));
        int start = readme.indexOf(TABLE_START);
        int end = readme.indexOf(TABLE_END);
        assertThat(start).as("README.md has the line " + TABLE_START.strip()).isNotNegative();
        assertThat(end).as("README.md has the line " + TABLE_END.strip()).isGreaterThan(start);
        String actual = readme.substring(start + TABLE_START.length(), end);
        if (!actual.equals(expected)) {
            Path written = ProjectPaths.root().resolve("system-tests/target/chart-README.md");
            Files.createDirectories(written.getParent());
            Files.writeString(
                    written, readme.substring(0, start + TABLE_START.length()) + expected + readme.substring(end));
            assertThat(actual)
                    .as(
                            "helm/clocksync/README.md's value table differs from values.yaml's comments; the README"
                                    + " with the table made from them is in %s:\n  cp %s %s\n",
                            written,
                            ProjectPaths.root().relativize(written),
                            ProjectPaths.root().relativize(README))
                    .isEqualTo(expected);
        }
    }

    /** Every key of the schema has rows, so values.yaml, the schema and the README agree on the keys. */
    @Test
    void everySchemaKeyHasRows() throws IOException {
        List<ValuesDoc.Row> rows = ValuesDoc.rows(Files.readString(Tools.CHART.resolve("values.yaml")));
        JsonNode schema =
                JsonMapper.builder().build().readTree(Files.readString(Tools.CHART.resolve("values.schema.json")));
        List<String> keys = rows.stream().map(ValuesDoc.Row::key).toList();
        List<String> schemaKeys = new java.util.ArrayList<>();
        schemaKeys(schema, schema, "", schemaKeys);

        assertThat(schemaKeys).as("leaf keys of values.schema.json").hasSizeGreaterThan(50);
        for (String schemaKey : schemaKeys) {
            assertThat(keys)
                    .as("README rows for %s", schemaKey)
                    .anyMatch(key -> key.equals(schemaKey) || schemaKey.startsWith(key + "."));
        }
        assertThat(keys)
                .contains(
                        "global.imageRegistry",
                        "commonLabels",
                        "daemon.image.digest",
                        "agent.daemonSet.tolerations",
                        "agent.nodeLocal.hostPort.ports",
                        "serviceMonitor.metricRelabelings",
                        "podMonitor.enabled",
                        "prometheusRule.runbookBaseUrl");
        assertThat(rows)
                .allSatisfy(row -> assertThat(row.description()).as(row.key()).hasSizeGreaterThan(3));
    }

    @Test
    void helmShowReadmePrintsIt() throws IOException {
        Tools.Result shown = Tools.run(List.of(Tools.helm().toString(), "show", "readme", Tools.CHART.toString()))
                .assertSuccess();
        assertThat(shown.stdout().strip()).isEqualTo(Files.readString(README).strip());
        assertThat(shown.stdout()).contains(TABLE_START.strip(), "| daemon.replicas | int | `2` |");
    }

    @Test
    void undocumentedValuesAndStrayDescriptionsAreErrors() {
        assertThatThrownBy(() -> ValuesDoc.rows("# -- Documented.\na: 1\nb: 2\n"))
                .hasMessageContaining("b: no `# --` description");
        assertThatThrownBy(() -> ValuesDoc.rows("parent:\n  # -- Documented.\n  a: 1\n  empty: {}\n"))
                .hasMessageContaining("parent.empty: no `# --` description");
        assertThatThrownBy(() -> ValuesDoc.rows("# -- The whole.\nparent:\n  # -- A part.\n  a: 1\n"))
                .hasMessageContaining("parent.a: described, but inside a described key");
        assertThatThrownBy(() -> ValuesDoc.rows("# -- Defaults to <fullname>-agent.\na: \"\"\n"))
                .hasMessageContaining("a: Markdown would read <...> as HTML");
        assertThat(ValuesDoc.rows("# -- Defaults to `<fullname>-agent`, 1 < 2.\na: \"\"\n"))
                .hasSize(1);
    }

    @Test
    void rowsFollowHelmDocsConventions() {
        String values = """
                # Values of something: a header, not a description.

                image:
                  # -- The registry,
                  # continued here.
                  registry: localhost
                  # -- The tag.
                  # @default -- the chart's appVersion
                  tag: ""
                # A plain comment, then the description.
                # -- Tolerations.
                tolerations:
                  - operator: Exists
                    # inside a list item: not a key of the file
                    effect: NoSchedule
                # -- Ports | by name.
                ports:
                  http: 8081
                """;
        assertThat(ValuesDoc.rows(values))
                .containsExactly(
                        new ValuesDoc.Row(
                                "image.registry", "string", "`\"localhost\"`", "The registry, continued here."),
                        new ValuesDoc.Row("image.tag", "string", "the chart's appVersion", "The tag."),
                        new ValuesDoc.Row(
                                "tolerations",
                                "list",
                                "`[{\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}]`",
                                "Tolerations."),
                        new ValuesDoc.Row("ports", "object", "`{\"http\":8081}`", "Ports | by name."));
        assertThat(ValuesDoc.rows(values).get(3).markdown())
                .isEqualTo("| ports | object | `{\"http\":8081}` | Ports \\| by name. |\n");
    }

    /** Dotted paths of the schema's leaves: properties that are not objects with properties of their own. */
    private static void schemaKeys(JsonNode root, JsonNode node, String prefix, List<String> keys) {
        JsonNode resolved = node;
        while (resolved.has("$ref")) {
            resolved = root.at(resolved.get("$ref").asString().substring(1));
        }
        JsonNode properties = resolved.get("properties");
        boolean open = !resolved.has("additionalProperties")
                || !resolved.get("additionalProperties").isBoolean();
        if (properties == null || properties.isEmpty() || (open && !prefix.isEmpty() && !prefix.equals("global"))) {
            keys.add(prefix);
            return;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            schemaKeys(
                    root,
                    property.getValue(),
                    prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey(),
                    keys);
        }
    }
}
