package dev.clocksync.daemon.round;

import dev.clocksync.core.fencing.TermFence.Position;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.time.TimeSource;
import dev.clocksync.daemon.DaemonProperties;
import dev.clocksync.daemon.discovery.AgentDirectory;
import dev.clocksync.daemon.discovery.AgentEndpoint;
import dev.clocksync.daemon.probe.AgentClient;
import dev.clocksync.daemon.probe.AgentClient.Delivery;
import dev.clocksync.daemon.round.AgentHistory.Confirmation;
import dev.clocksync.daemon.round.AgentProber.ProbeOutcome;
import dev.clocksync.daemon.round.RoundPlanner.Measured;
import dev.clocksync.daemon.round.RoundPlanner.Plan;
import dev.clocksync.daemon.round.RoundPlanner.Planned;
import dev.clocksync.daemon.round.RoundPlanner.RoundContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One Berkeley round, orchestrated: discover, probe everyone concurrently, let the
 * {@link RoundPlanner} decide, push the corrections concurrently, record. Probing gets the first
 * 60% of the round's budget; adjustments must start within the rest, and one that has started is
 * awaited to its answer (or its request timeout), so that the record says what the agent did.
 */
final class RoundRunner {

    private static final double PROBE_SHARE = 0.6;

    private final AgentDirectory directory;
    private final AgentProber prober;
    private final AgentClient client;
    private final RoundPlanner planner;
    private final FanOut fanOut;
    private final AgentRegistry registry;
    private final TimeSource timeSource;
    private final DaemonProperties properties;

    RoundRunner(
            AgentDirectory directory,
            AgentProber prober,
            AgentClient client,
            RoundPlanner planner,
            FanOut fanOut,
            AgentRegistry registry,
            TimeSource timeSource,
            DaemonProperties properties) {
        this.directory = directory;
        this.prober = prober;
        this.client = client;
        this.planner = planner;
        this.fanOut = fanOut;
        this.registry = registry;
        this.timeSource = timeSource;
        this.properties = properties;
    }

    Ran run(String daemonId, long term, long round) {
        Instant startedAt = Instant.ofEpochSecond(0, timeSource.epochNanos());
        long start = timeSource.monotonicNanos();
        long budget = properties.effectiveRoundTimeout().toNanos();
        List<AgentEndpoint> members = directory.members();
        Map<AgentEndpoint, AgentHistory> histories = registry.of(members);

        Map<AgentEndpoint, Optional<ProbeOutcome>> probes =
                fanOut.run(members, prober::probe, (long) (budget * PROBE_SHARE));
        List<Measured> measured = new ArrayList<>(members.size());
        List<Settled> settled = new ArrayList<>();
        for (AgentEndpoint member : members) {
            ProbeOutcome outcome = probes.get(member)
                    .orElse(new ProbeOutcome(member, null, null, "no answer before the round deadline"));
            AgentHistory history = histories.get(member);
            if (!outcome.reachable()) {
                measured.add(new Measured(member, outcome, false, false));
                continue;
            }
            history.confirm(outcome.answer()).ifPresent(c -> settled.add(new Settled(member.key(), c)));
            boolean restarted = history.restarted(outcome.answer());
            boolean noisy = !history.admitDelay(outcome.sample().delayNanos());
            measured.add(new Measured(member, outcome, restarted, noisy));
        }

        Plan plan = planner.plan(new RoundContext(daemonId, term, round, timeSource.epochNanos()), measured);
        List<Planned> toSend =
                plan.planned().stream().filter(p -> p.request() != null).toList();
        long startWithin = budget - (timeSource.monotonicNanos() - start);
        long cap = startWithin
                + properties.connectTimeout().toNanos()
                + properties.requestTimeout().toNanos();
        Map<Planned, Optional<AgentResult>> sent =
                fanOut.runToCompletion(toSend, p -> send(p, histories.get(p.agent())), startWithin, cap);
        List<AgentResult> results = plan.planned().stream()
                .map(p -> p.request() == null
                        ? p.result()
                        : sent.get(p)
                                .orElse(p.result()
                                        .with(AdjustmentOutcome.NOT_SENT, "the round deadline passed before sending")))
                .toList();
        registry.record(results, startedAt);

        RoundRecord record = new RoundRecord(
                term,
                round,
                daemonId,
                startedAt,
                timeSource.monotonicNanos() - start,
                properties.reference().strategy(),
                properties.reference().mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                RoundOutcome.of(plan.reference().isPresent(), results),
                plan.reference().isPresent() ? plan.reference().getAsLong() : null,
                plan.spreadNanos(),
                plan.nodeSpreadNanos(),
                results);
        return new Ran(record, settled);
    }

    private AgentResult send(Planned planned, AgentHistory history) {
        AdjustmentRequest request = planned.request();
        Delivery delivery = client.adjust(planned.agent(), request);
        AgentResult result = planned.result();
        return switch (delivery) {
            case Delivery.Answered(var response) ->
                switch (response.result()) {
                    case SLEWED -> result.with(AdjustmentOutcome.SLEWED, null);
                    case STEPPED -> result.with(AdjustmentOutcome.STEPPED, null);
                    case DUPLICATE -> result.with(AdjustmentOutcome.DUPLICATE, null);
                };
            case Delivery.Refused(int status, String problem) ->
                result.with(
                        status == 401 ? AdjustmentOutcome.UNAUTHORIZED : AdjustmentOutcome.REFUSED,
                        status + " " + problem);
            case Delivery.NotDelivered(String reason) -> result.with(AdjustmentOutcome.FAILED, reason);
            case Delivery.Unconfirmed(String reason) -> {
                history.awaitConfirmation(
                        request.term(),
                        request.round(),
                        new Position(request.basisTerm(), request.basisRound()),
                        result.epoch());
                yield result.with(AdjustmentOutcome.UNCONFIRMED, reason);
            }
        };
    }

    /** An adjustment of an earlier round to the agent {@code key}, settled by this round's probe. */
    record Settled(String key, Confirmation confirmation) {}

    /** The round's record, and the earlier adjustments its probes settled. */
    record Ran(RoundRecord record, List<Settled> settled) {}
}
