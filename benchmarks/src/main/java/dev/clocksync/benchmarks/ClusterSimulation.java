package dev.clocksync.benchmarks;

import dev.clocksync.core.clock.ClockPolicy;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.exchange.ClockFilter;
import dev.clocksync.core.exchange.Exchange;
import dev.clocksync.core.exchange.Sample;
import dev.clocksync.core.reference.Candidate;
import dev.clocksync.core.reference.ReferenceSelector;
import dev.clocksync.core.reference.ReferenceStrategy;
import dev.clocksync.core.reference.Selection;
import dev.clocksync.core.reference.Verdict;
import dev.clocksync.core.time.ManualTimeSource;
import dev.clocksync.core.time.SimulatedOscillator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The daemon's round loop over a simulated cluster, in fake time and without HTTP: probe every
 * agent k times through the {@link MeasurementModel}, keep the minimum-delay exchange, select the
 * reference, and apply {@code reference - offset} to each agent's {@link DisciplinedClock}. The
 * daemon's clock is the host clock; every agent's clock knows its true error against it.
 */
final class ClusterSimulation {

    static final long INTERVAL_NANOS = 1_000_000_000L;
    static final int EXCHANGES = 8;
    static final long MAX_INITIAL_OFFSET_NANOS = 2_000_000_000L;
    static final double MAX_DRIFT_PPM = 100;

    /**
     * The agent's defaults except the step threshold: 1 ms instead of 128 ms. Initial offsets of
     * up to 2 s are then all stepped within the makestep limit (3 updates) instead of offsets
     * below 128 ms being slewed at 500 ppm for up to 256 s, so the run measures the steady-state
     * precision rather than the length of the initial slew. After the makestep limit nothing is
     * stepped any more, so this changes nothing in steady state.
     */
    static final ClockPolicy POLICY = new ClockPolicy(500, 1_000_000L, 3, 500.0, 15.0, INTERVAL_NANOS, 0.5);

    // The daemon's defaults (clocksync.daemon.reference.gamma and max-delay).
    private static final long GAMMA_NANOS = 5_000_000L;
    private static final long MAX_DELAY_NANOS = 50_000_000L;
    private static final long EXCHANGE_SPACING_NANOS = 500_000L;
    private static final long HOUR_NANOS = 3_600_000_000_000L;
    private static final long START_EPOCH_NANOS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    private final ManualTimeSource host = new ManualTimeSource(START_EPOCH_NANOS);
    private final ReferenceStrategy strategy;
    private final ReferenceSelector selector;
    private final MeasurementModel network;
    private final List<Agent> agents = new ArrayList<>();

    /** An agent; a falseticker has no disciplined clock, it refuses every correction. */
    private record Agent(String id, SimulatedOscillator oscillator, DisciplinedClock clock) {

        boolean honest() {
            return clock != null;
        }

        /** Where a probe finds the clock: the disciplined clock without the monotonic hold. */
        long trueOffsetNanos(ManualTimeSource host) {
            return honest() ? clock.unheldNanos() - host.epochNanos() : oscillator.trueOffsetNanos();
        }
    }

    /** The same options and seed give the same clocks and the same measurement noise for every strategy. */
    ClusterSimulation(HarnessOptions options, ReferenceStrategy strategy) {
        this.strategy = strategy;
        this.selector = ReferenceSelector.of(strategy, GAMMA_NANOS, MAX_DELAY_NANOS);
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom clocks = root.split();
        this.network = new MeasurementModel(root.split());
        for (int i = 0; i < options.agents(); i++) {
            boolean falseticker = i < options.falsetickers();
            long offset = clocks.nextLong(-MAX_INITIAL_OFFSET_NANOS, MAX_INITIAL_OFFSET_NANOS + 1);
            if (falseticker) {
                offset += (clocks.nextBoolean() ? 1 : -1) * clocks.nextLong(1, 6) * HOUR_NANOS;
            }
            double drift = clocks.nextDouble(-MAX_DRIFT_PPM, MAX_DRIFT_PPM);
            SimulatedOscillator oscillator = new SimulatedOscillator(host, offset, drift, 0, null);
            DisciplinedClock clock = falseticker ? null : new DisciplinedClock(oscillator, host, POLICY);
            agents.add(new Agent("agent-%05d".formatted(i), oscillator, clock));
        }
    }

    /** Runs the rounds; the true spread is taken at each round's probe, before its correction. */
    StrategyResult run(int rounds) {
        long[] spreads = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            spreads[round] = trueSpreadNanos();
            runRound();
            host.advance(INTERVAL_NANOS);
        }
        return finish(spreads);
    }

    private void runRound() {
        long now = host.epochNanos();
        Map<String, Sample> samples = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>(agents.size());
        for (Agent agent : agents) {
            long offset = agent.trueOffsetNanos(host);
            List<Exchange> exchanges = new ArrayList<>(EXCHANGES);
            for (int k = 0; k < EXCHANGES; k++) {
                exchanges.add(network.exchange(now + k * EXCHANGE_SPACING_NANOS, offset));
            }
            Sample sample = ClockFilter.minimumDelay(exchanges).orElseThrow();
            samples.put(agent.id(), sample);
            candidates.add(new Candidate(agent.id(), sample.offsetNanos(), sample.delayNanos()));
        }
        Selection selection = selector.select(candidates);
        if (selection.referenceNanos().isEmpty()) {
            return;
        }
        long reference = selection.referenceNanos().getAsLong();
        // As the daemon does: the reference may itself be off by the voters' mean half round trip.
        long referenceError = (long) samples.entrySet().stream()
                .filter(e -> selection.verdicts().get(e.getKey()) == Verdict.VOTING)
                .mapToLong(e -> e.getValue().errorNanos())
                .average()
                .orElse(0);
        for (Agent agent : agents) {
            Sample sample = samples.get(agent.id());
            if (agent.honest() && selection.verdicts().get(agent.id()) != Verdict.TOO_SLOW) {
                agent.clock().apply(reference - sample.offsetNanos(), sample.errorNanos() + referenceError, false);
            }
        }
    }

    private long trueSpreadNanos() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Agent agent : agents) {
            if (agent.honest()) {
                long offset = agent.trueOffsetNanos(host);
                min = Math.min(min, offset);
                max = Math.max(max, offset);
            }
        }
        return max - min;
    }

    /** Frequency errors are taken against the honest clocks' mean rate, the rate Berkeley converges to. */
    private StrategyResult finish(long[] spreads) {
        List<Agent> honest = agents.stream().filter(Agent::honest).toList();
        double[] rates = honest.stream()
                .mapToDouble(a -> rateErrorPpm(
                        a.oscillator().driftPpm(), a.clock().state().frequencyPpm()))
                .toArray();
        double clusterRate = Arrays.stream(rates).average().orElse(0);
        double[] residuals = Arrays.stream(rates)
                .map(rate -> Math.abs(rate - clusterRate))
                .sorted()
                .toArray();
        double clusterOffset = honest.stream()
                .mapToLong(a -> a.trueOffsetNanos(host))
                .average()
                .orElse(0);
        return new StrategyResult(
                strategy,
                spreads,
                residuals[residuals.length / 2],
                residuals[residuals.length - 1],
                clusterRate,
                clusterOffset);
    }

    /** The disciplined clock runs at (1 + drift)(1 + compensation) of true time. */
    private static double rateErrorPpm(double driftPpm, double compensationPpm) {
        return ((1 + driftPpm / 1e6) * (1 + compensationPpm / 1e6) - 1) * 1e6;
    }
}
