/**
 * The node's own clock beside the agent's: the node offset (node clock minus cluster time) and
 * the node kernel's NTP state (adjtimex, read-only), as JSON and as metrics.
 */
package dev.clocksync.agent.node;
