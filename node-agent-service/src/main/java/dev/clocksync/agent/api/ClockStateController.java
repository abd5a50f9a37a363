package dev.clocksync.agent.api;

import dev.clocksync.agent.adjust.AdjustmentService;
import dev.clocksync.agent.clock.AgentIdentity;
import dev.clocksync.agent.node.NodeClock;
import dev.clocksync.core.clock.ClockState;
import dev.clocksync.core.clock.ClockStatus;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.fencing.TermFence;
import dev.clocksync.core.protocol.Paths;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The discipline state of this agent's clock, for operators ({@code clocksyncctl status}); reads only. */
@RestController
class ClockStateController {

    static final String PATH = Paths.CLOCK_STATE;

    private final DisciplinedClock clock;
    private final AgentIdentity identity;
    private final AdjustmentService adjustments;
    private final NodeClock node;

    ClockStateController(
            DisciplinedClock clock, AgentIdentity identity, AdjustmentService adjustments, NodeClock node) {
        this.clock = clock;
        this.identity = identity;
        this.adjustments = adjustments;
        this.node = node;
    }

    @GetMapping(PATH)
    ClockStateView state() {
        TermFence.Position fence = adjustments.position();
        long lastCorrectionNanos = adjustments.lastCorrectionNanos();
        String reference = adjustments.reference();
        ClockState state = clock.state();
        long nodeOffsetNanos = node.read().nodeOffsetNanos();
        return new ClockStateView(
                identity.agentId(),
                identity.epoch(),
                state.status(),
                state.errorBoundNanos(),
                state.frequencyPpm(),
                state.pendingSlewNanos(),
                lastCorrectionNanos,
                state.updates(),
                state.steps(),
                state.slews(),
                fence.term(),
                fence.round(),
                reference,
                nodeOffsetNanos);
    }

    /**
     * The agent clock's discipline state.
     *
     * @param agentId stable agent identity
     * @param epoch the agent's boot id; changes at every start
     * @param status the clock's status
     * @param errorBoundNanos bound on the clock's error now; {@link Long#MAX_VALUE} while unknown
     * @param frequencyPpm frequency compensation applied to the oscillator, ppm
     * @param pendingSlewNanos the part of the last slewed correction not yet applied
     * @param lastCorrectionNanos the last correction received from the daemon (0 before any)
     * @param updates corrections applied since start
     * @param steps of those, the ones applied by stepping
     * @param slews of those, the ones applied by slewing
     * @param lastTerm highest leadership term seen
     * @param lastRound last round applied within that term
     * @param reference what the daemon synchronizes to: consensus or daemon-clock (unknown before
     *     the first adjustment)
     * @param nodeOffsetNanos the node's clock minus this clock (the cluster clock), from one reading
     */
    record ClockStateView(
            String agentId,
            String epoch,
            ClockStatus status,
            long errorBoundNanos,
            double frequencyPpm,
            long pendingSlewNanos,
            long lastCorrectionNanos,
            long updates,
            long steps,
            long slews,
            long lastTerm,
            long lastRound,
            String reference,
            long nodeOffsetNanos) {}
}
