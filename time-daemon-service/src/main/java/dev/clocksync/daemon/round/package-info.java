/**
 * One round and its memory: the runner fans out probes and adjustments, the pure planner decides,
 * the per-agent history remembers, the history keeps the records.
 */
package dev.clocksync.daemon.round;
