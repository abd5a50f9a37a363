package dev.clocksync.ctl;

import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;

/** What the commands that show rounds share. */
final class Rounds {

    private Rounds() {}

    static long count(JsonNode round, String state) {
        long count = 0;
        for (JsonNode agent : round.path("agents")) {
            if (state.equals(agent.path("state").asString(""))) {
                count++;
            }
        }
        return count;
    }

    /** Table of rounds, newest first as the daemon lists them. */
    static void printTable(PrintWriter out, Iterable<JsonNode> rounds) {
        Table table = new Table(
                "TERM",
                "ROUND",
                "STARTED",
                "OUTCOME",
                "STRATEGY",
                "MODE",
                "AGENTS",
                "VOTING",
                "FALSE",
                "NOISY",
                "SLOW",
                "UNREACH",
                "SPREAD",
                "REFERENCE",
                "DURATION");
        for (JsonNode round : rounds) {
            table.row(
                    Format.text(round, "term"),
                    Format.text(round, "round"),
                    Format.text(round, "startedAt"),
                    Format.text(round, "outcome"),
                    Format.text(round, "strategy"),
                    Format.text(round, "referenceMode"),
                    Integer.toString(round.path("agents").size()),
                    Long.toString(count(round, "VOTING")),
                    Long.toString(count(round, "FALSETICKER")),
                    Long.toString(count(round, "NOISY")),
                    Long.toString(count(round, "TOO_SLOW")),
                    Long.toString(count(round, "UNREACHABLE")),
                    Format.nanosField(round, "spreadNanos", false),
                    Format.nanosField(round, "referenceNanos", true),
                    Format.nanosField(round, "durationNanos", false));
        }
        if (table.isEmpty()) {
            out.println("No rounds yet.");
            out.flush();
        } else {
            table.print(out);
        }
    }

    /** Each agent's offset from the round's reference, like timedc clockdiff. */
    static void printClockdiff(PrintWriter out, JsonNode round) {
        JsonNode reference = round.path("referenceNanos");
        out.printf(
                "Round %s of term %s, started %s: %s, strategy %s, mode %s, spread %s%n",
                Format.text(round, "round"),
                Format.text(round, "term"),
                Format.text(round, "startedAt"),
                Format.text(round, "outcome"),
                Format.text(round, "strategy"),
                Format.text(round, "referenceMode"),
                Format.nanosField(round, "spreadNanos", false));
        if (!reference.isIntegralNumber()) {
            out.println("No reference this round: offsets are from the daemon's clock.");
        }
        boolean nodeOffsets = false;
        for (JsonNode agent : round.path("agents")) {
            nodeOffsets |= agent.path("nodeOffsetNanos").isIntegralNumber();
        }
        Table table = nodeOffsets
                ? new Table("AGENT", "NODE", "STATE", "OFFSET", "+/-", "CORRECTION", "RESULT", "NODE OFFSET")
                : new Table("AGENT", "NODE", "STATE", "OFFSET", "+/-", "CORRECTION", "RESULT");
        for (JsonNode agent : round.path("agents")) {
            String[] cells = {
                Format.text(agent, "agentId").equals("-") ? Format.text(agent, "key") : Format.text(agent, "agentId"),
                Format.text(agent, "node"),
                Format.text(agent, "state"),
                offsetFromReference(agent, reference),
                agent.path("delayNanos").isIntegralNumber()
                        ? Format.nanos(agent.path("delayNanos").longValue() / 2)
                        : "-",
                Format.nanosField(agent, "correctionNanos", true),
                Format.text(agent, "adjustment"),
                Format.nanosField(agent, "nodeOffsetNanos", true)
            };
            table.row(nodeOffsets ? cells : java.util.Arrays.copyOf(cells, cells.length - 1));
        }
        table.print(out);
    }

    private static String offsetFromReference(JsonNode agent, JsonNode reference) {
        JsonNode offset = agent.path("offsetNanos");
        if (!offset.isIntegralNumber()) {
            return "-";
        }
        long fromReference = reference.isIntegralNumber()
                ? Math.subtractExact(offset.longValue(), reference.longValue())
                : offset.longValue();
        return Format.signedNanos(fromReference);
    }
}
