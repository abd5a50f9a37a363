package dev.clocksync.core.protocol;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
 */
public record AdjustmentRequest(
        @NotBlank @Size(max = 253) String daemonId,
        @NotNull @PositiveOrZero Long term,
        @NotNull @PositiveOrZero Long round,
        @NotNull Long correctionNanos,
        @NotNull @PositiveOrZero Long issuedAtNanos,
        @PositiveOrZero Long errorNanos) {

    /** The measurement error, zero when the daemon did not say. */
    public long errorOrZero() {
        return errorNanos == null ? 0 : errorNanos;
    }
}
