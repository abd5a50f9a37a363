package dev.clocksync.core.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.core.reference.Candidate;
import dev.clocksync.core.reference.ReferenceSelector;
import dev.clocksync.core.reference.ReferenceStrategy;
import dev.clocksync.core.reference.Selection;
import dev.clocksync.core.time.ManualTimeSource;
import dev.clocksync.core.time.Oscillator;
import dev.clocksync.core.time.SimulatedOscillator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The closed loop, in fake time: each node's kernel clock is disciplined, chrony-like, from its
 * agent's served time, while the daemon's rounds keep the agents together. The agents' clocks run
 * on the nodes' crystals (CLOCK_MONOTONIC_RAW), so what a node's time daemon does to the node's
 * clock never reaches them. Nodes start up to 2 s apart with crystals up to 100 ppm off; the node
 * clocks must end within 1 ms of each other and stay there, without oscillating. The same run with
 * agents built on the node clocks instead (each chasing its own reflection) is printed beside it.
 */
class ClosedLoopNodeDisciplineTest {

    static final long SEED = 20261201L;
    static final int NODES = 10;
    static final int SECONDS = 600;
    static final int CHRONY_POLL_SECONDS = 2;
    static final long MS = 1_000_000;
    static final long SECOND = 1_000 * MS;
    static final long START = 1_795_000_000_000_000_000L;

    /** chrony's defaults where they matter: makestep 1.0 3, maxslewrate 83333 ppm. */
    static final ClockPolicy CHRONY_LIKE = new ClockPolicy(83_333, SECOND, 3, 500, 15, 2 * SECOND, 0.5);
    /** The agents' policy of the tests and the demo: step clocks 1 ms off in the first updates. */
    static final ClockPolicy AGENT = new ClockPolicy(500, MS, 3, 500, 15, SECOND, 0.5);

    record Run(long secondsToWithin1ms, long worstAfterNanos, long finalSpreadNanos, int spreadRisesAbove1ms) {}

    @Test
    void nodeClocksDisciplinedFromTheirAgentsConvergeWithinAMillisecondAndStayThere() {
        Run crystal = simulate(true);
        Run chasing = simulate(false);
        System.out.printf(
                "[figures] closed loop, %d nodes, +/-2 s, +/-100 ppm, chrony polls every %d s, daemon rounds every 1 s:%n",
                NODES, CHRONY_POLL_SECONDS);
        print("agents on the crystal (CLOCK_MONOTONIC_RAW)", crystal);
        print("agents on the node clocks (chasing)", chasing);

        assertThat(crystal.secondsToWithin1ms())
                .as("seconds until the node clocks are within 1 ms")
                .isBetween(1L, 300L);
        assertThat(crystal.worstAfterNanos())
                .as("worst node spread once within 1 ms: no oscillation")
                .isLessThan(MS);
        assertThat(crystal.spreadRisesAbove1ms())
                .as("times the spread rose above 1 ms again")
                .isZero();
        assertThat(crystal.finalSpreadNanos()).isLessThan(MS / 2);
    }

    private static void print(String label, Run run) {
        System.out.printf(
                "[figures]   %-45s within 1 ms after %s, worst after %.1f us, final %.1f us%n",
                label,
                run.secondsToWithin1ms() < 0 ? "never" : run.secondsToWithin1ms() + " s",
                run.worstAfterNanos() / 1e3,
                run.finalSpreadNanos() / 1e3);
    }

    private static Run simulate(boolean agentsOnCrystal) {
        Random random = new Random(SEED);
        ManualTimeSource world = new ManualTimeSource(START);
        ReferenceSelector selector = ReferenceSelector.of(ReferenceStrategy.GAMMA_CLUSTER, 5 * MS, 50 * MS);
        List<DisciplinedClock> kernels = new ArrayList<>();
        List<DisciplinedClock> agents = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            long offset = random.nextLong(-2 * SECOND, 2 * SECOND + 1);
            double drift = random.nextDouble(-100, 100);
            SimulatedOscillator crystalOf = new SimulatedOscillator(world, offset, drift, 0, null);
            DisciplinedClock kernel = new DisciplinedClock(crystalOf, world, CHRONY_LIKE);
            Oscillator agentOscillator = agentsOnCrystal ? crystalOf : kernel::unheldNanos;
            kernels.add(kernel);
            agents.add(new DisciplinedClock(agentOscillator, world, AGENT));
        }
        long within = -1;
        long worstAfter = 0;
        int rises = 0;
        long spread = Long.MAX_VALUE;
        for (int second = 1; second <= SECONDS; second++) {
            world.advance(SECOND);
            daemonRound(agents, world, selector, random);
            if (second % CHRONY_POLL_SECONDS == 0) {
                for (int i = 0; i < NODES; i++) {
                    long measured = agents.get(i).unheldNanos() - kernels.get(i).unheldNanos() + noise(random, 20_000);
                    kernels.get(i).apply(measured, 20_000, false);
                }
            }
            long previous = spread;
            spread = spread(kernels);
            if (within < 0 && spread < MS) {
                within = second;
            } else if (within >= 0) {
                worstAfter = Math.max(worstAfter, spread);
                if (previous < MS && spread >= MS) {
                    rises++;
                }
            }
        }
        return new Run(within, worstAfter, spread, rises);
    }

    /** The daemon's round: offsets of the agents' clocks with measurement noise, GAMMA_CLUSTER, corrections. */
    private static void daemonRound(
            List<DisciplinedClock> agents, ManualTimeSource world, ReferenceSelector selector, Random random) {
        List<Candidate> candidates = new ArrayList<>();
        long[] offsets = new long[agents.size()];
        for (int i = 0; i < agents.size(); i++) {
            offsets[i] = agents.get(i).unheldNanos() - world.epochNanos() + noise(random, 30_000);
            candidates.add(new Candidate("agent-" + i, offsets[i], 60_000));
        }
        Selection selection = selector.select(candidates);
        long reference = selection.referenceNanos().orElseThrow();
        for (int i = 0; i < agents.size(); i++) {
            agents.get(i).apply(reference - offsets[i], 60_000, false);
        }
    }

    private static long spread(List<DisciplinedClock> kernels) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (DisciplinedClock kernel : kernels) {
            long reading = kernel.unheldNanos();
            min = Math.min(min, reading);
            max = Math.max(max, reading);
        }
        return max - min;
    }

    private static long noise(Random random, long halfWidthNanos) {
        return random.nextLong(-halfWidthNanos, halfWidthNanos + 1);
    }
}
