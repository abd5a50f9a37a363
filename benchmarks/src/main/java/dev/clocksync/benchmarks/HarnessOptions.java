package dev.clocksync.benchmarks;

import dev.clocksync.core.reference.ReferenceStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the precision harness simulates.
 *
 * @param agents clocks in the cluster, falsetickers included
 * @param falsetickers how many of them report offsets hours off and refuse every correction
 * @param rounds how many rounds to run, one per second of simulated time
 * @param seed seeds the clocks and the measurement noise; the same seed gives the same report
 * @param strategies the reference strategies to compare, each on an identical cluster
 * @param trace print the true spread of every round too
 */
record HarnessOptions(
        int agents, int falsetickers, int rounds, long seed, List<ReferenceStrategy> strategies, boolean trace) {

    static final long DEFAULT_SEED = 20260101L;

    static final String USAGE = """
            usage: PrecisionHarness [--agents N] [--falsetickers F] [--rounds R] [--seed S]
                                    [--strategies A,B,...] [--trace]
              --agents N        clocks in the cluster, falsetickers included (default 5)
              --falsetickers F  clocks that report offsets hours off and refuse corrections (default 0)
              --rounds R        rounds of 1 s simulated time (default 60)
              --seed S          random seed (default %d); the same seed gives the same report
              --strategies L    comma-separated subset of GAMMA_CLUSTER,MEDIAN,MEAN,INTERSECTION (default all)
              --trace           also print every round's true spread per strategy
            """.formatted(DEFAULT_SEED);

    HarnessOptions {
        if (agents < 1) {
            throw new IllegalArgumentException("--agents must be at least 1, got " + agents);
        }
        if (falsetickers < 0 || falsetickers >= agents) {
            throw new IllegalArgumentException(
                    "--falsetickers must be from 0 to agents - 1 (" + (agents - 1) + "), got " + falsetickers);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("--strategies must name at least one strategy");
        }
        strategies = List.copyOf(strategies);
    }

    /** Parses the command line; throws IllegalArgumentException with a message for the user. */
    static HarnessOptions parse(String... args) {
        int agents = 5;
        int falsetickers = 0;
        int rounds = 60;
        long seed = DEFAULT_SEED;
        List<ReferenceStrategy> strategies = List.of(ReferenceStrategy.values());
        boolean trace = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--trace" -> trace = true;
                case "--agents" -> agents = intValue(option, value(args, ++i, option));
                case "--falsetickers" -> falsetickers = intValue(option, value(args, ++i, option));
                case "--rounds" -> rounds = intValue(option, value(args, ++i, option));
                case "--seed" -> seed = longValue(option, value(args, ++i, option));
                case "--strategies" -> strategies = strategies(value(args, ++i, option));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new HarnessOptions(agents, falsetickers, rounds, seed, strategies, trace);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int intValue(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
        }
    }

    private static long longValue(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'");
        }
    }

    private static List<ReferenceStrategy> strategies(String value) {
        List<ReferenceStrategy> result = new ArrayList<>();
        for (String name : value.split(",")) {
            try {
                result.add(ReferenceStrategy.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown strategy '" + name.strip() + "'; choose from "
                        + Arrays.toString(ReferenceStrategy.values()));
            }
        }
        return result;
    }
}
