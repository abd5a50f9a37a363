/**
 * Figures, not tests: JMH benchmarks of clock-core's hot paths and a fake-time precision harness.
 */
package dev.clocksync.benchmarks;
