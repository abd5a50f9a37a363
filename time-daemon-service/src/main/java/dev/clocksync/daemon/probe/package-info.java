/**
 * HTTP to one agent: timed probes (T1, T4 on this side), signed adjustments and what became of
 * them, and the client's warm-up.
 */
package dev.clocksync.daemon.probe;
