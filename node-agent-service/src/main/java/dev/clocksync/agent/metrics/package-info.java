/**
 * The agent's clock as Prometheus sees it, and the tags every meter carries.
 */
package dev.clocksync.agent.metrics;
