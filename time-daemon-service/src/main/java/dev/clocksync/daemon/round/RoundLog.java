package dev.clocksync.daemon.round;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One structured line per round, in logfmt, so that log pipelines can parse it as it is. */
final class RoundLog {

    private static final Logger log = LoggerFactory.getLogger("dev.clocksync.daemon.rounds");

    private RoundLog() {}

    static void logSettled(long term, long round, AgentResult a) {
        log.info(
                "settled term={} round={} agent={} adjustment={} detail=\"{}\"",
                term,
                round,
                a.agentId() == null ? a.key() : a.agentId(),
                a.adjustment(),
                a.detail());
    }

    static void log(RoundRecord r) {
        if (log.isDebugEnabled()) {
            for (AgentResult a : r.agents()) {
                log.debug(
                        "agent term={} round={} agent={} node={} state={} offset_ns={} delay_ns={} correction_ns={}"
                                + " adjustment={} restarted={}",
                        r.term(),
                        r.round(),
                        a.agentId() == null ? a.key() : a.agentId(),
                        a.node() == null || a.node().isEmpty() ? "-" : a.node(),
                        a.state(),
                        a.offsetNanos() == null ? "none" : a.offsetNanos(),
                        a.delayNanos() == null ? "none" : a.delayNanos(),
                        a.correctionNanos() == null ? "none" : a.correctionNanos(),
                        a.adjustment(),
                        a.restarted());
            }
        }
        if (!log.isInfoEnabled()) {
            return;
        }
        log.info(
                "round term={} round={} outcome={} strategy={} agents={} voting={} falsetickers={} noisy={}"
                        + " too_slow={} unreachable={} reference_ns={} spread_ns={} duration_ms={}",
                r.term(),
                r.round(),
                r.outcome().tag(),
                r.strategy(),
                r.agents().size(),
                r.count(AgentState.VOTING),
                r.count(AgentState.FALSETICKER),
                r.count(AgentState.NOISY),
                r.count(AgentState.TOO_SLOW),
                r.count(AgentState.UNREACHABLE),
                r.referenceNanos() == null ? "none" : r.referenceNanos(),
                r.spreadNanos() == null ? "none" : r.spreadNanos(),
                String.format(java.util.Locale.ROOT, "%.3f", r.durationNanos() / 1e6));
    }
}
