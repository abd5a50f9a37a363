package dev.clocksync.systemtest.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the system tests need. On a developer's machine a missing tool skips the tests
 * that need it, with a message saying how to get it; in CI ({@code CI=true}) it fails them, so
 * that a broken provisioning step cannot pass silently.
 */
public final class Prerequisites {

    private Prerequisites() {}

    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (locally) or fails (in CI) the current test or class unless {@code present}. */
    public static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (onCi()) {
            Assertions.fail(missing + " (CI=true: a missing tool is a failure)");
        }
        // Surefire does not list a class skipped in @BeforeAll; say it where the build log shows it.
        System.err.println("SKIPPED: " + missing);
        Assumptions.abort(missing + "; skipping");
    }

    /**
     * An executable: the path in environment variable {@code variable} if that is set, else
     * {@code name} on the PATH.
     */
    public static Optional<Path> executable(String variable, String name) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        return onPath(name);
    }

    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
