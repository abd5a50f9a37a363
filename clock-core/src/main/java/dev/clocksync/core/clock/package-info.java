/**
 * The disciplined clock: slew, step policy, frequency discipline, measurement weighting,
 * monotonic publication, error bound, status, leap smear.
 */
package dev.clocksync.core.clock;
