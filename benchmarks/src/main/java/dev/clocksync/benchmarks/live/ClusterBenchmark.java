package dev.clocksync.benchmarks.live;

import dev.clocksync.benchmarks.Units;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * benchmarks/run cluster: real agent processes and a daemon on loopback with simulated clocks,
 * clocksync's defaults against the classic Berkeley baseline on identical clocks.
 */
public final class ClusterBenchmark {

    private ClusterBenchmark() {}

    public static void main(String[] args) {
        LiveMain.options("cluster", ClusterOptions.USAGE, args, ClusterBenchmark::parse)
                .ifPresent(options -> LiveMain.run(options, (o, children) -> run(o, children, System.out)));
    }

    private static ClusterOptions parse(String[] args) {
        ClusterOptions options = ClusterOptions.parse(args);
        List<Integer> ports = new ArrayList<>(Ports.range(options.basePort(), options.agents() + 1));
        if (options.jitter()) {
            ports.addAll(Ports.range(options.proxyPort(1), options.agents()));
        }
        Ports.requireFree(ports);
        return options;
    }

    static List<ClusterResult> run(ClusterOptions options, ChildProcesses children, PrintStream out) {
        Machine machine = Machine.current();
        ServiceJars jars = ServiceJars.buildIfStale(Path.of("").toAbsolutePath(), System.err);
        Services services = new Services(jars, children, options.out().resolve("logs"));
        out.printf(
                Locale.ROOT,
                "cluster: %d agents, simulated clocks +/-2 s and +/-100 ppm (seeds %d+i), round interval %s,%n"
                        + "         %s, true offsets read every %s, steady window %s%n",
                options.agents(),
                options.seed(),
                Args.format(options.interval()),
                options.jitter()
                        ? "a proxy in front of every agent delays each chunk by 0-"
                                + Units.nanos(options.jitterMaxNanos())
                        : "no proxy (plain loopback)",
                Args.format(options.sampleEvery()),
                Args.format(options.window()));
        out.println(machine.describe());
        out.println("raw figures: " + options.out());
        List<ClusterResult> results = new ArrayList<>();
        for (ClusterVariant.Kind kind : options.variants()) {
            out.printf(Locale.ROOT, "%n%s (%s):%n", kind.title, describe(options, kind));
            results.add(new ClusterVariant(kind, options, services, children, out).run());
        }
        out.println();
        TextTable table = table(options, results);
        table.print(out);
        out.println();
        notes(results).forEach(out::println);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("mode", "cluster");
        summary.put("machine", machine);
        summary.put("options", options);
        summary.put("results", results);
        Results.json(options.out().resolve("summary.json"), summary);
        Results.write(options.out().resolve("table.md"), table.markdown());
        out.println();
        out.println("raw figures in " + options.out() + " (summary.json, table.md, <variant>-samples.csv, "
                + "<variant>-rounds.csv, logs/)");
        return results;
    }

    static String describe(ClusterOptions options, ClusterVariant.Kind kind) {
        Map<String, String> daemon = Services.merge(options.daemonProperties(), kind.daemonProperties);
        String strategy = daemon.getOrDefault("clocksync.daemon.reference.strategy", "GAMMA_CLUSTER");
        String exchanges = daemon.getOrDefault("clocksync.daemon.exchanges", "8");
        return strategy + ", " + exchanges + " exchange" + (exchanges.equals("1") ? "" : "s") + " per agent";
    }

    private static TextTable table(ClusterOptions options, List<ClusterResult> results) {
        boolean ratio = results.size() == 2
                && results.get(0).kind() == ClusterVariant.Kind.CLOCKSYNC
                && results.get(1).kind() == ClusterVariant.Kind.CLASSIC;
        TextTable table = new TextTable();
        List<String> header = new ArrayList<>(List.of(options.agents() + " agents"
                + (options.jitter() ? ", jitter 0-" + Units.nanos(options.jitterMaxNanos()) : "")));
        results.forEach(r -> header.add(r.kind().title));
        if (ratio) {
            header.add("classic / clocksync");
        }
        table.row(header.toArray(String[]::new));
        List<String> daemon = new ArrayList<>(List.of("daemon"));
        results.forEach(r -> daemon.add(describe(options, r.kind())));
        if (ratio) {
            daemon.add("");
        }
        table.row(daemon.toArray(String[]::new));
        row(table, results, ratio, "rounds until true spread < 1 ms", r -> rounds(r.roundsToBelow1ms()), null);
        row(table, results, ratio, "stays < 1 ms from round", r -> rounds(r.staysBelow1msFromRound()), null);
        row(table, results, ratio, "true spread after round 1 / 2 / 3", ClusterBenchmark::afterRounds, null);
        row(
                table,
                results,
                ratio,
                "true spread p50",
                r -> ns(r.trueSpread().p50()),
                r -> r.trueSpread().p50());
        row(
                table,
                results,
                ratio,
                "true spread p99",
                r -> ns(r.trueSpread().p99()),
                r -> r.trueSpread().p99());
        row(
                table,
                results,
                ratio,
                "true spread max",
                r -> ns(r.trueSpread().max()),
                r -> r.trueSpread().max());
        row(
                table,
                results,
                ratio,
                "reported spread p50",
                r -> ns(r.reportedSpread().p50()),
                r -> r.reportedSpread().p50());
        row(
                table,
                results,
                ratio,
                "reported spread p99",
                r -> ns(r.reportedSpread().p99()),
                r -> r.reportedSpread().p99());
        row(
                table,
                results,
                ratio,
                "reported spread max",
                r -> ns(r.reportedSpread().max()),
                r -> r.reportedSpread().max());
        row(
                table,
                results,
                ratio,
                "reported / true spread, p50",
                r -> String.format(
                        Locale.ROOT,
                        "%.2f",
                        r.reportedSpread().p50() / r.trueSpread().p50()),
                null);
        row(
                table,
                results,
                ratio,
                "readings / rounds in window",
                r -> r.trueSpread().count() + " / " + r.roundsInWindow()
                        + (r.incompleteReadings() > 0 ? " (" + r.incompleteReadings() + " incomplete)" : ""),
                null);
        row(table, results, ratio, "round outcomes", r -> r.outcomes().toString(), null);
        row(
                table,
                results,
                ratio,
                "round duration p50 / max",
                r -> ns(r.roundDuration().p50()) + " / " + ns(r.roundDuration().max()),
                null);
        row(
                table,
                results,
                ratio,
                "kept round trip, median per round p50",
                r -> ns(r.probeDelay().p50()),
                null);
        row(
                table,
                results,
                ratio,
                "daemon CPU per round",
                r -> String.format(Locale.ROOT, "%.3f s", r.daemonCpuSecondsPerRound()),
                null);
        row(
                table,
                results,
                ratio,
                "daemon RSS (peak)",
                r -> mb(r.daemonRssBytes()) + " (" + mb(r.daemonPeakRssBytes()) + ")",
                null);
        row(
                table,
                results,
                ratio,
                "agent RSS p50 / max",
                r -> mb((long) r.agentRssBytes().p50()) + " / "
                        + mb((long) r.agentRssBytes().max()),
                null);
        row(
                table,
                results,
                ratio,
                "agents ready / daemon ready",
                r -> String.format(Locale.ROOT, "%.0f s / %.1f s", r.agentsReadySeconds(), r.daemonReadySeconds()),
                null);
        row(table, results, ratio, "load average, mean (min-max)", r -> r.load().toString(), null);
        row(
                table,
                results,
                ratio,
                "CPU in window: benchmark / other work",
                r -> r.cpu().toString(),
                null);
        return table;
    }

    private static void row(
            TextTable table,
            List<ClusterResult> results,
            boolean ratio,
            String name,
            Function<ClusterResult, String> cell,
            Function<ClusterResult, Double> figure) {
        List<String> cells = new ArrayList<>(List.of(name));
        results.forEach(r -> cells.add(cell.apply(r)));
        if (ratio) {
            cells.add(
                    figure == null
                            ? ""
                            : String.format(
                                    Locale.ROOT, "%.1f", figure.apply(results.get(1)) / figure.apply(results.get(0))));
        }
        table.row(cells.toArray(String[]::new));
    }

    private static List<String> notes(List<ClusterResult> results) {
        List<String> notes = new ArrayList<>();
        notes.add("true spread: max - min of every agent's clocksync_clock_true_offset_seconds, all agents read at once"
                + " every sampling period; reported: the daemon's spreadNanos of each round in the window (before its"
                + " corrections). p99 is nearest-rank: over 60 rounds it is the largest.");
        for (ClusterResult r : results) {
            notes.add(String.format(
                    Locale.ROOT,
                    "%s: the agents of one reading answered within %s (p50) / %s (p99) of each other, and their"
                            + " true offsets moved at %.1f ppm (p50) / %.1f ppm (max) between readings, slews"
                            + " included: reading them at different instants adds typically %s (p50 x p50), up to"
                            + " about %s (p99 x max) to a spread.",
                    r.kind().title,
                    ns(r.readingSpan().p50()),
                    ns(r.readingSpan().p99()),
                    r.offsetRatePpm().p50(),
                    r.offsetRatePpm().max(),
                    ns(r.readingSpan().p50() * r.offsetRatePpm().p50() * 1e-6),
                    ns(r.readingSpan().p99() * r.offsetRatePpm().max() * 1e-6)));
        }
        return notes;
    }

    private static String afterRounds(ClusterResult r) {
        return String.join(
                " / ",
                r.trueSpreadAfterRounds().stream().map(ClusterBenchmark::ns).toList());
    }

    static String rounds(Long rounds) {
        return rounds == null ? "never" : Long.toString(rounds);
    }

    static String ns(double nanos) {
        return Double.isNaN(nanos) ? "n/a" : Units.nanos(nanos);
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
