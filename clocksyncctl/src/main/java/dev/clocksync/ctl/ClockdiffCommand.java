package dev.clocksync.ctl;

import dev.clocksync.core.protocol.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** Each agent's offset from the reference in the latest round, like BSD timedc's clockdiff. */
@Command(
        name = "clockdiff",
        mixinStandardHelpOptions = true,
        description = {
            "Show each agent's offset from the reference, like timedc clockdiff.",
            "",
            "From the daemon's latest round: each agent's offset from the reference as measured before its correction, with the measurement's uncertainty (half the round trip), and what became of the correction. Exits 5 when that round did not reach and correct every agent."
        })
final class ClockdiffCommand implements Callable<Integer> {

    @Mixin
    Options.Daemon daemon;

    @Mixin
    Options.Output output;

    @Override
    public Integer call() {
        JsonNode round = daemon.api().get(Paths.LATEST_ROUND);
        if (output.json()) {
            output.printJson(round);
        } else {
            Rounds.printClockdiff(output.out(), round);
        }
        return "OK".equals(round.path("outcome").asString("")) ? Exit.OK : Exit.NOT_SYNCED;
    }
}
