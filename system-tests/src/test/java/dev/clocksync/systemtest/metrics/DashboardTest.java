package dev.clocksync.systemtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.systemtest.process.ProjectPaths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dashboard's structure; that its queries return data is {@link MetricsSystemTest}'s part. */
class DashboardTest {

    private static final Pattern METRIC = Pattern.compile("\\b(clocksync_\\w+)(\\{[^}]*})?");

    final Dashboard dashboard = Dashboard.read(ProjectPaths.root().resolve("docker/grafana/dashboards/clocksync.json"));

    @Test
    void hasAStableUidAndTheTemplateVariables() {
        assertThat(dashboard.uid()).isEqualTo("clocksync");
        assertThat(dashboard.variableTypes())
                .containsEntry("datasource", "datasource")
                .containsEntry("job", "query")
                .containsEntry("namespace", "query");
    }

    @Test
    void everyPanelQueriesThroughTheDatasourceVariable() {
        List<JsonNode> graphs = panels().stream()
                .filter(panel -> !"row".equals(panel.path("type").asString()))
                .toList();
        assertThat(graphs).as("panels other than rows").isNotEmpty();
        for (JsonNode panel : graphs) {
            String title = panel.path("title").asString();
            assertThat(panel.path("datasource").path("uid").asString())
                    .as(title)
                    .isEqualTo("${datasource}");
            assertThat(panel.path("targets").size()).as(title + " has queries").isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asString())
                        .as(title)
                        .isEqualTo("${datasource}");
            }
        }
    }

    @Test
    void everySelectorIsFilteredByJobAndNamespace() {
        assertThat(dashboard.queries()).as("the dashboard's queries").isNotEmpty();
        for (Dashboard.Query query : dashboard.queries()) {
            Matcher m = METRIC.matcher(query.expr());
            int selectors = 0;
            while (m.find()) {
                selectors++;
                assertThat(m.group(2))
                        .as(query.panel() + ": " + m.group(1) + " in " + query.expr())
                        .isNotNull()
                        .contains("job=~\"$job\"", "namespace=~\"$namespace\"");
            }
            assertThat(selectors)
                    .as(query.panel() + " selects clocksync metrics")
                    .isPositive();
        }
    }

    @Test
    void panelIdsAreUnique() {
        Set<Integer> ids = new HashSet<>();
        assertThat(panels()).isNotEmpty();
        for (JsonNode panel : panels()) {
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("id of " + panel.path("title").asString())
                    .isTrue();
        }
    }

    private List<JsonNode> panels() {
        List<JsonNode> all = new java.util.ArrayList<>();
        collect(dashboard.json().path("panels"), all);
        return all;
    }

    private static void collect(JsonNode panels, List<JsonNode> into) {
        for (JsonNode panel : panels) {
            into.add(panel);
            collect(panel.path("panels"), into);
        }
    }
}
