package dev.clocksync.ctl;

import dev.clocksync.core.protocol.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;

/** The daemon's members with the latest round's result for each. */
@Command(
        name = "agents",
        mixinStandardHelpOptions = true,
        description = "List the agents the time daemon knows, with what the latest round saw of each.")
final class AgentsCommand implements Callable<Integer> {

    @Mixin
    Options.Daemon daemon;

    @Mixin
    Options.Output output;

    @Override
    public Integer call() {
        JsonNode agents = daemon.api().get(Paths.AGENTS);
        if (output.json()) {
            output.printJson(agents);
            return Exit.OK;
        }
        Table table = new Table(
                "KEY", "AGENT", "NODE", "ZONE", "STATE", "OFFSET", "DELAY", "CLOCK", "ERROR BOUND", "LAST SEEN");
        for (JsonNode agent : agents.path("agents")) {
            JsonNode last = agent.path("last");
            table.row(
                    Format.text(agent, "key"),
                    Format.text(last, "agentId"),
                    Format.text(last, "node"),
                    Format.text(last, "zone"),
                    Format.text(last, "state"),
                    Format.nanosField(last, "offsetNanos", true),
                    Format.nanosField(last, "delayNanos", false),
                    Format.text(last, "clockStatus"),
                    Format.nanosField(last, "errorBoundNanos", false),
                    Format.text(agent, "lastSeen"));
        }
        if (table.isEmpty()) {
            output.out().println("No agents: the daemon has not discovered any yet.");
            output.out().flush();
        } else {
            table.print(output.out());
        }
        return Exit.OK;
    }
}
