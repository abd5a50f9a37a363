package dev.clocksync.ctl;

import dev.clocksync.core.protocol.Paths;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One line per new round: the live spread of the cluster. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Follow the rounds live: the spread of the cluster.",
            "",
            "One line per new round with its outcome, the voting agents and the spread of their clocks. Runs until Ctrl-C, or --count rounds. With -o json, one JSON object per line."
        })
final class WatchCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Options.Daemon daemon;

    @Mixin
    Options.Output output;

    @Option(
            names = {"-i", "--interval"},
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = Options.DurationConverter.class,
            description = "how often to ask for the latest round (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(
            names = {"-c", "--count"},
            paramLabel = "N",
            defaultValue = "0",
            description = "stop after N rounds (default: never)")
    int count;

    @Override
    public Integer call() throws InterruptedException {
        if (count < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be 0 or more, got " + count);
        }
        Api api = daemon.api();
        PrintWriter out = output.out();
        String last = null;
        int shown = 0;
        while (count == 0 || shown < count) {
            JsonNode round = latest(api);
            String id = round == null
                    ? null
                    : round.path("term").asString("") + "/"
                            + round.path("round").asString("");
            if (round != null && !id.equals(last)) {
                print(out, round);
                last = id;
                shown++;
                if (count != 0 && shown >= count) {
                    break;
                }
            }
            Thread.sleep(interval);
        }
        return Exit.OK;
    }

    /** The latest round, or null before the first one. */
    private static JsonNode latest(Api api) {
        try {
            return api.get(Paths.LATEST_ROUND);
        } catch (CtlException e) {
            if (e.exitCode() == Exit.REFUSED && e.getMessage().contains("HTTP 404")) {
                return null;
            }
            throw e;
        }
    }

    private void print(PrintWriter out, JsonNode round) {
        if (output.json()) {
            ObjectNode line = Api.JSON.createObjectNode();
            line.set("startedAt", round.path("startedAt"));
            line.set("term", round.path("term"));
            line.set("round", round.path("round"));
            line.set("outcome", round.path("outcome"));
            line.put("agents", round.path("agents").size());
            line.put("voting", Rounds.count(round, "VOTING"));
            line.set("spreadNanos", round.path("spreadNanos"));
            line.set("referenceNanos", round.path("referenceNanos"));
            out.println(Api.JSON.writeValueAsString(line));
        } else {
            out.printf(
                    "%s  round %-6s %-12s voting %d/%d  spread %-10s  falsetickers %d  unreachable %d%n",
                    Format.text(round, "startedAt"),
                    Format.text(round, "round"),
                    Format.text(round, "outcome"),
                    Rounds.count(round, "VOTING"),
                    round.path("agents").size(),
                    Format.nanosField(round, "spreadNanos", false),
                    Rounds.count(round, "FALSETICKER"),
                    Rounds.count(round, "UNREACHABLE"));
        }
        out.flush();
    }
}
