package dev.clocksync.systemtest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.systemtest.process.Prerequisites;
import dev.clocksync.systemtest.process.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The alert rules pass {@code promtool check rules}, and their unit tests pass {@code promtool test rules}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertRulesTest {

    private static final Pattern ALERT = Pattern.compile("^\\s*-\\s*alert:\\s*(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern TESTED = Pattern.compile("^\\s*alertname:\\s*(\\S+)\\s*$", Pattern.MULTILINE);

    Path promtool;
    Path rules;
    Path tests;

    @BeforeAll
    void locate() {
        promtool = promtool().orElse(null);
        Prerequisites.require(
                promtool != null,
                "promtool not found: put it on the PATH, set PROMTOOL_BIN, or set PROMETHEUS_BIN to a prometheus"
                        + " binary with promtool beside it (Debian/Ubuntu: apt-get install --no-install-recommends"
                        + " prometheus)");
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

    private static Optional<Path> promtool() {
        Optional<Path> configured = Prerequisites.executable("PROMTOOL_BIN", "promtool");
        if (configured.isPresent()) {
            return configured;
        }
        return Prerequisites.executable("PROMETHEUS_BIN", "prometheus")
                .map(p -> p.resolveSibling("promtool"))
                .filter(Files::isExecutable);
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
