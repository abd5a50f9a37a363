package dev.clocksync.benchmarks.live;

import dev.clocksync.benchmarks.live.ChildProcesses.Child;
import dev.clocksync.benchmarks.live.ChildProcesses.Container;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * benchmarks/run footprint: each service alone, started again and again, from start to ready and
 * its resident memory.
 */
public final class FootprintBenchmark {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final Pattern STARTED =
            Pattern.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final Pattern WARMED_UP = Pattern.compile("Warmed up with .* in (\\d+) ms");

    private FootprintBenchmark() {}

    public static void main(String[] args) {
        // with --validate, benchmarks/run only checks the arguments before it provisions a container engine
        boolean validateOnly = List.of(args).contains("--validate");
        LiveMain.options("footprint", FootprintOptions.USAGE, args, FootprintBenchmark::parse)
                .filter(options -> !validateOnly)
                .ifPresent(options -> LiveMain.run(options, (o, children) -> run(o, children, System.out)));
    }

    private static FootprintOptions parse(String[] args) {
        FootprintOptions options = FootprintOptions.parse(args);
        Ports.requireFree(List.of(options.port()));
        return options;
    }

    /** The two services. */
    enum Service {
        AGENT("256m"),
        DAEMON("512m");

        /** The chart's memory limit, which the images' JVMs size themselves by. */
        final String memoryLimit;

        Service(String memoryLimit) {
            this.memoryLimit = memoryLimit;
        }

        String slug() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One way of starting a service.
     *
     * @param service which
     * @param name how the table names it
     * @param slug names its logs
     * @param jvmOptions for a jar: its JVM options; for an image: none (the image's own)
     * @param jar for a jar: which; null for an image
     * @param image for an image: its name; null for a jar
     */
    record Variant(Service service, String name, String slug, List<String> jvmOptions, Path jar, String image) {

        static Variant jar(Service service, String name, String slug, List<String> jvmOptions, Path jar) {
            return new Variant(service, name, slug, List.copyOf(jvmOptions), jar, null);
        }

        static Variant image(Service service, String name, String image) {
            return new Variant(service, name, service.slug() + "-image", List.of(), null, image);
        }
    }

    /**
     * One start.
     *
     * @param readySeconds from starting the process (or `run` of the container) to /readyz answering 200
     * @param rssAtReadyBytes VmRSS then
     * @param rssSettledBytes VmRSS after the settle time
     * @param springStartedSeconds Spring's "Started ... in X seconds"
     * @param jvmRunningSeconds Spring's "(process running for Y)"
     * @param warmupSeconds the agent's warm-up burst, from its log
     * @param otherCores CPU the rest of the machine used meanwhile, in cores
     */
    record Start(
            double readySeconds,
            long rssAtReadyBytes,
            long rssSettledBytes,
            Double springStartedSeconds,
            Double jvmRunningSeconds,
            Double warmupSeconds,
            double otherCores) {}

    /** Medians over the starts of one variant. */
    record VariantResult(Variant variant, List<Start> starts, Long imageSizeBytes) {

        double median(java.util.function.ToDoubleFunction<Start> figure) {
            return Stats.median(starts.stream()
                    .mapToDouble(figure)
                    .filter(v -> !Double.isNaN(v))
                    .toArray());
        }
    }

    static List<VariantResult> run(FootprintOptions options, ChildProcesses children, PrintStream out) {
        Machine machine = Machine.current();
        ServiceJars jars = ServiceJars.buildIfStale(Path.of("").toAbsolutePath(), System.err);
        Services services = new Services(jars, children, options.out().resolve("logs"));
        List<Variant> variants = new ArrayList<>(List.of(
                Variant.jar(
                        Service.AGENT,
                        "agent jar, image flags " + String.join(" ", Services.AGENT_IMAGE_JVM),
                        "agent-image-flags",
                        Services.AGENT_IMAGE_JVM,
                        jars.agent()),
                Variant.jar(Service.AGENT, "agent jar, JVM defaults", "agent-defaults", List.of(), jars.agent()),
                Variant.jar(
                        Service.DAEMON,
                        "daemon jar, " + String.join(" ", Services.DAEMON_IMAGE_JVM)
                                + " (the image under a 512 MiB limit)",
                        "daemon-image-flags",
                        Services.DAEMON_IMAGE_JVM,
                        jars.daemon()),
                Variant.jar(Service.DAEMON, "daemon jar, JVM defaults", "daemon-defaults", List.of(), jars.daemon())));
        for (int i = 0; i < options.jvmVariants().size(); i++) {
            FootprintOptions.JvmVariant extra = options.jvmVariants().get(i);
            variants.add(Variant.jar(
                    extra.service(),
                    extra.service().slug() + " jar, " + String.join(" ", extra.jvmOptions()),
                    extra.service().slug() + "-extra-" + (i + 1),
                    extra.jvmOptions(),
                    extra.service() == Service.AGENT ? jars.agent() : jars.daemon()));
        }
        if (options.aot()) {
            for (Service service : Service.values()) {
                List<String> flags = service == Service.AGENT ? Services.AGENT_IMAGE_JVM : Services.DAEMON_IMAGE_JVM;
                Path jar = service == Service.AGENT ? jars.agent() : jars.daemon();
                variants.add(AotCache.variant(service, jar, flags, options.out().resolve("aot"), children, out));
            }
        }
        String engine = null;
        Map<Variant, Long> imageSizes = new LinkedHashMap<>();
        if (options.images()) {
            engine = engine();
            buildImages(engine, options.imageTag());
            for (Service service : Service.values()) {
                String image = "localhost/clocksync-" + service.slug() + ":" + options.imageTag();
                Variant variant = Variant.image(
                        service,
                        service.slug() + " image, --memory " + service.memoryLimit + " as in the chart (" + engine
                                + ")",
                        image);
                variants.add(variant);
                imageSizes.put(variant, imageSize(engine, image));
            }
        }
        out.printf(
                Locale.ROOT,
                "footprint: each service alone, %d start%s per variant (medians), RSS at ready and %s later%n",
                options.runs(),
                options.runs() == 1 ? "" : "s",
                Args.format(options.settle()));
        out.println(machine.describe());
        out.println("raw figures: " + options.out());
        Map<Variant, List<Start>> starts = new LinkedHashMap<>();
        variants.forEach(v -> starts.put(v, new ArrayList<>()));
        try (LoadMonitor load = new LoadMonitor()) {
            for (int run = 1; run <= options.runs(); run++) {
                for (Variant variant : variants) {
                    Start start = variant.image() == null
                            ? startJar(variant, run, options, services, children)
                            : startImage(variant, run, options, engine, services.hmacKey(), children);
                    starts.get(variant).add(start);
                    out.printf(
                            Locale.ROOT,
                            "  run %d %-62s ready %5.1f s  RSS %s, %s after %s%n",
                            run,
                            variant.name(),
                            start.readySeconds(),
                            ClusterBenchmark.mb(start.rssAtReadyBytes()),
                            ClusterBenchmark.mb(start.rssSettledBytes()),
                            Args.format(options.settle()));
                }
            }
            List<VariantResult> results = new ArrayList<>();
            starts.forEach((v, s) -> results.add(new VariantResult(v, s, imageSizes.get(v))));
            out.println();
            TextTable table = table(results);
            table.print(out);
            LoadMonitor.Summary loadSummary = load.summary();
            out.println();
            out.println("load average during the runs, mean (min-max): " + loadSummary);
            out.println("ready: from starting the process (or `run` of the container) to /readyz answering 200;"
                    + " Spring: its own \"Started ... in X seconds\"; the agent reports ready only after its"
                    + " warm-up burst (2,000 probes, 500 refused adjustments).");
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("mode", "footprint");
            summary.put("machine", machine);
            summary.put("options", options);
            summary.put("load", loadSummary);
            summary.put("results", results);
            Results.json(options.out().resolve("summary.json"), summary);
            Results.write(options.out().resolve("table.md"), table.markdown());
            out.println("raw figures in " + options.out() + " (summary.json, table.md, logs/)");
            return results;
        }
    }

    private static Map<String, String> properties(Service service, int port) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", Integer.toString(port));
        p.put("server.address", "127.0.0.1");
        if (service == Service.AGENT) {
            p.put("clocksync.agent.ntp.port", "0");
        }
        return p;
    }

    private static Start startJar(
            Variant variant, int run, FootprintOptions options, Services services, ChildProcesses children) {
        Map<String, String> properties = properties(variant.service(), options.port());
        CpuShare.Mark mark = CpuShare.mark(List.of());
        long t0 = System.nanoTime();
        Child child = services.startJar(variant.slug() + "-" + run, variant.jvmOptions(), variant.jar(), properties);
        try {
            ChildProcesses.awaitReady(child, readyz(options), START_TIMEOUT);
            double ready = (System.nanoTime() - t0) / 1e9;
            long rssAtReady = ProcFs.rssBytes(child.pid()).orElse(-1);
            ChildProcesses.sleep(options.settle());
            long rssSettled = ProcFs.rssBytes(child.pid()).orElse(-1);
            double other = CpuShare.since(mark, List.of(child.pid())).otherCores();
            return fromLog(ready, rssAtReady, rssSettled, read(child.log()), other);
        } finally {
            children.stop(child);
        }
    }

    private static Start startImage(
            Variant variant,
            int run,
            FootprintOptions options,
            String engine,
            String hmacKey,
            ChildProcesses children) {
        String name = "clocksync-bench-" + variant.service().slug() + "-"
                + ProcessHandle.current().pid() + "-" + run;
        Container container = children.container(engine, name);
        List<String> command = new ArrayList<>(List.of(
                engine,
                "run",
                "-d",
                "--name",
                name,
                "--network",
                "host",
                "--read-only",
                "--tmpfs",
                "/tmp",
                "--memory",
                variant.service().memoryLimit,
                "-e",
                "CLOCKSYNC_HMAC_KEY=" + hmacKey,
                variant.image()));
        properties(variant.service(), options.port()).forEach((k, v) -> command.add("--" + k + "=" + v));
        CpuShare.Mark mark = CpuShare.mark(List.of());
        long t0 = System.nanoTime();
        try {
            exec(command, Duration.ofSeconds(120));
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!ChildProcesses.answers200(readyz(options))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(variant.name() + " not ready after " + START_TIMEOUT.toSeconds()
                            + " s:\n" + exec(List.of(engine, "logs", name), Duration.ofSeconds(30)));
                }
                ChildProcesses.sleep(Duration.ofMillis(25));
            }
            double ready = (System.nanoTime() - t0) / 1e9;
            long pid = Long.parseLong(
                    exec(List.of(engine, "inspect", "-f", "{{.State.Pid}}", name), Duration.ofSeconds(30))
                            .strip());
            long rssAtReady = ProcFs.rssBytes(pid).orElse(-1);
            ChildProcesses.sleep(options.settle());
            long rssSettled = ProcFs.rssBytes(pid).orElse(-1);
            // The engine's own processes count as other work here.
            double other = CpuShare.since(mark, List.of(pid)).otherCores();
            String log = exec(List.of(engine, "logs", name), Duration.ofSeconds(30));
            Results.write(options.out().resolve("logs").resolve(name + ".log"), log);
            return fromLog(ready, rssAtReady, rssSettled, log, other);
        } finally {
            children.remove(container);
        }
    }

    private static URI readyz(FootprintOptions options) {
        return URI.create("http://127.0.0.1:" + options.port() + "/readyz");
    }

    private static Start fromLog(double ready, long rssAtReady, long rssSettled, String log, double otherCores) {
        Matcher started = STARTED.matcher(log);
        Matcher warmedUp = WARMED_UP.matcher(log);
        boolean hasStarted = started.find();
        return new Start(
                ready,
                rssAtReady,
                rssSettled,
                hasStarted ? Double.parseDouble(started.group(1)) : null,
                hasStarted ? Double.parseDouble(started.group(2)) : null,
                warmedUp.find() ? Long.parseLong(warmedUp.group(1)) / 1e3 : null,
                otherCores);
    }

    /** docker where a Docker engine (or podman's Docker-compatible socket) answers, else podman. */
    private static String engine() {
        try {
            exec(List.of("docker", "info"), Duration.ofSeconds(30));
            return "docker";
        } catch (RuntimeException e) {
            return "podman";
        }
    }

    private static void buildImages(String engine, String tag) {
        try {
            ProcessBuilder builder = new ProcessBuilder("docker/build-images.sh", tag)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().put("CONTAINER_ENGINE", engine);
            Process build = builder.start();
            if (!build.waitFor(30, TimeUnit.MINUTES)) {
                build.destroyForcibly();
                throw new IllegalStateException("building the images took more than 30 minutes");
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException(
                        "docker/build-images.sh " + tag + " failed (" + build.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run docker/build-images.sh: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Long imageSize(String engine, String image) {
        try {
            return Long.parseLong(
                    exec(List.of(engine, "image", "inspect", "-f", "{{.Size}}", image), Duration.ofSeconds(30))
                            .strip());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Runs a command to its end and returns its output; fails on a non-zero exit. */
    static String exec(List<String> command, Duration timeout) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took too long");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed (" + process.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static TextTable table(List<VariantResult> results) {
        TextTable table = new TextTable();
        table.row(
                "variant",
                "other work",
                "ready",
                "Spring started / JVM up",
                "agent warm-up",
                "RSS at ready",
                "RSS settled",
                "image size");
        for (VariantResult r : results) {
            table.row(
                    r.variant().name(),
                    String.format(Locale.ROOT, "%.2f cores", r.median(Start::otherCores)),
                    String.format(Locale.ROOT, "%.1f s", r.median(Start::readySeconds)),
                    String.format(
                            Locale.ROOT,
                            "%.1f s / %.1f s",
                            r.median(s -> orNaN(s.springStartedSeconds())),
                            r.median(s -> orNaN(s.jvmRunningSeconds()))),
                    r.variant().service() == Service.AGENT
                            ? String.format(Locale.ROOT, "%.1f s", r.median(s -> orNaN(s.warmupSeconds())))
                            : "",
                    ClusterBenchmark.mb((long) r.median(s -> (double) s.rssAtReadyBytes())),
                    ClusterBenchmark.mb((long) r.median(s -> (double) s.rssSettledBytes())),
                    r.imageSizeBytes() == null ? "" : String.format(Locale.ROOT, "%.0f MB", r.imageSizeBytes() / 1e6));
        }
        return table;
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
