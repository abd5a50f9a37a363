package dev.clocksync.benchmarks.live;

import java.util.List;
import java.util.Map;

/**
 * What one variant of the cluster benchmark measured. Spreads and durations in nanoseconds.
 *
 * @param kind the daemon configuration
 * @param agents agent processes
 * @param roundsToBelow1ms rounds finished when the true spread was first below 1 ms (null: never)
 * @param staysBelow1msFromRound rounds finished from when it stayed below 1 ms to the window's end (null: never)
 * @param trueSpreadAfterRounds the true spread just after round 1, 2, 3 (NaN: not seen)
 * @param trueSpread true spread over the steady window's readings
 * @param reportedSpread the daemon's spread over the rounds that started within the window
 * @param readingSpan per reading, from the first request to the last answer
 * @param offsetRatePpm each agent's |change of true offset| between consecutive readings, ppm
 * @param incompleteReadings readings in the window where some agent did not answer
 * @param roundsInWindow rounds started within the window
 * @param outcomes those rounds by outcome
 * @param roundDuration their durations
 * @param probeDelay per round, the median round trip of the kept exchanges
 * @param daemonCpuSecondsPerRound the daemon's CPU time over the window, per round
 * @param daemonRssBytes the daemon's VmRSS at the window's end
 * @param daemonPeakRssBytes its VmHWM
 * @param agentRssBytes the agents' VmRSS at the window's end
 * @param agentsReadySeconds from starting the first agent to the last one ready
 * @param daemonReadySeconds from starting the daemon to its readiness
 * @param windowSeconds the window's actual length
 * @param load the 1-minute load average while the variant ran
 * @param cpu over the window: cores used by the benchmark's processes and by everything else
 */
record ClusterResult(
        ClusterVariant.Kind kind,
        int agents,
        Long roundsToBelow1ms,
        Long staysBelow1msFromRound,
        List<Double> trueSpreadAfterRounds,
        Stats trueSpread,
        Stats reportedSpread,
        Stats readingSpan,
        Stats offsetRatePpm,
        int incompleteReadings,
        int roundsInWindow,
        Map<String, Integer> outcomes,
        Stats roundDuration,
        Stats probeDelay,
        double daemonCpuSecondsPerRound,
        long daemonRssBytes,
        long daemonPeakRssBytes,
        Stats agentRssBytes,
        double agentsReadySeconds,
        double daemonReadySeconds,
        double windowSeconds,
        LoadMonitor.Summary load,
        CpuShare cpu) {}
