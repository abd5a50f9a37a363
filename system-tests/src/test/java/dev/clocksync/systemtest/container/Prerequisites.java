package dev.clocksync.systemtest.container;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.testcontainers.DockerClientFactory;

/** Tools the container tests need: without them the tests skip, except in CI, where they fail. */
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

    /** Skips the calling test (class) with the message, or fails it when CI=true. */
    static void missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true, so this is a failure: " + message);
        }
        System.out.println("[skipped] " + message);
        assumeTrue(false, message);
    }
}
