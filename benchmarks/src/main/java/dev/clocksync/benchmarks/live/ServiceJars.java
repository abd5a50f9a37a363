package dev.clocksync.benchmarks.live;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The services' executable jars, built like ./demo builds them when one is missing or older than
 * the sources it is made of.
 *
 * @param agent node-agent-service/target/*-exec.jar
 * @param daemon time-daemon-service/target/*-exec.jar
 */
record ServiceJars(Path agent, Path daemon) {

    private static final List<String> SOURCES = List.of(
            "pom.xml",
            "clock-core/pom.xml",
            "clock-core/src/main",
            "node-agent-service/pom.xml",
            "node-agent-service/src/main",
            "time-daemon-service/pom.xml",
            "time-daemon-service/src/main");

    static ServiceJars buildIfStale(Path root, PrintStream log) {
        Optional<Path> agent = execJar(root.resolve("node-agent-service/target"));
        Optional<Path> daemon = execJar(root.resolve("time-daemon-service/target"));
        if (agent.isEmpty() || daemon.isEmpty() || newerSource(root, older(agent.get(), daemon.get()))) {
            log.println("Building the service jars (./mvnw -B -q -DskipTests package -pl "
                    + "clock-core,node-agent-service,time-daemon-service) ...");
            build(root);
            agent = execJar(root.resolve("node-agent-service/target"));
            daemon = execJar(root.resolve("time-daemon-service/target"));
        }
        return new ServiceJars(
                agent.orElseThrow(() -> new IllegalStateException("no node-agent-service/target/*-exec.jar")),
                daemon.orElseThrow(() -> new IllegalStateException("no time-daemon-service/target/*-exec.jar")));
    }

    private static void build(Path root) {
        try {
            Process mvn = new ProcessBuilder(
                            root.resolve("mvnw").toString(),
                            "-B",
                            "-q",
                            "-DskipTests",
                            "-Dspotless.check.skip=true",
                            "package",
                            "-pl",
                            "clock-core,node-agent-service,time-daemon-service")
                    .directory(root.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int status = mvn.waitFor();
            if (status != 0) {
                throw new IllegalStateException("building the service jars failed (" + status + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ./mvnw: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building", e);
        }
    }

    private static Optional<Path> execJar(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileTime older(Path a, Path b) {
        try {
            FileTime ta = builtAt(a);
            FileTime tb = builtAt(b);
            return ta.compareTo(tb) < 0 ? ta : tb;
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * When an executable jar was built. Its own modification time is the build's fixed
     * outputTimestamp (reproducible builds), so the plain jar packaged beside it in the same build
     * tells instead.
     */
    private static FileTime builtAt(Path execJar) throws IOException {
        Path plain = execJar.resolveSibling(execJar.getFileName().toString().replace("-exec.jar", ".jar"));
        return Files.getLastModifiedTime(Files.exists(plain) ? plain : execJar);
    }

    private static boolean newerSource(Path root, FileTime built) {
        for (String source : SOURCES) {
            Path path = root.resolve(source);
            if (!Files.exists(path)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(path)) {
                boolean newer = files.filter(Files::isRegularFile).anyMatch(f -> {
                    try {
                        return Files.getLastModifiedTime(f).compareTo(built) > 0;
                    } catch (IOException e) {
                        return false;
                    }
                });
                if (newer) {
                    return true;
                }
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }
}
