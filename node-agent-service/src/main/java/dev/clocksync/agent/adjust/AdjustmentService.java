package dev.clocksync.agent.adjust;

import dev.clocksync.agent.clock.AgentIdentity;
import dev.clocksync.agent.clock.AgentProperties;
import dev.clocksync.core.clock.ClockState;
import dev.clocksync.core.clock.CorrectionKind;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.fencing.TermFence;
import dev.clocksync.core.fencing.TermFence.Admission;
import dev.clocksync.core.fencing.TermFence.Position;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.protocol.AdjustmentResponse;
import dev.clocksync.core.protocol.AdjustmentResult;
import dev.clocksync.core.protocol.Reference;
import dev.clocksync.core.signing.ProbeNonces;
import dev.clocksync.core.time.TimeSource;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Applies the daemon's corrections to the clock, exactly once each, and only from the newest
 * live leader (see {@link TermFence}). Every refusal leaves the clock and the fence untouched.
 */
@Service
public class AdjustmentService {

    private static final Logger log = LoggerFactory.getLogger(AdjustmentService.class);

    private final DisciplinedClock clock;
    private final AgentIdentity identity;
    private final long maxCorrectionNanos;
    private final TermFence fence;

    private final ProbeNonces nonces;

    private long lastCorrectionNanos;
    private String reference = Reference.UNKNOWN;
    private InetAddress lastDaemonAddress;

    public AdjustmentService(
            DisciplinedClock clock,
            AgentIdentity identity,
            AgentProperties properties,
            TimeSource timeSource,
            ProbeNonces nonces) {
        this.clock = clock;
        this.identity = identity;
        this.maxCorrectionNanos = properties.maxCorrection().toNanos();
        this.fence = new TermFence(timeSource, properties.termExpiry());
        this.nonces = nonces;
    }

    public AdjustmentResponse apply(AdjustmentRequest request) {
        return apply(request, null);
    }

    /**
     * @param from the address the adjustment came from (its daemon), or null where unknown
     */
    public synchronized AdjustmentResponse apply(AdjustmentRequest request, InetAddress from) {
        ProbeNonces.Freshness freshness = nonces.check(request.probeNonce());
        if (freshness != ProbeNonces.Freshness.FRESH) {
            throw new AdjustmentRefusedException.StaleProbe(freshness);
        }
        long term = request.term();
        long round = request.round();
        Position before = fence.position();
        Position basis = request.hasBasis() ? new Position(request.basisTerm(), request.basisRound()) : null;
        Admission admission = fence.admit(term, round, basis);
        switch (admission) {
            case DUPLICATE -> {
                return response(request, AdjustmentResult.DUPLICATE);
            }
            case STALE_TERM -> throw new AdjustmentRefusedException.StaleTerm(term, fence.fencingTerm());
            case STALE_ROUND -> throw new AdjustmentRefusedException.StaleRound(term, round, before.round());
            case STALE_BASIS -> throw new AdjustmentRefusedException.StaleBasis(basis, before);
            case ADMITTED, ADMITTED_AFTER_EXPIRY -> {}
        }
        long correction = request.correctionNanos();
        if (correction == Long.MIN_VALUE || Math.abs(correction) > maxCorrectionNanos) {
            throw new AdjustmentRefusedException.TooLarge(correction, maxCorrectionNanos);
        }
        if (admission == Admission.ADMITTED_AFTER_EXPIRY) {
            log.warn(
                    "Term {} has been silent for {}; following term {} of {} from now on",
                    before.term(),
                    fence.silence(),
                    term,
                    request.daemonId());
        }
        CorrectionKind kind = clock.apply(correction, request.errorOrZero(), false);
        fence.applied(term, round);
        lastCorrectionNanos = correction;
        if (request.reference() != null) {
            reference = request.reference();
        }
        if (from != null) {
            lastDaemonAddress = from;
        }
        log.debug("Applied {} ns ({}) from {} term {} round {}", correction, kind, request.daemonId(), term, round);
        return response(request, kind == CorrectionKind.STEPPED ? AdjustmentResult.STEPPED : AdjustmentResult.SLEWED);
    }

    /** The last applied (term, round), as probes report it. */
    public synchronized Position position() {
        return fence.position();
    }

    public synchronized long lastCorrectionNanos() {
        return lastCorrectionNanos;
    }

    /** Where the last applied adjustment came from, null before any or where unknown. */
    public synchronized InetAddress lastDaemonAddress() {
        return lastDaemonAddress;
    }

    /** What the last applied adjustment steered toward ({@link Reference}). */
    public synchronized String reference() {
        return reference;
    }

    private AdjustmentResponse response(AdjustmentRequest request, AdjustmentResult result) {
        ClockState state = clock.state();
        return new AdjustmentResponse(
                identity.agentId(), request.term(), request.round(), result, state.status(), state.frequencyPpm());
    }
}
