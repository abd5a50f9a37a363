package dev.clocksync.benchmarks.live;

import dev.clocksync.benchmarks.live.FootprintBenchmark.Service;
import dev.clocksync.benchmarks.live.FootprintBenchmark.Variant;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service started from its extracted jar with a JDK 25 AOT cache (JEP 483/514): classes loaded
 * and linked, and method profiles, from a training run that stops once the context is refreshed.
 * The cache only serves the identical class path, which is why the jar is extracted (a Boot fat
 * jar loads its libraries through its own class loader, which the cache cannot hold).
 */
final class AotCache {

    /** The training run stops before any request is signed; the services only refuse to start without a key. */
    private static final String TRAINING_KEY = "aot-training-key-not-a-secret";

    private AotCache() {}

    /** Extracts the jar and trains its cache, as processes of {@code children}. */
    static Variant variant(
            Service service, Path execJar, List<String> flags, Path folder, ChildProcesses children, PrintStream out) {
        Path dir = folder.resolve(service.slug()).toAbsolutePath();
        Path cache = dir.resolve("app.aot");
        Path jar = dir.resolve("application.jar");
        long start = System.nanoTime();
        try {
            if (Files.exists(dir)) {
                throw new IllegalStateException(dir + " exists already; choose another --out");
            }
            Files.createDirectories(dir.getParent());
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            run(
                    children,
                    List.of(
                            java,
                            "-Djarmode=tools",
                            "-jar",
                            execJar.toAbsolutePath().toString(),
                            "extract",
                            "--application-filename",
                            "application.jar",
                            "--destination",
                            dir.toString()),
                    dir.resolveSibling(service.slug() + "-extract.log"));
            List<String> training = new ArrayList<>(List.of(java));
            training.addAll(flags);
            training.addAll(List.of(
                    "-XX:AOTCacheOutput=" + cache,
                    "-Dspring.context.exit=onRefresh",
                    "-jar",
                    jar.toString(),
                    "--server.port=0",
                    "--server.address=127.0.0.1"));
            if (service == Service.AGENT) {
                training.add("--clocksync.agent.ntp.port=0");
            }
            run(children, training, dir.resolve("training.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("AOT cache of the " + service.slug() + ": " + e.getMessage(), e);
        }
        out.printf(
                Locale.ROOT,
                "AOT cache of the %s: extracted and trained in %.0f s (%s)%n",
                service.slug(),
                (System.nanoTime() - start) / 1e9,
                ClusterBenchmark.mb(cache.toFile().length()));
        List<String> jvm = new ArrayList<>(flags);
        jvm.add("-XX:AOTCache=" + cache);
        return Variant.jar(
                service,
                service.slug() + " extracted jar + JDK 25 AOT cache, image flags",
                service.slug() + "-aot",
                jvm,
                jar);
    }

    private static void run(ChildProcesses children, List<String> command, Path log) {
        ChildProcesses.Child child =
                children.start(log.getFileName().toString(), command, Map.of("CLOCKSYNC_HMAC_KEY", TRAINING_KEY), log);
        try {
            if (!child.process().waitFor(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException(String.join(" ", command) + " took more than 10 minutes");
            }
            if (child.process().exitValue() != 0) {
                throw new IllegalStateException(
                        command.getLast() + " failed (" + child.process().exitValue() + "), see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            children.stop(child);
        }
    }
}
