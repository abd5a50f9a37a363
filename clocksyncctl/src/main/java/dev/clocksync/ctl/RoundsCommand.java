package dev.clocksync.ctl;

import dev.clocksync.core.protocol.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** The latest rounds. */
@Command(
        name = "rounds",
        mixinStandardHelpOptions = true,
        description = "List the latest rounds of the time daemon, newest first.")
final class RoundsCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.Daemon daemon;

    @Mixin
    Options.Output output;

    @Option(
            names = {"-n", "--limit"},
            paramLabel = "N",
            defaultValue = "10",
            description = "how many rounds, 1 to 10000 (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 10_000) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--limit must be from 1 to 10000, got " + limit);
        }
        JsonNode rounds = daemon.api().get(Paths.ROUNDS + "?limit=" + limit);
        if (output.json()) {
            output.printJson(rounds);
        } else {
            Rounds.printTable(output.out(), rounds);
        }
        return Exit.OK;
    }
}
