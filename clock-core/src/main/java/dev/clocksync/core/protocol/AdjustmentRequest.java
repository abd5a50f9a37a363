package dev.clocksync.core.protocol;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/clock/adjustments}: the daemon tells an agent to move its clock.
 * Components are boxed so that a missing field is a validation error rather than a silent zero.
 *
 * @param daemonId the daemon instance that issued the correction
 * @param term leadership term (fencing token); agents refuse terms lower than the highest seen
 * @param round round number within the term; (term, round) makes the request idempotent
 * @param correctionNanos signed amount to add to the agent's clock
 * @param issuedAtNanos daemon clock when the correction was computed
 * @param errorNanos optional: how far the correction itself may be wrong (half the round-trip delay
 *     of the chosen sample plus the reference's own uncertainty); seeds the agent's error bound
 * @param basisTerm optional, with basisRound: the (lastTerm, lastRound) the agent reported in the
 *     probe the correction was computed from. If the agent has applied another adjustment since,
 *     the correction is stale (it would be applied on top of the one it was meant to replace) and
 *     is refused; a late-delivered adjustment of an earlier round can then never double a step.
 * @param basisRound see basisTerm
 * @param probeNonce the {@code nonce} of the agent's probe answer the correction was computed
 *     from; proves the adjustment fresh on the agent's own monotonic clock, so that no two hosts'
 *     wall clocks are compared
 * @param reference optional: what the correction steers toward, {@code consensus} or
 *     {@code daemon-clock}; the agent reports it with its time
 */
public record AdjustmentRequest(
        @NotBlank @Size(max = 253) String daemonId,
        @NotNull @PositiveOrZero Long term,
        @NotNull @PositiveOrZero Long round,
        @NotNull Long correctionNanos,
        @NotNull @PositiveOrZero Long issuedAtNanos,
        @PositiveOrZero Long errorNanos,
        @PositiveOrZero Long basisTerm,
        @PositiveOrZero Long basisRound,
        @NotBlank @Size(max = 64) String probeNonce,
        @Pattern(regexp = Reference.PATTERN) String reference) {

    /** An adjustment without a basis check or a named reference. */
    public AdjustmentRequest(
            String daemonId,
            Long term,
            Long round,
            Long correctionNanos,
            Long issuedAtNanos,
            Long errorNanos,
            String probeNonce) {
        this(daemonId, term, round, correctionNanos, issuedAtNanos, errorNanos, null, null, probeNonce, null);
    }

    /** Whether the request names the agent state it was computed from. */
    public boolean hasBasis() {
        return basisTerm != null && basisRound != null;
    }

    /** The measurement error, zero when the daemon did not say. */
    public long errorOrZero() {
        return errorNanos == null ? 0 : errorNanos;
    }
}
