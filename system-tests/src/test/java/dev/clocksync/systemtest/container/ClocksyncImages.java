package dev.clocksync.systemtest.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The service images, built from docker/agent.Dockerfile and docker/daemon.Dockerfile with the
 * executable jars of this build as their input, once per test JVM. Kept after the run, so that
 * the engine's layer cache makes the next build quick.
 */
final class ClocksyncImages {

    static final String AGENT = "localhost/clocksync-agent:system-test";
    static final String DAEMON = "localhost/clocksync-daemon:system-test";

    private static boolean built;

    private ClocksyncImages() {}

    static synchronized void build() {
        if (built) {
            return;
        }
        Path root = Path.of(System.getProperty("clocksync.project.root", "."))
                .toAbsolutePath()
                .normalize();
        build(AGENT, root.resolve("docker/agent.Dockerfile"), Path.of(System.getProperty("clocksync.agent.jar")));
        build(DAEMON, root.resolve("docker/daemon.Dockerfile"), Path.of(System.getProperty("clocksync.daemon.jar")));
        built = true;
    }

    private static void build(String name, Path dockerfile, Path jar) {
        assertThat(jar).as("executable jar (build it with ./mvnw package)").isRegularFile();
        assertThat(dockerfile).isRegularFile();
        ImageFromDockerfile image = new ImageFromDockerfile(name, false)
                .withFileFromPath("Dockerfile", dockerfile)
                .withFileFromPath("service.jar", jar)
                .withBuildArg("JAR_FILE", "service.jar");
        String base = System.getenv("CLOCKSYNC_BASE_IMAGE");
        if (base != null && !base.isBlank()) {
            image.withBuildArg("BASE_IMAGE", base);
        }
        long start = System.nanoTime();
        image.get();
        System.out.printf("[figures] built %s in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
    }
}
