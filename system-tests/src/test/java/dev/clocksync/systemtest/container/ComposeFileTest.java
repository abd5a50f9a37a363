package dev.clocksync.systemtest.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.systemtest.process.Prerequisites.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml and the Prometheus configuration it mounts, checked by the real tools:
 * {@code docker compose config} (or the standalone docker-compose) and {@code promtool}.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of(System.getProperty("clocksync.project.root", "."))
            .toAbsolutePath()
            .normalize();
    private static final Path COMPOSE = ROOT.resolve("docker/compose.yaml");

    @Test
    void composeFileIsValid() throws Exception {
        List<String> compose = composeCommand()
                .orElseGet(() -> missingTool("docker compose (or docker-compose) to validate docker/compose.yaml"));
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of("-f", COMPOSE.toString(), "config", "--services"));
        Result result = run(command);

        assertThat(result.exitCode())
                .as(String.join(" ", command) + "\n" + result.output())
                .isZero();
        assertThat(result.output().lines().map(String::strip))
                .contains("daemon", "agent-1", "agent-2", "agent-3", "prometheus", "grafana");
    }

    @Test
    void composeFileMountsFilesThatExist() throws IOException {
        String compose = Files.readString(COMPOSE);
        for (String file : List.of(
                "docker/agent.Dockerfile",
                "docker/daemon.Dockerfile",
                "docker/prometheus/compose-prometheus.yml",
                "docker/grafana/provisioning/datasources/prometheus.yml",
                "docker/grafana/provisioning/dashboards/clocksync.yml")) {
            assertThat(ROOT.resolve(file)).isRegularFile();
        }
        assertThat(compose)
                .contains("./prometheus/compose-prometheus.yml:/etc/prometheus/prometheus.yml:ro")
                .contains("./prometheus/rules:/etc/prometheus/rules:ro")
                .contains("./grafana/provisioning:/etc/grafana/provisioning:ro")
                .contains("./grafana/dashboards:/etc/grafana/dashboards/clocksync:ro");
    }

    @Test
    void prometheusConfigurationIsValid() throws Exception {
        Path promtool = Prerequisites.require(
                Tool.PROMTOOL,
                "promtool checks the Prometheus configuration (Debian/Ubuntu: apt-get install"
                        + " --no-install-recommends prometheus)");
        Result result = run(List.of(
                promtool.toString(),
                "check",
                "config",
                "--syntax-only",
                ROOT.resolve("docker/prometheus/compose-prometheus.yml").toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static Optional<List<String>> composeCommand() throws Exception {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            if (Prerequisites.onPath(candidate.getFirst()) && run(version).exitCode() == 0) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static <T> T missingTool(String what) {
        Prerequisites.missing("Needs " + what + "; none found on PATH.");
        throw new IllegalStateException("unreachable: missing() skips or fails");
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {}
}
