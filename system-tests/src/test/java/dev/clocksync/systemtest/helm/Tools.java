package dev.clocksync.systemtest.helm;

import dev.clocksync.systemtest.process.Prerequisites;
import dev.clocksync.systemtest.process.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real helm and kubectl binaries: from HELM_BIN / KUBECTL_BIN, else the PATH, else the
 * project's .tools/bin (where scripts/ci/setup-30-helm.sh puts them), as {@link Prerequisites}
 * finds every tool.
 */
final class Tools {

    static final Path CHART = ProjectPaths.root().resolve("helm/clocksync");
    static final Path KUSTOMIZE = ProjectPaths.root().resolve("k8s");

    private Tools() {}

    private static final String INSTALL = "install it with: source scripts/ci/setup-30-helm.sh";

    static Path helm() {
        return Prerequisites.require(Prerequisites.Tool.HELM, INSTALL);
    }

    static Path kubectl() {
        return Prerequisites.require(Prerequisites.Tool.KUBECTL, INSTALL);
    }

    /** helm template with release "clocksync" in namespace "clocksync" unless args say otherwise. */
    static Result template(String release, String namespace, List<String> args) {
        List<String> command = new ArrayList<>(
                List.of(helm().toString(), "template", release, CHART.toString(), "--namespace", namespace));
        command.addAll(args);
        return run(command);
    }

    static String render(String release, String namespace, List<String> args) {
        return template(release, namespace, args).assertSuccess().stdout();
    }

    /**
     * The chart's NOTES.txt as {@code helm install} would print it. {@code helm template} leaves
     * NOTES out and {@code helm install --dry-run} needs an API server, so a copy of the chart
     * renders the same text into a ConfigMap: NOTES.txt becomes a named template, included
     * there with the very values and release.
     */
    static String notes(String release, String namespace, List<String> args) {
        Path copy = copyChart();
        try {
            Path templates = copy.resolve("clocksync/templates");
            String notes = Files.readString(templates.resolve("NOTES.txt"));
            Files.delete(templates.resolve("NOTES.txt"));
            Files.writeString(
                    templates.resolve("_notes-under-test.tpl"),
                    "{{- define \"clocksync.notesUnderTest\" -}}\n" + notes + "{{- end }}\n");
            Files.writeString(templates.resolve("notes-under-test.yaml"), """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: notes-under-test
                    data:
                      notes: {{ include "clocksync.notesUnderTest" . | toJson }}
                    """);
            List<String> command = new ArrayList<>(List.of(
                    helm().toString(),
                    "template",
                    release,
                    copy.resolve("clocksync").toString(),
                    "--namespace",
                    namespace,
                    "--show-only",
                    "templates/notes-under-test.yaml"));
            command.addAll(args);
            String rendered = run(command).assertSuccess().stdout();
            Map<String, Object> configMap = Manifests.trees(rendered).get(0);
            return String.valueOf(((Map<?, ?>) configMap.get("data")).get("notes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    /**
     * A copy of the chart, as {@code <folder>/clocksync}, with the linked files' contents (their
     * relative links would not resolve from elsewhere). Delete it with {@link #delete}.
     */
    static Path copyChart() {
        try {
            Path folder = Files.createTempDirectory("clocksync-chart");
            Path target = folder.resolve("clocksync");
            try (var paths = Files.walk(CHART)) {
                for (Path source : paths.toList()) {
                    Path destination = target.resolve(CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.copy(source, destination);
                    }
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String kustomize(String overlay) {
        return run(List.of(
                        kubectl().toString(),
                        "kustomize",
                        KUSTOMIZE.resolve(overlay).toString()))
                .assertSuccess()
                .stdout();
    }

    static Result run(List<String> command) {
        return run(command, Map.of());
    }

    /** Runs a command to completion (at most two minutes) with its output captured. */
    static Result run(List<String> command, Map<String, String> environment) {
        try {
            Path out = Files.createTempFile("clocksync-tool", ".out");
            Path err = Files.createTempFile("clocksync-tool", ".err");
            try {
                ProcessBuilder builder =
                        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException("timed out: " + String.join(" ", command));
                }
                return new Result(
                        command,
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(
                        String.join(" ", command) + " exited with " + exitCode + ":\n" + stderr + stdout);
            }
            return this;
        }
    }
}
