package dev.clocksync.systemtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.systemtest.process.Prerequisites;
import dev.clocksync.systemtest.process.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The alert rules pass {@code promtool check rules}, their unit tests pass {@code promtool test rules}, and every
 * alert links its runbook.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertRulesTest {

    private static final Pattern ALERT = Pattern.compile("^\\s*-\\s*alert:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern TESTED = Pattern.compile("^\\s*alertname:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern IN_PAGE_LINK = Pattern.compile("\\]\\(#([^)]+)\\)");

    /**
     * Where the runbooks are published: docs/alerts.md under the project's own address (that of
     * its problem types). The chart's prometheusRule.runbookBaseUrl replaces it.
     */
    static final String RUNBOOK_PAGE = "https://clocksync.dev/docs/alerts";

    Path promtool;
    Path rules;
    Path tests;

    @BeforeAll
    void locate() {
        promtool = Prerequisites.require(
                Prerequisites.Tool.PROMTOOL,
                "put it on the PATH, set PROMTOOL_BIN, or set PROMETHEUS_BIN to a prometheus binary with promtool"
                        + " beside it (Debian/Ubuntu: apt-get install --no-install-recommends prometheus)");
        Path folder = ProjectPaths.root().resolve("docker/prometheus/rules");
        rules = folder.resolve("clocksync-alerts.yml");
        tests = folder.resolve("clocksync-alerts.test.yaml");
    }

    @Test
    void rulesAreValid() {
        Result result = run(promtool.toString(), "check", "rules", rules.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + alertNames(rules).size() + " rules found");
    }

    @Test
    void ruleUnitTestsPass() {
        Result result = run(promtool.toString(), "test", "rules", tests.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasUnitTests() {
        List<String> alerts = alertNames(rules);
        List<String> tested = matches(TESTED, read(tests));

        assertThat(alerts).isNotEmpty().doesNotHaveDuplicates();
        assertThat(tested).containsAll(alerts);
    }

    /**
     * Every alert links its own section of docs/alerts.md, which says what the alert means, how to
     * check and what to do; the page has no section for an alert that does not exist, and its
     * in-page links resolve.
     */
    @Test
    void everyAlertLinksItsRunbookSection() {
        List<Map<String, Object>> alerts = alerts(rules);
        String page = read(ProjectPaths.root().resolve("docs/alerts.md"));
        Map<String, String> sections = sections(page);

        assertThat(alerts).as("alert rules").hasSameSizeAs(alertNames(rules)).isNotEmpty();
        for (Map<String, Object> alert : alerts) {
            String name = String.valueOf(alert.get("alert"));
            Map<?, ?> annotations = (Map<?, ?>) alert.get("annotations");
            assertThat(annotations.get("runbook_url"))
                    .as(name + " runbook_url")
                    .isEqualTo(RUNBOOK_PAGE + "#" + name.toLowerCase(Locale.ROOT));
            assertThat(sections).as("docs/alerts.md sections").containsKey(name);
            assertThat(sections.get(name))
                    .as("runbook of " + name)
                    .contains("**What it means.**", "**How to check.**", "**What to do.**");
        }
        List<String> names =
                alerts.stream().map(a -> String.valueOf(a.get("alert"))).toList();
        assertThat(sections.keySet().stream().filter(heading -> heading.startsWith("Clocksync")))
                .as("runbook sections of alerts that exist")
                .containsExactlyInAnyOrderElementsOf(names);
        List<String> anchors =
                sections.keySet().stream().map(AlertRulesTest::anchor).toList();
        List<String> links = matches(IN_PAGE_LINK, page);
        assertThat(links).as("in-page links").isNotEmpty();
        assertThat(anchors).as("headings of docs/alerts.md").containsAll(links);
    }

    /** Heading text -> the text up to the next heading of the same or a higher level (## only). */
    static Map<String, String> sections(String page) {
        Map<String, String> sections = new LinkedHashMap<>();
        String[] parts = ("\n" + page).split("\n## ");
        for (int i = 1; i < parts.length; i++) {
            int end = parts[i].indexOf('\n');
            sections.put(parts[i].substring(0, end).strip(), parts[i].substring(end + 1));
        }
        return sections;
    }

    /** The anchor GitHub and common site generators give a heading. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alerts(Path rules) {
        Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(rules));
        List<Map<String, Object>> alerts = new java.util.ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey("alert")) {
                    alerts.add(rule);
                }
            }
        }
        return alerts;
    }

    static List<String> alertNames(Path rules) {
        return matches(ALERT, read(rules));
    }

    private static List<String> matches(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.results().map(r -> r.group(1)).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .directory(ProjectPaths.root().toFile())
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
