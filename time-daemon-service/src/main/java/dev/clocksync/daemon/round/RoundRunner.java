package dev.clocksync.daemon.round;

import dev.clocksync.core.exchange.Sample;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.protocol.AdjustmentResponse;
import dev.clocksync.core.reference.Candidate;
import dev.clocksync.core.reference.ReferenceSelector;
import dev.clocksync.core.reference.Selection;
import dev.clocksync.core.reference.Verdict;
import dev.clocksync.core.time.TimeSource;
import dev.clocksync.daemon.DaemonProperties;
import dev.clocksync.daemon.DaemonProperties.ReferenceMode;
import dev.clocksync.daemon.discovery.AgentDirectory;
import dev.clocksync.daemon.discovery.AgentEndpoint;
import dev.clocksync.daemon.probe.AgentClient;
import dev.clocksync.daemon.round.AgentProber.ProbeOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.web.client.RestClientResponseException;

/**
 * One Berkeley round: discover, probe everyone concurrently, choose the reference, push the
 * corrections concurrently, all within the round's deadline. Probing gets the first 60% of the
 * budget, adjustments the rest.
 */
final class RoundRunner {

    private static final double PROBE_SHARE = 0.6;

    private final AgentDirectory directory;
    private final AgentProber prober;
    private final AgentClient client;
    private final ReferenceSelector selector;
    private final FanOut fanOut;
    private final AgentRegistry registry;
    private final DelayFilter delayFilter;
    private final TimeSource timeSource;
    private final DaemonProperties properties;

    RoundRunner(
            AgentDirectory directory,
            AgentProber prober,
            AgentClient client,
            ReferenceSelector selector,
            FanOut fanOut,
            AgentRegistry registry,
            DelayFilter delayFilter,
            TimeSource timeSource,
            DaemonProperties properties) {
        this.directory = directory;
        this.prober = prober;
        this.client = client;
        this.selector = selector;
        this.fanOut = fanOut;
        this.registry = registry;
        this.delayFilter = delayFilter;
        this.timeSource = timeSource;
        this.properties = properties;
    }

    RoundRecord run(String daemonId, long term, long round) {
        Instant startedAt = Instant.ofEpochSecond(0, timeSource.epochNanos());
        long start = timeSource.monotonicNanos();
        long budget = properties.effectiveRoundTimeout().toNanos();
        List<AgentEndpoint> members = directory.members();
        String mode = properties
                .reference()
                .mode()
                .name()
                .toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-');

        Map<AgentEndpoint, Optional<ProbeOutcome>> probes =
                fanOut.run(members, prober::probe, (long) (budget * PROBE_SHARE));
        List<ProbeOutcome> outcomes = members.stream()
                .map(m -> probes.get(m).orElse(new ProbeOutcome(m, null, null, "no answer before the round deadline")))
                .toList();

        delayFilter.retainOnly(members.stream().map(AgentEndpoint::key).toList());
        Set<String> noisy = new HashSet<>();
        for (ProbeOutcome outcome : outcomes) {
            if (outcome.reachable()
                    && !delayFilter.accept(
                            outcome.agent().key(), outcome.sample().delayNanos())) {
                noisy.add(outcome.agent().key());
            }
        }
        List<Candidate> candidates = outcomes.stream()
                .filter(ProbeOutcome::reachable)
                .filter(o -> !noisy.contains(o.agent().key()))
                .map(o -> new Candidate(
                        o.agent().key(), o.sample().offsetNanos(), o.sample().delayNanos()))
                .toList();
        Selection selection = selector.select(candidates);
        OptionalLong reference = referenceOf(selection, candidates);
        long referenceError = referenceErrorOf(selection, outcomes);

        List<Planned> plans = new ArrayList<>();
        for (ProbeOutcome outcome : outcomes) {
            boolean tooNoisy = noisy.contains(outcome.agent().key());
            plans.add(plan(outcome, tooNoisy, selection, reference, referenceError, daemonId, term, round));
        }
        List<Planned> toSend = plans.stream().filter(p -> p.request() != null).toList();
        long remaining = budget - (timeSource.monotonicNanos() - start);
        Map<Planned, Optional<AgentResult>> sent = fanOut.run(toSend, this::send, remaining);

        List<AgentResult> results = plans.stream()
                .map(p -> p.request() == null
                        ? p.result()
                        : sent.get(p).orElse(p.with(AdjustmentOutcome.FAILED, "no answer before the round deadline")))
                .toList();
        registry.record(members, results, startedAt);

        return new RoundRecord(
                term,
                round,
                daemonId,
                startedAt,
                timeSource.monotonicNanos() - start,
                properties.reference().strategy(),
                mode,
                members.isEmpty() ? RoundOutcome.NO_AGENTS : outcomeOf(reference, results),
                reference.isPresent() ? reference.getAsLong() : null,
                spreadOf(results),
                results);
    }

    private OptionalLong referenceOf(Selection selection, List<Candidate> candidates) {
        if (properties.reference().mode() == ReferenceMode.DAEMON_CLOCK) {
            return candidates.isEmpty() ? OptionalLong.empty() : OptionalLong.of(0);
        }
        return selection.referenceNanos();
    }

    /** Mean half-delay of the voters: how far the reference itself may be off. */
    private long referenceErrorOf(Selection selection, List<ProbeOutcome> outcomes) {
        if (properties.reference().mode() == ReferenceMode.DAEMON_CLOCK) {
            return 0;
        }
        return (long) outcomes.stream()
                .filter(ProbeOutcome::reachable)
                .filter(o -> selection.verdicts().get(o.agent().key()) == Verdict.VOTING)
                .mapToLong(o -> o.sample().errorNanos())
                .average()
                .orElse(0);
    }

    private Planned plan(
            ProbeOutcome outcome,
            boolean tooNoisy,
            Selection selection,
            OptionalLong reference,
            long referenceError,
            String daemonId,
            long term,
            long round) {
        AgentEndpoint agent = outcome.agent();
        if (!outcome.reachable()) {
            AgentResult result = new AgentResult(
                    agent.key(),
                    outcome.answer() == null ? null : outcome.answer().agentId(),
                    agent.uri().toString(),
                    agent.pod(),
                    agent.node(),
                    agent.zone(),
                    outcome.answer() == null ? null : outcome.answer().epoch(),
                    false,
                    AgentState.UNREACHABLE,
                    null,
                    null,
                    null,
                    AdjustmentOutcome.NOT_SENT,
                    null,
                    null,
                    outcome.failure());
            return new Planned(agent, null, result);
        }
        Sample sample = outcome.sample();
        AgentState state = stateOf(selection.verdicts().get(agent.key()));
        boolean restarted = registry.restarted(agent.key(), outcome.answer().epoch());
        Long correction = reference.isPresent() ? reference.getAsLong() - sample.offsetNanos() : null;
        AgentResult result = new AgentResult(
                agent.key(),
                outcome.answer().agentId(),
                agent.uri().toString(),
                agent.pod(),
                agent.node(),
                agent.zone(),
                outcome.answer().epoch(),
                restarted,
                state,
                sample.offsetNanos(),
                sample.delayNanos(),
                correction,
                AdjustmentOutcome.NOT_SENT,
                outcome.answer().status(),
                outcome.answer().errorBoundNanos(),
                correction == null ? "no reference this round" : null);
        if (correction == null) {
            return new Planned(agent, null, result);
        }
        if (tooNoisy) {
            return Planned.notSent(
                    agent,
                    result,
                    "round trip above clocksync.daemon.reference.max-delay-ratio times this agent's"
                            + " recent shortest");
        }
        if (state == AgentState.TOO_SLOW) {
            // Its offset may be wrong by half a round trip longer than max-delay: too uncertain to
            // move its clock on, let alone step it. The next round will likely measure it better.
            return Planned.notSent(agent, result, "round trip above clocksync.daemon.reference.max-delay");
        }
        if (Math.abs(correction) > properties.maxCorrection().toNanos()) {
            return Planned.notSent(agent, result, "correction exceeds clocksync.daemon.max-correction");
        }
        AdjustmentRequest request = new AdjustmentRequest(
                daemonId,
                term,
                round,
                correction,
                timeSource.epochNanos(),
                sample.errorNanos() + referenceError,
                outcome.answer().lastTerm(),
                outcome.answer().lastRound());
        return new Planned(agent, request, result);
    }

    private AgentResult send(Planned planned) {
        try {
            AdjustmentResponse response = client.adjust(planned.agent(), planned.request());
            AdjustmentOutcome outcome = switch (response.result()) {
                case SLEWED -> AdjustmentOutcome.SLEWED;
                case STEPPED -> AdjustmentOutcome.STEPPED;
                case DUPLICATE -> AdjustmentOutcome.DUPLICATE;
            };
            return planned.with(outcome, null);
        } catch (RestClientResponseException e) {
            AdjustmentOutcome outcome =
                    e.getStatusCode().value() == 401 ? AdjustmentOutcome.UNAUTHORIZED : AdjustmentOutcome.REFUSED;
            return planned.with(outcome, e.getStatusCode().value() + " " + e.getResponseBodyAsString());
        } catch (RuntimeException e) {
            return planned.with(AdjustmentOutcome.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static AgentState stateOf(Verdict verdict) {
        if (verdict == null) {
            return AgentState.TOO_SLOW;
        }
        return switch (verdict) {
            case VOTING -> AgentState.VOTING;
            case FALSETICKER -> AgentState.FALSETICKER;
            case TOO_SLOW -> AgentState.TOO_SLOW;
        };
    }

    private static RoundOutcome outcomeOf(OptionalLong reference, List<AgentResult> results) {
        if (reference.isEmpty()) {
            return RoundOutcome.NO_REFERENCE;
        }
        boolean all = results.stream()
                .allMatch(r -> r.adjustment() == AdjustmentOutcome.SLEWED
                        || r.adjustment() == AdjustmentOutcome.STEPPED
                        || r.adjustment() == AdjustmentOutcome.DUPLICATE);
        return all ? RoundOutcome.OK : RoundOutcome.PARTIAL;
    }

    private static Long spreadOf(List<AgentResult> results) {
        var offsets = results.stream()
                .filter(r -> r.state() == AgentState.VOTING)
                .mapToLong(AgentResult::offsetNanos)
                .summaryStatistics();
        return offsets.getCount() == 0 ? null : offsets.getMax() - offsets.getMin();
    }

    /** A correction about to be sent, or the final result of an agent that gets none. */
    private record Planned(AgentEndpoint agent, AdjustmentRequest request, AgentResult result) {

        static Planned notSent(AgentEndpoint agent, AgentResult result, String why) {
            return new Planned(agent, null, new Planned(agent, null, result).with(AdjustmentOutcome.NOT_SENT, why));
        }

        AgentResult with(AdjustmentOutcome outcome, String detail) {
            AgentResult r = result;
            return new AgentResult(
                    r.key(),
                    r.agentId(),
                    r.uri(),
                    r.pod(),
                    r.node(),
                    r.zone(),
                    r.epoch(),
                    r.restarted(),
                    r.state(),
                    r.offsetNanos(),
                    r.delayNanos(),
                    r.correctionNanos(),
                    outcome,
                    r.clockStatus(),
                    r.errorBoundNanos(),
                    detail);
        }
    }
}
