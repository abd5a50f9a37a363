package dev.clocksync.benchmarks.live;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What the live modes' entry points share: {@code --help} prints the usage, bad arguments exit
 * with 2 and say where the options are listed, a failed run exits with 1, and every process a run
 * started is stopped when it ends.
 */
final class LiveMain {

    private LiveMain() {}

    /**
     * The options {@code parse} makes of {@code args}; empty after printing the usage for {@code
     * --help}. Exits with 2 when {@code parse} refuses the arguments (IllegalArgumentException).
     */
    static <O> Optional<O> options(String mode, String usage, String[] args, Function<String[], O> parse) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(usage);
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("benchmarks/run " + mode + " --help lists the options");
            System.exit(2);
            return Optional.empty();
        }
    }

    /** Runs {@code body} with the processes it starts stopped at its end; exits with 1 if it fails. */
    static <O> void run(O options, BiConsumer<O, ChildProcesses> body) {
        try (ChildProcesses children = new ChildProcesses()) {
            body.accept(options, children);
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
