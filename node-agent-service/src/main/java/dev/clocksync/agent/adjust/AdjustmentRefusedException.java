package dev.clocksync.agent.adjust;

import dev.clocksync.core.fencing.TermFence.Position;
import dev.clocksync.core.protocol.Problems;
import dev.clocksync.core.signing.ProbeNonces;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An adjustment the agent will not apply; rendered as an RFC 9457 problem detail. */
public abstract sealed class AdjustmentRefusedException extends ErrorResponseException {

    private AdjustmentRefusedException(HttpStatus status, String type, String title, String detail) {
        super(status, problem(status, type, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(Problems.type(type));
        problem.setTitle(title);
        return problem;
    }

    /** A lower term than the live one followed: a deposed leader. */
    static final class StaleTerm extends AdjustmentRefusedException {
        StaleTerm(long term, long highestTerm) {
            super(
                    HttpStatus.CONFLICT,
                    "stale-term",
                    "Stale leadership term",
                    ("Term %d is lower than term %d, whose leader has adjusted this clock within"
                                    + " clocksync.agent.term-expiry: a newer leader exists.")
                            .formatted(term, highestTerm));
            getBody().setProperty("highestTerm", highestTerm);
        }
    }

    /** An older round of the current term, arriving late. */
    static final class StaleRound extends AdjustmentRefusedException {
        StaleRound(long term, long round, long lastRound) {
            super(
                    HttpStatus.CONFLICT,
                    "stale-round",
                    "Stale round",
                    "Round %d of term %d is older than round %d, already applied.".formatted(round, term, lastRound));
            getBody().setProperty("lastRound", lastRound);
        }
    }

    /** Computed from a probe that an adjustment applied since has made obsolete. */
    static final class StaleBasis extends AdjustmentRefusedException {
        StaleBasis(Position basis, Position current) {
            super(
                    HttpStatus.CONFLICT,
                    "stale-basis",
                    "Stale basis",
                    "Correction computed when term %d round %d was the last applied, but term %d round %d has been applied since."
                            .formatted(basis.term(), basis.round(), current.term(), current.round()));
        }
    }

    /** Not computed from a fresh probe of this agent (see ProbeNonces). */
    static final class StaleProbe extends AdjustmentRefusedException {
        StaleProbe(ProbeNonces.Freshness freshness) {
            super(
                    freshness == ProbeNonces.Freshness.MALFORMED ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT,
                    freshness == ProbeNonces.Freshness.MALFORMED ? "malformed-nonce" : "stale-probe",
                    freshness == ProbeNonces.Freshness.MALFORMED ? "Malformed probe nonce" : "Stale probe",
                    switch (freshness) {
                        case MALFORMED -> "probeNonce is not a nonce of a probe answer.";
                        case UNKNOWN -> "probeNonce was not issued by this agent since it started: probe it again.";
                        case STALE ->
                            "probeNonce was issued longer ago than clocksync.agent.security.replay-window:"
                                    + " probe it again.";
                        case FRESH -> throw new IllegalArgumentException("a fresh nonce is not refused");
                    });
        }
    }

    /** A correction larger than policy allows. */
    static final class TooLarge extends AdjustmentRefusedException {
        TooLarge(long correctionNanos, long maxNanos) {
            super(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "correction-too-large",
                    "Correction too large",
                    "Correction of %d ns exceeds the maximum of %d ns (clocksync.agent.max-correction)."
                            .formatted(correctionNanos, maxNanos));
        }
    }
}
