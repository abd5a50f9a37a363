package dev.clocksync.systemtest.container;

import dev.clocksync.systemtest.process.Prerequisites.Tool;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/**
 * Tools the container tests need: without them the tests skip, except in CI, where they fail (the
 * rules of {@link dev.clocksync.systemtest.process.Prerequisites}).
 */
final class Prerequisites {

    private Prerequisites() {}

    static void requireContainerEngine() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return;
        }
        missing("No Docker-compatible container engine answers (DOCKER_HOST="
                + System.getenv().getOrDefault("DOCKER_HOST", "unset")
                + "). Start Docker, or provision rootful podman with"
                + " `source scripts/ci/setup-20-container-engine.sh` (Linux, root).");
    }

    /** The tool's path; skips the calling test (class) without it, or fails it in CI. */
    static Path require(Tool tool, String howToInstall) {
        return dev.clocksync.systemtest.process.Prerequisites.require(tool, howToInstall);
    }

    static boolean onPath(String executable) {
        return dev.clocksync.systemtest.process.Prerequisites.onPath(executable).isPresent();
    }

    /** Skips the calling test (class) with the message, or fails it in CI. */
    static void missing(String message) {
        dev.clocksync.systemtest.process.Prerequisites.require(false, message);
    }
}
