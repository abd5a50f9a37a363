/**
 * The wire protocol shared by agent, daemon and tools: records, paths, headers, problem types and
 * the strict JSON reading rules.
 */
package dev.clocksync.core.protocol;
