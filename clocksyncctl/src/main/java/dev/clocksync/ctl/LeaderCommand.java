package dev.clocksync.ctl;

import dev.clocksync.core.protocol.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** Who leads, as this daemon replica sees it. */
@Command(
        name = "leader",
        mixinStandardHelpOptions = true,
        description = "Show which daemon replica leads and under which term, as the asked replica sees it.")
final class LeaderCommand implements Callable<Integer> {

    @Mixin
    Options.Daemon daemon;

    @Mixin
    Options.Output output;

    @Override
    public Integer call() {
        JsonNode leader = daemon.api().get(Paths.LEADER);
        if (output.json()) {
            output.printJson(leader);
            return Exit.OK;
        }
        var out = output.out();
        out.printf("%-10s: %s%n", "Asked", Format.text(leader, "self") + " at " + daemon.url);
        out.printf(
                "%-10s: %s%n",
                "Leader",
                Format.text(leader, "leaderId")
                        + (leader.path("leader").asBoolean(false) ? " (the asked replica)" : ""));
        out.printf("%-10s: %s%n", "Term", Format.text(leader, "term"));
        out.printf("%-10s: %s%n", "Election", Format.text(leader, "mode"));
        out.flush();
        return Exit.OK;
    }
}
