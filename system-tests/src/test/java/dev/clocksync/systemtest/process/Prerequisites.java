package dev.clocksync.systemtest.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the system tests need, and what happens without them. On a developer's machine a
 * missing tool skips the tests that need it, with a message saying how to get it; in CI (the
 * {@code CI} variable set to a true-ish value: {@code true}, {@code 1} or {@code yes}, any case) it
 * fails them, so that a broken provisioning step cannot pass silently. {@code .ci/run} sets
 * {@code CI=true} itself.
 *
 * <p>Every tool is found the same way ({@link #find(Tool)}): its path variable ({@code
 * PROMETHEUS_BIN}, {@code PROMTOOL_BIN}, {@code HELM_BIN}, {@code KUBECTL_BIN}, {@code
 * CHRONYD_BIN}, {@code CHRONYC_BIN}, {@code NTPDIG_BIN}) wins when set, and must then name an
 * executable; otherwise the {@code PATH}, then the tool's own fallbacks. libfaketime, a library,
 * is found by {@link Faketime}.
 */
public final class Prerequisites {

    private static final Set<String> TRUE_ISH = Set.of("true", "1", "yes");

    private static final Prerequisites THIS_PROCESS = new Prerequisites(System::getenv);

    /** The tools the system tests use, each with its path variable. */
    public enum Tool {
        PROMETHEUS("prometheus", "PROMETHEUS_BIN"),
        /** Also found beside the prometheus binary, which Debian's package installs it with. */
        PROMTOOL("promtool", "PROMTOOL_BIN"),
        /** Also found in the project's .tools/bin, where scripts/ci/setup-30-helm.sh puts it. */
        HELM("helm", "HELM_BIN"),
        /** Also found in the project's .tools/bin, where scripts/ci/setup-30-helm.sh puts it. */
        KUBECTL("kubectl", "KUBECTL_BIN"),
        /** Also found in /usr/sbin, where Debian's chrony installs it (not on every user's PATH). */
        CHRONYD("chronyd", "CHRONYD_BIN"),
        CHRONYC("chronyc", "CHRONYC_BIN"),
        /** ntpsec's one-shot NTP client. */
        NTPDIG("ntpdig", "NTPDIG_BIN");

        private final String executable;
        private final String variable;

        Tool(String executable, String variable) {
            this.executable = executable;
            this.variable = variable;
        }

        public String executable() {
            return executable;
        }

        public String variable() {
            return variable;
        }
    }

    /** Where a tool was found, or why it was not. */
    public record Lookup(Tool tool, Optional<Path> path, String problem) {

        public boolean found() {
            return path.isPresent();
        }
    }

    private final Function<String, String> environment;
    private final Path projectTools;
    private final Path systemBinaries;

    Prerequisites(Function<String, String> environment) {
        this(environment, null, Path.of("/usr/sbin"));
    }

    /**
     * @param projectTools the project's .tools/bin, or null to resolve it from the project root on use
     * @param systemBinaries where Debian installs daemons ({@code /usr/sbin})
     */
    Prerequisites(Function<String, String> environment, Path projectTools, Path systemBinaries) {
        this.environment = environment;
        this.projectTools = projectTools;
        this.systemBinaries = systemBinaries;
    }

    /** Whether the tests run in CI: {@code CI} is true-ish. */
    public static boolean onCi() {
        return THIS_PROCESS.isCi();
    }

    /** Skips (locally) or fails (in CI) the current test or class unless {@code present}. */
    public static void require(boolean present, String missing) {
        THIS_PROCESS.check(present, missing);
    }

    /** The tool's path; skips (locally) or fails (in CI) the current test or class without it. */
    public static Path require(Tool tool, String howToInstall) {
        Lookup lookup = THIS_PROCESS.find(tool);
        THIS_PROCESS.check(lookup.found(), lookup.problem() + "; " + howToInstall);
        return lookup.path().orElseThrow();
    }

    /**
     * An executable: the path in environment variable {@code variable} if that is set (empty if it
     * names no executable), else {@code name} on the PATH: the rule of {@link #require(Tool,
     * String)} for a tool without other fallbacks.
     */
    public static Optional<Path> executable(String variable, String name) {
        return THIS_PROCESS.executableFrom(variable, name);
    }

    public static Optional<Path> onPath(String name) {
        return THIS_PROCESS.searchPath(name);
    }

    static boolean isTrueIsh(String value) {
        return value != null && TRUE_ISH.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    boolean isCi() {
        return isTrueIsh(environment.apply("CI"));
    }

    void check(boolean present, String missing) {
        if (present) {
            return;
        }
        if (isCi()) {
            Assertions.fail(missing + " (CI=" + environment.apply("CI") + ": a missing tool is a failure)");
        }
        // Surefire does not list a class skipped in @BeforeAll; say it where the build log shows it.
        System.err.println("SKIPPED: " + missing);
        Assumptions.abort(missing + "; skipping");
    }

    Lookup find(Tool tool) {
        String configured = environment.apply(tool.variable());
        if (configured != null && !configured.isBlank()) {
            Optional<Path> path = executableFrom(tool.variable(), tool.executable());
            return new Lookup(
                    tool,
                    path,
                    path.isPresent() ? "" : tool.variable() + "=" + configured + " is not an executable file");
        }
        List<Path> fallbacks = fallbacks(tool);
        Optional<Path> path = searchPath(tool.executable())
                .or(() -> fallbacks.stream()
                        .filter(Prerequisites::isExecutableFile)
                        .findFirst());
        String where = fallbacks.isEmpty() ? "" : ", nor at " + fallbacks;
        return new Lookup(
                tool,
                path,
                path.isPresent()
                        ? ""
                        : tool.executable() + " not found (" + tool.variable() + " is unset, it is not on the PATH"
                                + where + ")");
    }

    private List<Path> fallbacks(Tool tool) {
        return switch (tool) {
            case PROMETHEUS -> List.of();
            case PROMTOOL ->
                find(Tool.PROMETHEUS)
                        .path()
                        .map(prometheus -> List.of(prometheus.resolveSibling(tool.executable())))
                        .orElse(List.of());
            case HELM, KUBECTL -> List.of(projectTools().resolve(tool.executable()));
            case CHRONYD -> List.of(systemBinaries.resolve(tool.executable()));
            case CHRONYC, NTPDIG -> List.of();
        };
    }

    private Path projectTools() {
        return projectTools != null ? projectTools : ProjectPaths.root().resolve(".tools/bin");
    }

    /** The executable {@code variable} names if it is set (empty if it names none), else {@code name} on the PATH. */
    Optional<Path> executableFrom(String variable, String name) {
        String configured = environment.apply(variable);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.strip());
            return isExecutableFile(path) ? Optional.of(path) : Optional.empty();
        }
        return searchPath(name);
    }

    Optional<Path> searchPath(String name) {
        String path = environment.apply("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (isExecutableFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
