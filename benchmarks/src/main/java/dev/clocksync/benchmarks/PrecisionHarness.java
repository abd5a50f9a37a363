package dev.clocksync.benchmarks;

import dev.clocksync.core.reference.ReferenceStrategy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Simulates a cluster of agents in fake time and reports, per reference strategy, how fast and
 * how closely the clocks come together. Seeded: the same arguments print the same figures.
 */
public final class PrecisionHarness {

    private PrecisionHarness() {}

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(HarnessOptions.USAGE);
            return;
        }
        HarnessOptions options;
        try {
            options = HarnessOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(HarnessOptions.USAGE);
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    /** Runs every strategy of {@code options} on identical clusters and prints the report. */
    static List<StrategyResult> run(HarnessOptions options, PrintStream out) {
        printHeader(options, out);
        List<StrategyResult> results = new ArrayList<>();
        for (ReferenceStrategy strategy : options.strategies()) {
            results.add(new ClusterSimulation(options, strategy).run(options.rounds()));
        }
        if (options.trace()) {
            printTrace(results, out);
        }
        printTable(results, out);
        return results;
    }

    private static void printHeader(HarnessOptions options, PrintStream out) {
        out.printf(
                "precision harness: %d agents (%d falsetickers), %d rounds of %s, k=%d exchanges, seed %d%n",
                options.agents(),
                options.falsetickers(),
                options.rounds(),
                Units.nanos(ClusterSimulation.INTERVAL_NANOS),
                ClusterSimulation.EXCHANGES,
                options.seed());
        out.printf(
                "clocks: offsets within +/-%s, drifts within +/-%.0f ppm; falsetickers hours off, refusing corrections%n",
                Units.nanos(ClusterSimulation.MAX_INITIAL_OFFSET_NANOS), ClusterSimulation.MAX_DRIFT_PPM);
        out.println("network: " + MeasurementModel.describe());
        out.printf(
                "policy: step threshold %s, makestep limit %d, max slew %d ppm, frequency gain %.2f%n",
                Units.nanos(ClusterSimulation.POLICY.stepThresholdNanos()),
                ClusterSimulation.POLICY.makestepLimit(),
                ClusterSimulation.POLICY.maxSlewPpm(),
                ClusterSimulation.POLICY.frequencyGain());
        out.println("true spread = max - min true offset of the honest clocks, at each round's probe;"
                + " frequency error against the honest clocks' mean rate, after the last round");
        out.println();
    }

    private static void printTrace(List<StrategyResult> results, PrintStream out) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%6s", "round"));
        results.forEach(r -> header.append(String.format(Locale.ROOT, "  %14s", r.strategy())));
        out.println(header);
        for (int k = 0; k < results.getFirst().spreadsNanos().length; k++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6d", k + 1));
            for (StrategyResult r : results) {
                line.append(String.format(Locale.ROOT, "  %14s", Units.nanos(r.spreadsNanos()[k])));
            }
            out.println(line);
        }
        out.println();
    }

    private static void printTable(List<StrategyResult> results, PrintStream out) {
        String format = "%-14s  %9s  %9s  %12s  %12s  %12s  %12s  %13s  %13s%n";
        out.printf(
                Locale.ROOT,
                format,
                "",
                "<2 ms",
                "stays",
                "spread r" + StrategyResult.STEADY_FIRST_ROUND + "-" + StrategyResult.STEADY_LAST_ROUND,
                "",
                "freq error",
                "",
                "cluster rate",
                "cluster offset");
        out.printf(
                Locale.ROOT,
                format,
                "strategy",
                "after",
                "<2 ms from",
                "median",
                "worst",
                "median",
                "max",
                "vs true time",
                "vs true time");
        for (StrategyResult r : results) {
            out.printf(
                    Locale.ROOT,
                    format,
                    r.strategy(),
                    rounds(r.roundsToConverge()),
                    rounds(r.roundsToStayConverged()),
                    nanos(r.medianSteadySpreadNanos()),
                    nanos(r.worstSteadySpreadNanos()),
                    Units.ppm(r.medianFrequencyErrorPpm()),
                    Units.ppm(r.maxFrequencyErrorPpm()),
                    String.format(Locale.ROOT, "%+.3f ppm", r.clusterRatePpm()),
                    Units.nanos(r.clusterOffsetNanos()));
        }
        out.println();
        out.println("'<2 ms after': rounds of corrections until the true spread was first below 2 ms;"
                + " 'stays <2 ms from': after which it stayed below to the end (never: it did not)");
    }

    private static String rounds(OptionalInt rounds) {
        return rounds.isPresent() ? rounds.getAsInt() + " rnd" : "never";
    }

    private static String nanos(OptionalLong nanos) {
        return nanos.isPresent() ? Units.nanos(nanos.getAsLong()) : "n/a";
    }
}
