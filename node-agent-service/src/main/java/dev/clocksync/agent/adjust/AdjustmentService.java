package dev.clocksync.agent.adjust;

import dev.clocksync.agent.clock.AgentIdentity;
import dev.clocksync.agent.clock.AgentProperties;
import dev.clocksync.core.clock.ClockState;
import dev.clocksync.core.clock.CorrectionKind;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.protocol.AdjustmentResponse;
import dev.clocksync.core.protocol.AdjustmentResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Applies the daemon's corrections to the clock, exactly once each, and only from the newest
 * leader: the (term, round) pair is the idempotency key and the term is a fencing token.
 * Every refusal leaves the clock and this state untouched.
 */
@Service
public class AdjustmentService {

    private static final Logger log = LoggerFactory.getLogger(AdjustmentService.class);

    private final DisciplinedClock clock;
    private final AgentIdentity identity;
    private final long maxCorrectionNanos;

    private long highestTerm = -1;
    private long lastRound = -1;
    private long lastCorrectionNanos;

    public AdjustmentService(DisciplinedClock clock, AgentIdentity identity, AgentProperties properties) {
        this.clock = clock;
        this.identity = identity;
        this.maxCorrectionNanos = properties.maxCorrection().toNanos();
    }

    public synchronized AdjustmentResponse apply(AdjustmentRequest request) {
        long term = request.term();
        long round = request.round();
        if (term < highestTerm) {
            throw new AdjustmentRefusedException.StaleTerm(term, highestTerm);
        }
        if (term == highestTerm && round == lastRound) {
            return response(request, AdjustmentResult.DUPLICATE);
        }
        if (term == highestTerm && round < lastRound) {
            throw new AdjustmentRefusedException.StaleRound(term, round, lastRound);
        }
        if (request.hasBasis() && !fence().equals(new Fence(request.basisTerm(), request.basisRound()))) {
            throw new AdjustmentRefusedException.StaleBasis(request.basisTerm(), request.basisRound(), fence());
        }
        long correction = request.correctionNanos();
        if (correction == Long.MIN_VALUE || Math.abs(correction) > maxCorrectionNanos) {
            throw new AdjustmentRefusedException.TooLarge(correction, maxCorrectionNanos);
        }
        CorrectionKind kind = clock.apply(correction, request.errorOrZero(), false);
        highestTerm = term;
        lastRound = round;
        lastCorrectionNanos = correction;
        log.debug("Applied {} ns ({}) from {} term {} round {}", correction, kind, request.daemonId(), term, round);
        return response(request, kind == CorrectionKind.STEPPED ? AdjustmentResult.STEPPED : AdjustmentResult.SLEWED);
    }

    public synchronized Fence fence() {
        return new Fence(Math.max(highestTerm, 0), Math.max(lastRound, 0));
    }

    public synchronized long lastCorrectionNanos() {
        return lastCorrectionNanos;
    }

    private AdjustmentResponse response(AdjustmentRequest request, AdjustmentResult result) {
        ClockState state = clock.state();
        return new AdjustmentResponse(
                identity.agentId(), request.term(), request.round(), result, state.status(), state.frequencyPpm());
    }

    /** The highest term seen and the last round applied in it. */
    public record Fence(long term, long round) {}
}
