package dev.clocksync.systemtest.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put things: the services' jars and the project's files, from surefire's system properties. */
public final class ProjectPaths {

    private ProjectPaths() {}

    public static Path agentJar() {
        return jar("clocksync.agent.jar");
    }

    public static Path daemonJar() {
        return jar("clocksync.daemon.jar");
    }

    /** The repository's root folder. */
    public static Path root() {
        return Path.of(property("clocksync.project.root")).toAbsolutePath().normalize();
    }

    /** A folder under system-tests/target for one test run's files (configuration, data, logs). */
    public static Path workDirectory(String name) {
        Path dir = root().resolve("system-tests").resolve("target").resolve(name + "-" + System.currentTimeMillis());
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path jar(String property) {
        Path jar = Path.of(property(property));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the services first"
                    + " (./mvnw -B package -DskipTests -pl clock-core,node-agent-service,time-daemon-service)");
        }
        return jar;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "system property " + name + " is not set; run the system tests through Maven (./mvnw verify)");
        }
        return value;
    }
}
