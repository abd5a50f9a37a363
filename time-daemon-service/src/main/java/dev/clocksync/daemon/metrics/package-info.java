/**
 * Rounds as Prometheus sees them, and the tags every meter carries.
 */
package dev.clocksync.daemon.metrics;
