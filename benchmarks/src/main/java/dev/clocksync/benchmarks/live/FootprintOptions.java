package dev.clocksync.benchmarks.live;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the footprint benchmark runs.
 *
 * @param runs starts of each variant; figures are their medians
 * @param settle how long after readiness the resident memory is read a second time
 * @param port the port the service under test listens on
 * @param images also measure the container images (benchmarks/run provides the engine)
 * @param imageTag the tag the images are built with
 * @param out where the raw figures go
 */
record FootprintOptions(
        int runs,
        Duration settle,
        int port,
        boolean images,
        String imageTag,
        boolean aot,
        List<JvmVariant> jvmVariants,
        Path out) {

    /** A service from its jar with other JVM options, to measure what they change. */
    record JvmVariant(FootprintBenchmark.Service service, List<String> jvmOptions) {

        static JvmVariant parse(String given) {
            int colon = given.indexOf(':');
            String service = colon < 0 ? "" : given.substring(0, colon).strip().toUpperCase(Locale.ROOT);
            if (!service.equals("AGENT") && !service.equals("DAEMON")) {
                throw new IllegalArgumentException(
                        "--jvm-variant must be agent:OPTIONS or daemon:OPTIONS, got '" + given + "'");
            }
            return new JvmVariant(
                    FootprintBenchmark.Service.valueOf(service), ClusterOptions.jvm(given.substring(colon + 1)));
        }
    }

    static final String USAGE = """
            usage: benchmarks/run footprint [options]
              Starts each service alone, one at a time, and measures from the start to /readyz answering 200
              and the resident memory (VmRSS) at that moment and after --settle; from the jars with the images'
              JVM flags and with the JVM's defaults, and with --images from the container images too.
              --runs R       starts per variant; the table shows medians (default 3)
              --settle D     RSS is read again this long after ready (default 10s)
              --port P       the port of the service under test (default 19700)
              --images       also build (docker/build-images.sh TAG) and start the images; uses Docker where it
                             answers, else provisions podman with scripts/ci/setup-20-container-engine.sh
              --image-tag T  tag of the images built for this (default bench)
              --aot          also each service from its extracted jar with a JDK 25 AOT cache (a training run
                             with -XX:AOTCacheOutput first), with the images' flags
              --jvm-variant S:OPTS  also agent or daemon from its jar with these JVM options, repeatable,
                             e.g. --jvm-variant "agent:-XX:+UseSerialGC -Xmx32m -XX:TieredStopAtLevel=1"
              --out DIR      raw figures (default benchmarks/target/results/footprint-<time>)
            """;

    private static final Set<String> VALUES =
            Set.of("--runs", "--settle", "--port", "--image-tag", "--jvm-variant", "--out");

    static FootprintOptions parse(String... arguments) {
        Args args = Args.parse(arguments, VALUES, Set.of("--images", "--aot", "--validate"));
        String tag = args.string("--image-tag", "bench");
        if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            throw new IllegalArgumentException("--image-tag must be a valid image tag, got '" + tag + "'");
        }
        return new FootprintOptions(
                args.integer("--runs", 3, 1, 50),
                args.duration("--settle", Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(10)),
                args.integer("--port", 19700, 1024, 65535),
                args.flag("--images"),
                tag,
                args.flag("--aot"),
                args.all("--jvm-variant").stream().map(JvmVariant::parse).toList(),
                Path.of(args.string("--out", Results.defaultFolder("footprint").toString())));
    }
}
