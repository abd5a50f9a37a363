/**
 * Applying the daemon's corrections exactly once, fenced by leadership term and echoed probe
 * nonce; every refusal is a problem detail and changes nothing.
 */
package dev.clocksync.agent.adjust;
