package dev.clocksync.systemtest.metrics;

import dev.clocksync.systemtest.process.FreePorts;
import dev.clocksync.systemtest.process.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A real Prometheus binary on 127.0.0.1 with its own configuration and TSDB folder, scraping the
 * given targets every second and evaluating the given rule files every second.
 */
final class PrometheusServer implements AutoCloseable {

    private final ManagedProcess process;
    private final URI uri;
    private final PrometheusApi api;

    private PrometheusServer(ManagedProcess process, URI uri) {
        this.process = process;
        this.uri = uri;
        this.api = new PrometheusApi(uri);
    }

    /** A scrape job: Spring Boot's Prometheus endpoint on each target (host:port). */
    record ScrapeJob(String name, List<String> targets) {}

    static PrometheusServer start(Path binary, Path workDirectory, List<ScrapeJob> jobs, List<Path> ruleFiles) {
        int port = FreePorts.next();
        Path config = workDirectory.resolve("prometheus.yml");
        try {
            Files.writeString(config, config(jobs, ruleFiles));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess process = ManagedProcess.start(
                "prometheus",
                List.of(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + workDirectory.resolve("tsdb"),
                        "--storage.tsdb.retention.time=1d",
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=info"),
                Map.of(),
                workDirectory.resolve("prometheus.log"));
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
        try {
            Awaitility.await("Prometheus ready on " + server.uri)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        process.assertAlive();
                        return server.api.ready();
                    });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    static String config(List<ScrapeJob> jobs, List<Path> ruleFiles) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("global:\n")
                .append("  scrape_interval: 1s\n")
                .append("  scrape_timeout: 1s\n")
                .append("  evaluation_interval: 1s\n");
        if (!ruleFiles.isEmpty()) {
            yaml.append("rule_files:\n");
            ruleFiles.forEach(
                    f -> yaml.append("  - ").append(quoted(f.toString())).append('\n'));
        }
        yaml.append("scrape_configs:\n");
        for (ScrapeJob job : jobs) {
            yaml.append("  - job_name: ")
                    .append(quoted(job.name()))
                    .append('\n')
                    .append("    metrics_path: /actuator/prometheus\n")
                    .append("    static_configs:\n")
                    .append("      - targets: [")
                    .append(job.targets().stream().map(PrometheusServer::quoted).collect(Collectors.joining(", ")))
                    .append("]\n");
        }
        return yaml.toString();
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    PrometheusApi api() {
        return api;
    }

    URI uri() {
        return uri;
    }

    ManagedProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
