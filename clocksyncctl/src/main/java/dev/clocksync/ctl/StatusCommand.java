package dev.clocksync.ctl;

import dev.clocksync.core.protocol.Paths;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One agent's clock, like {@code chronyc tracking}. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show one node agent's clock, like chronyc tracking.",
            "",
            "Status, error bound, frequency, last correction, pending slew and, where the agent reports them, the reference and the node clock's offset. Exits 5 when the clock is not SYNCED."
        })
final class StatusCommand implements Callable<Integer> {

    @Mixin
    Options.Agent agent;

    @Mixin
    Options.Output output;

    @Override
    public Integer call() {
        Api api = agent.api();
        JsonNode state = api.get(Paths.CLOCK_STATE);
        JsonNode time = api.get(Paths.TIME);
        if (output.json()) {
            ObjectNode both = Api.JSON.createObjectNode();
            both.set("state", state);
            both.set("time", time);
            output.printJson(both);
        } else {
            print(output.out(), state, time);
        }
        return "SYNCED".equals(state.path("status").asString("")) ? Exit.OK : Exit.NOT_SYNCED;
    }

    private void print(PrintWriter out, JsonNode state, JsonNode time) {
        line(out, "Agent", Format.text(state, "agentId") + " at " + agent.url);
        line(out, "Epoch", Format.text(state, "epoch"));
        line(out, "Status", Format.text(state, "status"));
        line(out, "Reference", reference(state, time));
        line(out, "Time", time(time));
        line(out, "Error bound", Format.nanosField(state, "errorBoundNanos", false));
        line(out, "Frequency", frequency(state));
        line(out, "Last correction", Format.nanosField(state, "lastCorrectionNanos", true));
        line(out, "Pending slew", Format.nanosField(state, "pendingSlewNanos", true));
        line(out, "Node offset", nodeOffset(state));
        line(
                out,
                "Updates",
                "%s (%s steps, %s slews)"
                        .formatted(
                                Format.text(state, "updates"),
                                Format.text(state, "steps"),
                                Format.text(state, "slews")));
        line(out, "Leader term", Format.text(state, "lastTerm") + ", last round " + Format.text(state, "lastRound"));
        out.flush();
    }

    private static String reference(JsonNode state, JsonNode time) {
        String reference = Format.text(state, "reference");
        return reference.equals("-") ? Format.text(time, "reference") : reference;
    }

    private static String time(JsonNode time) {
        JsonNode epoch = time.path("epochNanos");
        if (!epoch.isIntegralNumber()) {
            return "-";
        }
        long nanos = epoch.longValue();
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
                + " +/- " + Format.nanosField(time, "errorBoundNanos", false);
    }

    private static String frequency(JsonNode state) {
        JsonNode ppm = state.path("frequencyPpm");
        return ppm.isNumber() ? String.format(Locale.ROOT, "%+.3f ppm", ppm.doubleValue()) : "-";
    }

    private static String nodeOffset(JsonNode state) {
        String offset = Format.nanosField(state, "nodeOffsetNanos", true);
        return offset.equals("-") ? "- (not reported by this agent)" : offset + " (node clock - cluster clock)";
    }

    private static void line(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "%-16s: %s%n", name, value);
    }
}
