package dev.clocksync.daemon.round;

import dev.clocksync.core.exchange.Sample;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.protocol.Reference;
import dev.clocksync.core.reference.Candidate;
import dev.clocksync.core.reference.ReferenceSelector;
import dev.clocksync.core.reference.Selection;
import dev.clocksync.core.reference.Verdict;
import dev.clocksync.daemon.DaemonProperties.ReferenceMode;
import dev.clocksync.daemon.discovery.AgentEndpoint;
import dev.clocksync.daemon.round.AgentProber.ProbeOutcome;
import java.util.List;
import java.util.OptionalLong;

/**
 * The decisions of one round, from its measurements alone: who votes, the reference, and for
 * every agent its state, its correction and whether to send it, with the reason when not. Pure:
 * no I/O and no memory of earlier rounds (what they contribute, a restart or a failed delay-ratio
 * test, arrives with each measurement).
 */
final class RoundPlanner {

    private final ReferenceSelector selector;
    private final ReferenceMode mode;
    private final long maxCorrectionNanos;

    RoundPlanner(ReferenceSelector selector, ReferenceMode mode, long maxCorrectionNanos) {
        this.selector = selector;
        this.mode = mode;
        this.maxCorrectionNanos = maxCorrectionNanos;
    }

    Plan plan(RoundContext context, List<Measured> measured) {
        boolean demoteNoisy = quietMajority(measured);
        List<Candidate> candidates = measured.stream()
                .filter(m -> m.outcome().reachable() && !(demoteNoisy && m.noisy()))
                .map(m -> new Candidate(
                        m.agent().key(),
                        m.outcome().sample().offsetNanos(),
                        m.outcome().sample().delayNanos()))
                .toList();
        Selection selection = selector.select(candidates);
        OptionalLong reference = mode == ReferenceMode.DAEMON_CLOCK
                ? (candidates.isEmpty() ? OptionalLong.empty() : OptionalLong.of(0))
                : selection.referenceNanos();
        long referenceError = mode == ReferenceMode.DAEMON_CLOCK ? 0 : votersMeanError(selection, measured);
        List<Planned> planned = measured.stream()
                .map(m -> plan(context, m, demoteNoisy && m.noisy(), selection, reference, referenceError))
                .toList();
        return new Plan(reference, planned);
    }

    /**
     * Whether the samples that passed the delay-ratio test are a majority of the reached agents.
     * Only then do noisy samples step aside: when a load spike has slowed most round trips, a
     * reference chosen by a minority would lose the fault tolerance the vote is for, so everyone
     * votes with the samples there are (their errors are honest either way).
     */
    private static boolean quietMajority(List<Measured> measured) {
        long reached = measured.stream().filter(m -> m.outcome().reachable()).count();
        long quiet = measured.stream()
                .filter(m -> m.outcome().reachable() && !m.noisy())
                .count();
        return 2 * quiet > reached;
    }

    private Planned plan(
            RoundContext context,
            Measured measured,
            boolean noisy,
            Selection selection,
            OptionalLong reference,
            long referenceError) {
        AgentEndpoint agent = measured.agent();
        ProbeOutcome outcome = measured.outcome();
        if (!outcome.reachable()) {
            return new Planned(agent, AgentResult.unreachable(agent, outcome.answer(), outcome.failure()), null);
        }
        Sample sample = outcome.sample();
        AgentState state =
                noisy ? AgentState.NOISY : stateOf(selection.verdicts().get(agent.key()));
        Long correction = reference.isPresent() ? reference.getAsLong() - sample.offsetNanos() : null;
        AgentResult result =
                AgentResult.measured(agent, outcome.answer(), measured.restarted(), state, sample, correction);
        if (correction == null) {
            return new Planned(agent, result, null);
        }
        if (state == AgentState.TOO_SLOW) {
            // Its offset may be wrong by half a round trip longer than max-delay: too uncertain to
            // move its clock on, let alone step it. The next round will likely measure it better.
            return new Planned(
                    agent,
                    result.with(AdjustmentOutcome.NOT_SENT, "round trip above clocksync.daemon.reference.max-delay"),
                    null);
        }
        if (Math.abs(correction) > maxCorrectionNanos) {
            return new Planned(
                    agent,
                    result.with(AdjustmentOutcome.NOT_SENT, "correction exceeds clocksync.daemon.max-correction"),
                    null);
        }
        AdjustmentRequest request = new AdjustmentRequest(
                context.daemonId(),
                context.term(),
                context.round(),
                correction,
                context.issuedAtNanos(),
                sample.errorNanos() + referenceError,
                outcome.answer().lastTerm(),
                outcome.answer().lastRound(),
                outcome.answer().nonce(),
                mode == ReferenceMode.DAEMON_CLOCK ? Reference.DAEMON_CLOCK : Reference.CONSENSUS);
        return new Planned(agent, result, request);
    }

    /** How far the reference itself may be off: the voters' mean half round trip. */
    private static long votersMeanError(Selection selection, List<Measured> measured) {
        return (long) measured.stream()
                .filter(m -> m.outcome().reachable())
                .filter(m -> selection.verdicts().get(m.agent().key()) == Verdict.VOTING)
                .mapToLong(m -> m.outcome().sample().errorNanos())
                .average()
                .orElse(0);
    }

    private static AgentState stateOf(Verdict verdict) {
        return switch (verdict) {
            case VOTING -> AgentState.VOTING;
            case FALSETICKER -> AgentState.FALSETICKER;
            case TOO_SLOW -> AgentState.TOO_SLOW;
        };
    }

    /** Which round this is and who runs it. */
    record RoundContext(String daemonId, long term, long round, long issuedAtNanos) {}

    /**
     * One member's measurement this round, with what its history says of it.
     *
     * @param restarted its epoch changed since an earlier round
     * @param noisy its round trip failed the delay-ratio test against its recent ones; it does not
     *     vote while the others are a majority
     */
    record Measured(AgentEndpoint agent, ProbeOutcome outcome, boolean restarted, boolean noisy) {}

    /** An agent's result so far, and the adjustment to send it (null: none). */
    record Planned(AgentEndpoint agent, AgentResult result, AdjustmentRequest request) {}

    /** The round's reference (empty: none) and every member's plan, in member order. */
    record Plan(OptionalLong reference, List<Planned> planned) {

        /** Max - min of the reached agents' node offsets: how far apart the nodes' clocks are. */
        Long nodeSpreadNanos() {
            var offsets = planned.stream()
                    .map(Planned::result)
                    .filter(r -> r.state() != AgentState.UNREACHABLE && r.nodeOffsetNanos() != null)
                    .mapToLong(AgentResult::nodeOffsetNanos)
                    .summaryStatistics();
            return offsets.getCount() == 0 ? null : offsets.getMax() - offsets.getMin();
        }

        /** Max - min offset of the voting agents, before correction; null without voters. */
        Long spreadNanos() {
            var offsets = planned.stream()
                    .map(Planned::result)
                    .filter(r -> r.state() == AgentState.VOTING)
                    .mapToLong(AgentResult::offsetNanos)
                    .summaryStatistics();
            return offsets.getCount() == 0 ? null : offsets.getMax() - offsets.getMin();
        }
    }
}
