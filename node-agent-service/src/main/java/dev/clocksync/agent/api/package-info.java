/**
 * The agent's HTTP API: the probe (served ahead of the filter chain for precise timestamps),
 * signed adjustments, time for applications, the discipline state, and the warm-up that compiles
 * these paths before the agent reports ready.
 */
package dev.clocksync.agent.api;
